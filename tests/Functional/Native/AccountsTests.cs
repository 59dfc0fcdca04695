using System.Net;
using Steward.Functional.Infrastructure;

namespace Steward.Functional.Native;

/// <summary><c>/api/v1/accounts</c>: root creates, lists and deletes; an account reads and changes itself.</summary>
public sealed class AccountsTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task Root_creates_an_account_with_a_first_credential_shown_once()
    {
        using var root = await factory.RootClientAsync();
        var name = NativeKit.Unique("acct-");
        using var response = await root.PostJsonAsync("/api/v1/accounts", new { name, email = "owner@example.com" });
        var body = await response.ExpectJsonAsync(HttpStatusCode.Created);

        var id = body.Str("id");
        Assert.StartsWith("acct-", id, StringComparison.Ordinal);
        Assert.Equal(name, body.Str("name"));
        Assert.Equal("owner@example.com", body.Str("email"));
        Assert.StartsWith("AAK", body.Str("api_key"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(body.Str("api_secret")));
        Assert.StartsWith("cred-", body.Str("credential_id"), StringComparison.Ordinal);
        Assert.Equal("/api/v1/accounts/" + id, response.Headers.Location?.OriginalString);

        // The key and secret work, and the account reads itself; the secret is never shown again.
        var token = await factory.CreateClient().TokenAsync(body.Str("api_key"), body.Str("api_secret"));
        using var own = factory.ClientWithToken(token);
        var read = await own.GetOkAsync("/api/v1/accounts/" + id);
        Assert.Equal(name, read.Str("name"));
        Assert.False(read.TryGetProperty("api_secret", out _));
    }

    [StewardFact]
    public async Task Root_lists_all_accounts_and_an_account_lists_only_itself()
    {
        using var a = await factory.NewTenantAsync();
        using var b = await factory.NewTenantAsync();
        using var root = await factory.RootClientAsync();

        var all = (await root.ListAllAsync("/api/v1/accounts", limit: 100)).Select(x => x.Str("id")).ToList();
        Assert.Contains(a.Id, all);
        Assert.Contains(b.Id, all);
        Assert.Equal(all.Count, all.Distinct().Count());

        var mine = await a.Http.GetOkAsync("/api/v1/accounts");
        Assert.Equal(a.Id, Assert.Single(mine.Ids()));
    }

    [StewardFact]
    public async Task Get_answers_the_account_with_its_ETag()
    {
        using var a = await factory.NewTenantAsync();
        using var response = await a.Http.GetAsync(new Uri("/api/v1/accounts/" + a.Id, UriKind.Relative));
        var body = await response.ExpectJsonAsync(HttpStatusCode.OK);
        Assert.Equal(a.Id, body.Str("id"));
        Assert.Equal(a.Account.Name, body.Str("name"));
        Assert.Equal("\"" + body.Number("version") + "\"", response.Headers.ETag?.Tag);
    }

    [StewardFact]
    public async Task An_account_changes_its_own_name_and_email()
    {
        using var a = await factory.NewTenantAsync();
        var name = NativeKit.Unique("renamed-");
        using var response = await a.Http.PatchJsonAsync("/api/v1/accounts/" + a.Id, new { name, email = "new@example.com" });
        var body = await response.ExpectJsonAsync(HttpStatusCode.OK);
        Assert.Equal(name, body.Str("name"));
        Assert.Equal("new@example.com", body.Str("email"));
        Assert.Equal(2, body.Number("version"));

        var read = await a.Http.GetOkAsync("/api/v1/accounts/" + a.Id);
        Assert.Equal(name, read.Str("name"));
    }

    [StewardFact]
    public async Task Root_deletes_an_account_and_it_is_gone()
    {
        using var a = await factory.NewTenantAsync();
        using var root = await factory.RootClientAsync();

        await root.ExpectAsync(HttpMethod.Delete, "/api/v1/accounts/" + a.Id, HttpStatusCode.NoContent);

        await root.ExpectProblemAsync(HttpMethod.Get, "/api/v1/accounts/" + a.Id, HttpStatusCode.NotFound, code: "not-found");
        await root.ExpectProblemAsync(HttpMethod.Delete, "/api/v1/accounts/" + a.Id, HttpStatusCode.NotFound, code: "not-found");
        var all = (await root.ListAllAsync("/api/v1/accounts", limit: 100)).Select(x => x.Str("id"));
        Assert.DoesNotContain(a.Id, all);
    }

    [StewardFact]
    public async Task Only_root_creates_and_deletes_accounts()
    {
        using var a = await factory.NewTenantAsync();
        await a.Http.ExpectProblemAsync(HttpMethod.Post, "/api/v1/accounts", HttpStatusCode.Forbidden, new { name = "x", email = "x@example.com" }, "forbidden");
        await a.Http.ExpectProblemAsync(HttpMethod.Delete, "/api/v1/accounts/" + a.Id, HttpStatusCode.Forbidden, code: "forbidden");

        // Still there.
        await a.Http.GetOkAsync("/api/v1/accounts/" + a.Id);
    }

    [StewardFact]
    public async Task Create_names_every_missing_or_invalid_field()
    {
        using var root = await factory.RootClientAsync();
        using var missing = await root.PostJsonAsync("/api/v1/accounts", new { });
        await missing.ExpectValidationAsync("name", "email");

        using var badEmail = await root.PostJsonAsync("/api/v1/accounts", new { name = "x", email = "not an email" });
        await badEmail.ExpectValidationAsync("email");
    }
}
