using System.Net;
using System.Net.Http.Json;
using Steward.Functional.Infrastructure;
using Steward.Functional.Native;

namespace Steward.Functional.Realms;

/// <summary>Bad requests to the realm endpoints, answered in Keycloak's style, never a 500.</summary>
public sealed class RealmBadInputTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task An_unknown_realm_is_404_realm_does_not_exist_on_every_endpoint()
    {
        using var client = factory.CreateClient();
        foreach (var path in new[] { "/realms/no-such-realm", "/auth/realms/no-such-realm", "/realms/no-such-realm/protocol/openid-connect/certs", "/realms/no-such-realm/.well-known/openid-configuration", "/realms/NOT_A_SLUG" })
        {
            using var get = await client.GetAsync(new Uri(path, UriKind.Relative));
            var body = await get.ExpectJsonAsync(HttpStatusCode.NotFound);
            Assert.Equal("Realm does not exist", body.Str("error"));
            Assert.False(body.TryGetProperty("error_description", out _));
        }

        using var token = await client.TokenRequestAsync("no-such-realm", new() { ["grant_type"] = "password", ["client_id"] = "account-server-api", ["username"] = "a", ["password"] = "b" });
        Assert.Equal("Realm does not exist", (await token.ExpectJsonAsync(HttpStatusCode.NotFound)).Str("error"));
    }

    [StewardFact]
    public async Task Missing_unknown_or_incomplete_grants_are_400()
    {
        using var realm = await factory.NewRealmAsync();
        using var client = factory.CreateClient();
        using var missing = await client.TokenRequestAsync(realm.Slug, new() { ["client_id"] = "account-server-api" });
        await RealmTokenTests.ExpectErrorAsync(missing, HttpStatusCode.BadRequest, "invalid_request", "Missing form parameter: grant_type");

        using var unknown = await client.TokenRequestAsync(realm.Slug, new() { ["grant_type"] = "authorization_code", ["client_id"] = "account-server-api" });
        await RealmTokenTests.ExpectErrorAsync(unknown, HttpStatusCode.BadRequest, "unsupported_grant_type", "Unsupported grant_type");

        using var refresh = await client.TokenRequestAsync(realm.Slug, new() { ["grant_type"] = "refresh_token", ["client_id"] = "account-server-api", ["refresh_token"] = "x" });
        await RealmTokenTests.ExpectErrorAsync(refresh, HttpStatusCode.BadRequest, "unsupported_grant_type");

        using var noClient = await client.TokenRequestAsync(realm.Slug, new() { ["grant_type"] = "password", ["username"] = "alice", ["password"] = RealmKit.Password });
        await RealmTokenTests.ExpectErrorAsync(noClient, HttpStatusCode.BadRequest, "invalid_client", "Missing parameter: client_id");

        using var noUser = await client.TokenRequestAsync(realm.Slug, new() { ["grant_type"] = "password", ["client_id"] = "account-server-api", ["password"] = RealmKit.Password });
        await RealmTokenTests.ExpectErrorAsync(noUser, HttpStatusCode.BadRequest, "invalid_request", "Missing parameter: username");

        using var noPassword = await client.TokenRequestAsync(realm.Slug, new() { ["grant_type"] = "password", ["client_id"] = "account-server-api", ["username"] = "alice" });
        await RealmTokenTests.ExpectErrorAsync(noPassword, HttpStatusCode.BadRequest, "invalid_request");
    }

    [StewardFact]
    public async Task A_body_that_is_not_a_form_is_400_invalid_request()
    {
        using var realm = await factory.NewRealmAsync();
        using var client = factory.CreateClient();
        var url = new Uri($"/realms/{realm.Slug}/protocol/openid-connect/token", UriKind.Relative);
        using var json = await client.PostAsJsonAsync(url, new { grant_type = "password", client_id = "account-server-api", username = "alice", password = RealmKit.Password });
        await RealmTokenTests.ExpectErrorAsync(json, HttpStatusCode.BadRequest, "invalid_request", "Send the parameters as application/x-www-form-urlencoded.");

        using var none = await client.PostAsync(url, null);
        await RealmTokenTests.ExpectErrorAsync(none, HttpStatusCode.BadRequest, "invalid_request");
    }

    [StewardFact]
    public async Task Unknown_paths_and_methods_answer_in_the_realms_style()
    {
        using var realm = await factory.NewRealmAsync();
        using var client = factory.CreateClient();
        using var get = await client.GetAsync(new Uri($"/realms/{realm.Slug}/protocol/openid-connect/token", UriKind.Relative));
        await RealmTokenTests.ExpectErrorAsync(get, HttpStatusCode.MethodNotAllowed, "method_not_allowed");
        using var unknown = await client.GetAsync(new Uri($"/realms/{realm.Slug}/protocol/openid-connect/userinfo", UriKind.Relative));
        await RealmTokenTests.ExpectErrorAsync(unknown, HttpStatusCode.NotFound, "not_found");
    }

    [StewardFact]
    public async Task Only_the_account_gives_the_admin_role()
    {
        using var realm = await factory.NewRealmAsync();
        using var user = factory.ClientWithToken(await realm.Tenant.Http.MintUserTokenAsync(realm.UserId));
        using var self = await user.PatchJsonAsync("/api/v1/users/" + realm.UserId, new { admin = true });
        await self.ExpectProblemAsync(HttpStatusCode.Forbidden);

        using var byAccount = await realm.Tenant.Http.PatchJsonAsync("/api/v1/users/" + realm.UserId, new { admin = true });
        Assert.True((await byAccount.ExpectJsonAsync(HttpStatusCode.OK)).GetProperty("admin").GetBoolean());
    }
}
