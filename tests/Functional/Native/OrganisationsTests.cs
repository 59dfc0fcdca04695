using System.Net;
using Steward.Functional.Infrastructure;

namespace Steward.Functional.Native;

/// <summary><c>/api/v1/organisations</c>: create, read (with ETag), list, change, delete.</summary>
public sealed class OrganisationsTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task Create_answers_201_with_id_location_and_a_credential()
    {
        using var a = await factory.NewTenantAsync();
        var name = NativeKit.Unique("org-");
        var domain = NativeKit.UniqueDomain();
        using var response = await a.Http.PostJsonAsync("/api/v1/organisations", new { name, domain_name = domain, description = "first" });
        var org = await response.ExpectJsonAsync(HttpStatusCode.Created);

        var id = org.Str("id");
        Assert.StartsWith("org-", id, StringComparison.Ordinal);
        Assert.Equal(a.Id, org.Str("account_id"));
        Assert.Equal(name, org.Str("name"));
        Assert.Equal(domain, org.Str("domain_name"));
        Assert.Equal("first", org.Str("description"));
        Assert.Equal(1, org.Number("version"));
        Assert.StartsWith("DAK", org.Str("api_key"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(org.Str("api_secret")));
        Assert.Equal("/api/v1/organisations/" + id, response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
    }

    [StewardFact]
    public async Task Get_answers_the_organisation_with_its_ETag()
    {
        using var a = await factory.NewTenantAsync();
        var org = await a.Http.NewOrganisationAsync();
        using var response = await a.Http.GetAsync(new Uri("/api/v1/organisations/" + org.Str("id"), UriKind.Relative));
        var body = await response.ExpectJsonAsync(HttpStatusCode.OK);
        Assert.Equal(org.Str("id"), body.Str("id"));
        Assert.Equal(org.Str("name"), body.Str("name"));
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.False(body.TryGetProperty("api_secret", out _), "the secret is shown only at creation");
    }

    [StewardFact]
    public async Task List_answers_the_accounts_organisations()
    {
        using var a = await factory.NewTenantAsync();
        var one = await a.Http.NewOrganisationAsync();
        var two = await a.Http.NewOrganisationAsync();

        var page = await a.Http.GetOkAsync("/api/v1/organisations");
        Assert.Equal([one.Str("id"), two.Str("id")], page.Ids());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, page.GetProperty("next_cursor").ValueKind);
    }

    [StewardFact]
    public async Task Patch_changes_the_organisation_and_bumps_its_version()
    {
        using var a = await factory.NewTenantAsync();
        var org = await a.Http.NewOrganisationAsync();
        var url = "/api/v1/organisations/" + org.Str("id");
        var name = NativeKit.Unique("renamed-");

        using var response = await a.Http.PatchJsonAsync(url, new { name, description = "changed" });
        var body = await response.ExpectJsonAsync(HttpStatusCode.OK);
        Assert.Equal(name, body.Str("name"));
        Assert.Equal("changed", body.Str("description"));
        Assert.Equal(2, body.Number("version"));
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);

        var read = await a.Http.GetOkAsync(url);
        Assert.Equal(name, read.Str("name"));
        Assert.Equal("changed", read.Str("description"));
    }

    [StewardFact]
    public async Task Delete_removes_the_organisation()
    {
        using var a = await factory.NewTenantAsync();
        var org = await a.Http.NewOrganisationAsync();
        var url = "/api/v1/organisations/" + org.Str("id");

        await a.Http.ExpectAsync(HttpMethod.Delete, url, HttpStatusCode.NoContent);

        await a.Http.ExpectProblemAsync(HttpMethod.Get, url, HttpStatusCode.NotFound, code: "not-found");
        await a.Http.ExpectProblemAsync(HttpMethod.Delete, url, HttpStatusCode.NotFound, code: "not-found");
        Assert.Empty((await a.Http.GetOkAsync("/api/v1/organisations")).Items());
    }

    [StewardFact]
    public async Task Names_are_unique_in_an_account_and_domain_names_on_the_server()
    {
        using var a = await factory.NewTenantAsync();
        using var b = await factory.NewTenantAsync();
        var domain = NativeKit.UniqueDomain();
        var org = await a.Http.NewOrganisationAsync(domainName: domain);

        await a.Http.ExpectProblemAsync(HttpMethod.Post, "/api/v1/organisations", HttpStatusCode.Conflict, new { name = org.Str("name") }, "conflict");
        await b.Http.ExpectProblemAsync(HttpMethod.Post, "/api/v1/organisations", HttpStatusCode.Conflict, new { name = "other", domain_name = domain }, "conflict");

        // The same name in another account is fine.
        await b.Http.NewOrganisationAsync(name: org.Str("name"));
        Assert.Single((await a.Http.GetOkAsync("/api/v1/organisations")).Items());
    }

    [StewardFact]
    public async Task Create_names_missing_and_invalid_fields()
    {
        using var a = await factory.NewTenantAsync();
        using var missing = await a.Http.PostJsonAsync("/api/v1/organisations", new { description = "no name" });
        await missing.ExpectValidationAsync("name");

        using var badDomain = await a.Http.PostJsonAsync("/api/v1/organisations", new { name = "x", domain_name = "not a domain!" });
        await badDomain.ExpectValidationAsync("domain_name");

        Assert.Empty((await a.Http.GetOkAsync("/api/v1/organisations")).Items());
    }

    [StewardFact]
    public async Task A_user_who_creates_an_organisation_becomes_its_owner()
    {
        using var a = await factory.NewTenantAsync();
        var userId = (await a.Http.NewUserAsync()).Str("id");
        using var user = factory.ClientWithToken(await a.Http.MintUserTokenAsync(userId));

        var org = await user.NewOrganisationAsync();
        Assert.Equal(a.Id, org.Str("account_id"));
        var owner = Assert.Single((await a.Http.GetOkAsync($"/api/v1/organisations/{org.Str("id")}/memberships")).Items());
        Assert.Equal(userId, owner.Str("user_id"));
        Assert.Equal("owner", owner.Str("role"));

        Assert.Equal([org.Str("id")], (await user.GetOkAsync("/api/v1/organisations")).Ids());
        await user.ExpectAsync(HttpMethod.Delete, "/api/v1/organisations/" + org.Str("id"), HttpStatusCode.NoContent);
        Assert.Empty((await a.Http.GetOkAsync("/api/v1/organisations")).Items());
    }

    [StewardFact]
    public async Task An_organisations_credential_cannot_create_organisations()
    {
        using var a = await factory.NewTenantAsync();
        var org = await a.Http.NewOrganisationAsync();
        using var orgClient = factory.ClientWithToken(await factory.CreateClient().TokenAsync(org.Str("api_key"), org.Str("api_secret")));
        await orgClient.ExpectProblemAsync(HttpMethod.Post, "/api/v1/organisations", HttpStatusCode.Forbidden, new { name = "child" }, "forbidden");
        Assert.Single((await a.Http.GetOkAsync("/api/v1/organisations")).Items());
    }

    [StewardFact]
    public async Task Root_creates_an_organisation_in_a_named_account()
    {
        using var a = await factory.NewTenantAsync();
        using var root = await factory.RootClientAsync();
        using var response = await root.PostJsonAsync("/api/v1/organisations", new { name = "by-root", account_id = a.Id });
        Assert.Equal(a.Id, (await response.ExpectJsonAsync(HttpStatusCode.Created)).Str("account_id"));
        Assert.Single((await a.Http.GetOkAsync("/api/v1/organisations")).Items());
        await root.ExpectProblemAsync(HttpMethod.Post, "/api/v1/organisations", HttpStatusCode.NotFound, new { name = "nowhere", account_id = NativeKit.UnknownId("acct") }, "not-found");
    }
}
