using System.Net;
using Microsoft.IdentityModel.JsonWebTokens;
using Steward.Functional.Infrastructure;
using Steward.Functional.Native;

namespace Steward.Functional.Realms;

/// <summary>
/// <c>POST /realms/{realm}/protocol/openid-connect/token</c> over HTTP, the tokens checked with Microsoft.IdentityModel
/// against what the realm publishes (its JWKS and its <c>public_key</c>).
/// </summary>
public sealed class RealmTokenTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task Password_grant_answers_a_Keycloak_token_that_verifies_with_the_published_keys()
    {
        using var realm = await factory.NewRealmAsync();
        using var client = factory.CreateClient();
        using var response = await client.TokenRequestAsync(realm.Slug, realm.PasswordForm());
        var body = await response.ExpectJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Bearer", body.Str("token_type"));
        Assert.Equal(300, body.Number("expires_in"));
        Assert.Equal(0, body.Number("refresh_expires_in"));
        Assert.Equal(0, body.Number("not-before-policy"));
        Assert.Equal("profile email", body.Str("scope"));
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);

        var token = body.Str("access_token");
        var issuer = RealmKit.IssuerOf(realm.Slug);
        var jwks = await factory.JwksAsync(realm.Slug);
        var byJwks = await RealmKit.ValidateAsync(token, jwks.GetSigningKeys(), issuer, factory.Time.GetUtcNow());
        Assert.True(byJwks.IsValid, byJwks.Exception?.Message);
        var byPublicKey = await RealmKit.ValidateAsync(token, [await factory.PublicKeyAsync(realm.Slug)], issuer, factory.Time.GetUtcNow());
        Assert.True(byPublicKey.IsValid, byPublicKey.Exception?.Message);

        var jwt = (JsonWebToken)byJwks.SecurityToken;
        Assert.Equal("RS256", jwt.Alg);
        Assert.Equal(jwks.Keys[0].Kid, jwt.Kid);
        Assert.Equal(realm.UserId, jwt.Subject);
        Assert.Equal("alice", jwt.GetPayloadValue<string>("preferred_username"));
        Assert.Equal("account-server-api", jwt.GetPayloadValue<string>("azp"));
        Assert.Equal("Bearer", jwt.GetPayloadValue<string>("typ"));
        Assert.Equal(["account-server-api"], jwt.Audiences);
        Assert.Equal(300, (jwt.ValidTo - jwt.IssuedAt).TotalSeconds, 1);
        Assert.Equal(["user"], Roles(jwt));
    }

    [StewardFact]
    public async Task An_admin_has_the_admin_realm_role_and_the_auth_base_path_is_its_own_issuer()
    {
        using var realm = await factory.NewRealmAsync(admin: true);
        var token = await factory.PasswordTokenAsync(realm, "/auth");
        var issuer = RealmKit.IssuerOf(realm.Slug, "/auth");
        var result = await RealmKit.ValidateAsync(token, (await factory.JwksAsync(realm.Slug)).GetSigningKeys(), issuer, factory.Time.GetUtcNow());
        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal(["user", "admin"], Roles((JsonWebToken)result.SecurityToken));

        // Keycloak's older base path serves the same realm document.
        using var client = factory.CreateClient();
        var document = await client.GetOkAsync($"/auth/realms/{realm.Slug}");
        Assert.Equal(realm.Slug, document.Str("realm"));
        Assert.Equal(issuer + "/protocol/openid-connect", document.Str("token-service"));
    }

    [StewardFact]
    public async Task Client_credentials_with_the_accounts_key_and_a_users_key()
    {
        using var realm = await factory.NewRealmAsync();
        using var client = factory.CreateClient();
        var issuer = RealmKit.IssuerOf(realm.Slug);
        var keys = (await factory.JwksAsync(realm.Slug)).GetSigningKeys();

        using var asAccount = await client.TokenRequestAsync(realm.Slug, RealmKit.ClientForm(realm.Tenant.Account.ApiKey, realm.Tenant.Account.ApiSecret));
        var accountToken = (await asAccount.ExpectJsonAsync(HttpStatusCode.OK)).Str("access_token");
        var account = await RealmKit.ValidateAsync(accountToken, keys, issuer, factory.Time.GetUtcNow());
        Assert.True(account.IsValid, account.Exception?.Message);
        var jwt = (JsonWebToken)account.SecurityToken;
        Assert.Equal(realm.Tenant.Id, jwt.Subject);
        Assert.Equal(realm.Tenant.Account.ApiKey, jwt.GetPayloadValue<string>("azp"));
        Assert.Equal(["user", "admin"], Roles(jwt));

        var credential = await realm.Tenant.Http.NewCredentialAsync(realm.UserId, "service");
        using var asUser = await client.TokenRequestAsync(realm.Slug, RealmKit.ClientForm(credential.Str("api_key"), credential.Str("api_secret")));
        var user = await RealmKit.ValidateAsync((await asUser.ExpectJsonAsync(HttpStatusCode.OK)).Str("access_token"), keys, issuer, factory.Time.GetUtcNow());
        Assert.True(user.IsValid, user.Exception?.Message);
        Assert.Equal(realm.UserId, ((JsonWebToken)user.SecurityToken).Subject);
        Assert.Equal("alice", ((JsonWebToken)user.SecurityToken).GetPayloadValue<string>("preferred_username"));
    }

    [StewardFact]
    public async Task A_token_of_another_realm_is_not_this_realms()
    {
        using var a = await factory.NewRealmAsync();
        using var b = await factory.NewRealmAsync();
        var tokenOfB = await factory.PasswordTokenAsync(b);
        var keys = (await factory.JwksAsync(a.Slug)).GetSigningKeys();
        var asA = await RealmKit.ValidateAsync(tokenOfB, keys, RealmKit.IssuerOf(a.Slug), factory.Time.GetUtcNow());
        Assert.False(asA.IsValid);
        Assert.IsType<Microsoft.IdentityModel.Tokens.SecurityTokenInvalidIssuerException>(asA.Exception);

        // Nor do a realm's user names or keys sign in to another realm.
        using var client = factory.CreateClient();
        using var password = await client.TokenRequestAsync(a.Slug, new Dictionary<string, string>(b.PasswordForm()) { ["username"] = "alice", ["password"] = "wrong-for-a" });
        await ExpectErrorAsync(password, HttpStatusCode.Unauthorized, "invalid_grant", "Invalid user credentials");
        using var key = await client.TokenRequestAsync(a.Slug, RealmKit.ClientForm(b.Tenant.Account.ApiKey, b.Tenant.Account.ApiSecret));
        await ExpectErrorAsync(key, HttpStatusCode.Unauthorized, "invalid_client", "Invalid client or Invalid client credentials");
    }

    [StewardFact]
    public async Task Wrong_password_unknown_user_and_wrong_secret_are_refused_in_Keycloaks_shape()
    {
        using var realm = await factory.NewRealmAsync();
        using var client = factory.CreateClient();
        using var wrong = await client.TokenRequestAsync(realm.Slug, realm.PasswordForm("not the password"));
        await ExpectErrorAsync(wrong, HttpStatusCode.Unauthorized, "invalid_grant", "Invalid user credentials");

        using var nobody = await client.TokenRequestAsync(realm.Slug, new Dictionary<string, string>(realm.PasswordForm()) { ["username"] = "nobody" });
        await ExpectErrorAsync(nobody, HttpStatusCode.Unauthorized, "invalid_grant", "Invalid user credentials");

        using var secret = await client.TokenRequestAsync(realm.Slug, RealmKit.ClientForm(realm.Tenant.Account.ApiKey, "wrong-secret"));
        await ExpectErrorAsync(secret, HttpStatusCode.Unauthorized, "invalid_client", "Invalid client or Invalid client credentials");

        // The public client has no service account.
        using var publicClient = await client.TokenRequestAsync(realm.Slug, new() { ["grant_type"] = "client_credentials", ["client_id"] = "account-server-api" });
        await ExpectErrorAsync(publicClient, HttpStatusCode.BadRequest, "unauthorized_client", "Client not enabled to retrieve service account");
    }

    [StewardFact]
    public async Task The_python_clients_unencoded_body_signs_in()
    {
        // squonk2.auth builds the body by concatenation without URL-encoding; a password without & + % = # survives.
        using var realm = await factory.NewRealmAsync();
        using var client = factory.CreateClient();
        using var content = new StringContent(
            $"client_id=account-server-api&grant_type=password&username={realm.Username}&password={realm.Password}",
            System.Text.Encoding.UTF8,
            "application/x-www-form-urlencoded");
        using var response = await client.PostAsync(new Uri($"/auth/realms/{realm.Slug}/protocol/openid-connect/token", UriKind.Relative), content);
        Assert.False(string.IsNullOrEmpty((await response.ExpectJsonAsync(HttpStatusCode.OK)).Str("access_token")));
    }

    internal static async Task ExpectErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error, string? description = null)
    {
        var body = await response.ExpectJsonAsync(status);
        Assert.Equal(error, body.Str("error"));
        if (description is not null)
        {
            Assert.Equal(description, body.Str("error_description"));
        }
    }

    private static List<string> Roles(JsonWebToken jwt) =>
        [.. jwt.GetPayloadValue<System.Text.Json.JsonElement>("realm_access").GetProperty("roles").EnumerateArray().Select(r => r.GetString()!)];
}
