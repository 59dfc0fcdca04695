using System.Net;
using System.Text.Json;
using Steward.Functional.Infrastructure;

namespace Steward.Functional.Native;

/// <summary><c>/api/v1/users</c>: users of an account, optionally homed in an organisation.</summary>
public sealed class UsersTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task Create_a_user_in_the_account()
    {
        using var a = await factory.NewTenantAsync();
        using var response = await a.Http.PostJsonAsync("/api/v1/users", new
        {
            username = "alice",
            email = "alice@example.com",
            first_name = "Alice",
            last_name = "Liddell",
            phone_number = "+15551234567",
            country_code = "US",
        });
        var user = await response.ExpectJsonAsync(HttpStatusCode.Created);
        var id = user.Str("id");
        Assert.StartsWith("user-", id, StringComparison.Ordinal);
        Assert.Equal(a.Id, user.Str("account_id"));
        Assert.Equal(JsonValueKind.Null, user.GetProperty("organisation_id").ValueKind);
        Assert.Equal("alice", user.Str("username"));
        Assert.Equal("Alice", user.Str("first_name"));
        Assert.False(user.GetProperty("has_password").GetBoolean());
        Assert.StartsWith("UAK", user.Str("api_key"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(user.Str("api_secret")));
        Assert.Equal("/api/v1/users/" + id, response.Headers.Location?.OriginalString);

        using var read = await a.Http.GetAsync(new Uri("/api/v1/users/" + id, UriKind.Relative));
        var body = await read.ExpectJsonAsync(HttpStatusCode.OK);
        Assert.Equal("alice@example.com", body.Str("email"));
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
        Assert.False(body.TryGetProperty("api_secret", out _));
    }

    [StewardFact]
    public async Task Create_a_user_in_an_organisation_makes_it_a_member()
    {
        using var a = await factory.NewTenantAsync();
        var orgId = (await a.Http.NewOrganisationAsync()).Str("id");
        var user = await a.Http.NewUserAsync(organisationId: orgId, password: "correct horse");
        Assert.Equal(orgId, user.Str("organisation_id"));
        Assert.True(user.GetProperty("has_password").GetBoolean());

        var inOrg = await a.Http.GetOkAsync("/api/v1/users?organisation_id=" + orgId);
        Assert.Equal([user.Str("id")], inOrg.Ids());

        var members = await a.Http.GetOkAsync($"/api/v1/organisations/{orgId}/memberships");
        var member = Assert.Single(members.Items());
        Assert.Equal(user.Str("id"), member.Str("user_id"));
        Assert.Equal("member", member.Str("role"));
    }

    [StewardFact]
    public async Task List_patch_and_delete_users()
    {
        using var a = await factory.NewTenantAsync();
        var one = await a.Http.NewUserAsync();
        var two = await a.Http.NewUserAsync();
        Assert.Equal([one.Str("id"), two.Str("id")], (await a.Http.GetOkAsync("/api/v1/users")).Ids());

        var url = "/api/v1/users/" + one.Str("id");
        using (var patched = await a.Http.PatchJsonAsync(url, new { first_name = "Bob", username = "bobby" }))
        {
            var body = await patched.ExpectJsonAsync(HttpStatusCode.OK);
            Assert.Equal("Bob", body.Str("first_name"));
            Assert.Equal("bobby", body.Str("username"));
            Assert.Equal(2, body.Number("version"));
            Assert.Equal("\"2\"", patched.Headers.ETag?.Tag);
        }

        Assert.Equal("bobby", (await a.Http.GetOkAsync(url)).Str("username"));

        await a.Http.ExpectAsync(HttpMethod.Delete, url, HttpStatusCode.NoContent);
        await a.Http.ExpectProblemAsync(HttpMethod.Get, url, HttpStatusCode.NotFound, code: "not-found");
        Assert.Equal([two.Str("id")], (await a.Http.GetOkAsync("/api/v1/users")).Ids());
    }

    [StewardFact]
    public async Task A_username_is_unique_per_organisation_and_per_account()
    {
        using var a = await factory.NewTenantAsync();
        var org1 = (await a.Http.NewOrganisationAsync()).Str("id");
        var org2 = (await a.Http.NewOrganisationAsync()).Str("id");

        // The same username in two organisations, and at account level, is fine.
        await a.Http.NewUserAsync("carol", org1);
        await a.Http.NewUserAsync("carol", org2);
        await a.Http.NewUserAsync("carol");

        // Twice in one organisation, or twice in the account, is not.
        using (var again = await a.Http.PostJsonAsync("/api/v1/users", new { username = "carol", organisation_id = org1 }))
        {
            await again.ExpectFieldConflictAsync("username");
        }

        using (var againInAccount = await a.Http.PostJsonAsync("/api/v1/users", new { username = "carol" }))
        {
            await againInAccount.ExpectFieldConflictAsync("username");
        }

        Assert.Single((await a.Http.GetOkAsync("/api/v1/users?organisation_id=" + org1)).Items());
        Assert.Equal(3, (await a.Http.ListAllAsync("/api/v1/users")).Count);
    }

    [StewardFact]
    public async Task Renaming_to_a_taken_username_is_refused()
    {
        using var a = await factory.NewTenantAsync();
        await a.Http.NewUserAsync("dave");
        var erin = await a.Http.NewUserAsync("erin");
        using var response = await a.Http.PatchJsonAsync("/api/v1/users/" + erin.Str("id"), new { username = "dave" });
        await response.ExpectFieldConflictAsync("username");
        Assert.Equal("erin", (await a.Http.GetOkAsync("/api/v1/users/" + erin.Str("id"))).Str("username"));
    }

    [StewardFact]
    public async Task Create_names_every_invalid_field()
    {
        using var a = await factory.NewTenantAsync();
        using (var missing = await a.Http.PostJsonAsync("/api/v1/users", new { email = "x@example.com" }))
        {
            await missing.ExpectValidationAsync("username");
        }

        using (var bad = await a.Http.PostJsonAsync("/api/v1/users", new { username = "has space", email = "nope", phone_number = "call me", password = "short" }))
        {
            await bad.ExpectValidationAsync("username", "email", "phone_number", "password");
        }

        using (var badOrg = await a.Http.PostJsonAsync("/api/v1/users", new { username = "ok", organisation_id = "unit-not-an-org" }))
        {
            await badOrg.ExpectValidationAsync("organisation_id");
        }

        Assert.Empty((await a.Http.GetOkAsync("/api/v1/users")).Items());
    }

    [StewardFact]
    public async Task A_users_organisation_cannot_be_changed()
    {
        using var a = await factory.NewTenantAsync();
        var org = (await a.Http.NewOrganisationAsync()).Str("id");
        var user = await a.Http.NewUserAsync();
        using var response = await a.Http.PatchJsonAsync("/api/v1/users/" + user.Str("id"), new { organisation_id = org });
        await response.ExpectValidationAsync("organisation_id");
    }
}
