using System.Net;
using System.Net.Http.Json;
using Steward.Functional.Infrastructure;

namespace Steward.Functional.Native;

/// <summary>OAuth 2.0: <c>/oauth/token</c> (client_credentials, password), <c>/oauth/revoke</c>, <c>/oauth/introspect</c>.</summary>
public sealed class OAuthTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    private const string Password = "correct horse battery";

    [StewardFact]
    public async Task Client_credentials_in_the_form()
    {
        using var a = await factory.NewTenantAsync();
        using var client = factory.CreateClient();
        using var response = await client.PostFormAsync("/oauth/token", new()
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = a.Account.ApiKey,
            ["client_secret"] = a.Account.ApiSecret,
        });
        var body = await response.ExpectJsonAsync(HttpStatusCode.OK);
        Assert.StartsWith("AAT", body.Str("access_token"), StringComparison.Ordinal);
        Assert.Equal("Bearer", body.Str("token_type"));
        Assert.InRange(body.Number("expires_in"), 3500, 3600);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await factory.TokenStatusAsync(body.Str("access_token")));
    }

    [StewardFact]
    public async Task Client_credentials_with_HTTP_Basic()
    {
        using var a = await factory.NewTenantAsync();
        using var client = factory.CreateClient();
        using var response = await client.PostFormAsync(
            "/oauth/token",
            new() { ["grant_type"] = "client_credentials" },
            NativeKit.Basic(a.Account.ApiKey, a.Account.ApiSecret));
        var token = (await response.ExpectJsonAsync(HttpStatusCode.OK)).Str("access_token");
        using var account = factory.ClientWithToken(token);
        Assert.Equal(a.Id, (await account.GetOkAsync("/api/v1/tokens/current")).Str("subject"));
    }

    [StewardFact]
    public async Task Password_grant_with_username_at_domain_for_an_organisation_user()
    {
        using var a = await factory.NewTenantAsync();
        var domain = NativeKit.UniqueDomain();
        var orgId = (await a.Http.NewOrganisationAsync(domainName: domain)).Str("id");
        var userId = (await a.Http.NewUserAsync("frank", orgId, Password)).Str("id");

        using var client = factory.CreateClient();
        using var response = await client.PostFormAsync("/oauth/token", new()
        {
            ["grant_type"] = "password",
            ["username"] = "frank@" + domain,
            ["password"] = Password,
        });
        var token = (await response.ExpectJsonAsync(HttpStatusCode.OK)).Str("access_token");
        Assert.StartsWith("UAT", token, StringComparison.Ordinal);

        using var user = factory.ClientWithToken(token);
        var current = await user.GetOkAsync("/api/v1/tokens/current");
        Assert.Equal(userId, current.Str("subject"));
        Assert.Equal(orgId, current.Str("organisation_id"));
    }

    [StewardFact]
    public async Task Password_grant_with_the_accounts_client_and_a_bare_username()
    {
        using var a = await factory.NewTenantAsync();
        var userId = (await a.Http.NewUserAsync("grace", password: Password)).Str("id");

        using var client = factory.CreateClient();
        using var response = await client.PostFormAsync("/oauth/token", new()
        {
            ["grant_type"] = "password",
            ["client_id"] = a.Account.ApiKey,
            ["client_secret"] = a.Account.ApiSecret,
            ["username"] = "grace",
            ["password"] = Password,
        });
        var token = (await response.ExpectJsonAsync(HttpStatusCode.OK)).Str("access_token");
        using var user = factory.ClientWithToken(token);
        Assert.Equal(userId, (await user.GetOkAsync("/api/v1/tokens/current")).Str("subject"));

        // The same bare username through another account's client names nobody.
        using var b = await factory.NewTenantAsync();
        using var other = await client.PostFormAsync("/oauth/token", new()
        {
            ["grant_type"] = "password",
            ["client_id"] = b.Account.ApiKey,
            ["client_secret"] = b.Account.ApiSecret,
            ["username"] = "grace",
            ["password"] = Password,
        });
        Assert.Equal("invalid_grant", (await other.ExpectJsonAsync(HttpStatusCode.BadRequest)).Str("error"));
    }

    [StewardFact]
    public async Task Password_grant_refuses_a_wrong_password_and_a_user_without_one()
    {
        using var a = await factory.NewTenantAsync();
        var domain = NativeKit.UniqueDomain();
        var orgId = (await a.Http.NewOrganisationAsync(domainName: domain)).Str("id");
        await a.Http.NewUserAsync("heidi", orgId, Password);
        await a.Http.NewUserAsync("ivan", orgId);

        using var client = factory.CreateClient();
        foreach (var (username, password) in new[] { ("heidi@" + domain, "wrong password"), ("ivan@" + domain, "anything at all"), ("nobody@" + domain, Password) })
        {
            using var response = await client.PostFormAsync("/oauth/token", new()
            {
                ["grant_type"] = "password",
                ["username"] = username,
                ["password"] = password,
            });
            var body = await response.ExpectJsonAsync(HttpStatusCode.BadRequest);
            Assert.Equal("invalid_grant", body.Str("error"));
            Assert.False(string.IsNullOrEmpty(body.Str("error_description")));
        }
    }

    [StewardFact]
    public async Task A_bad_client_is_invalid_client()
    {
        using var a = await factory.NewTenantAsync();
        using var client = factory.CreateClient();
        var forms = new[]
        {
            new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = a.Account.ApiKey, ["client_secret"] = "wrong" },
            new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = "AAKnosuchkey", ["client_secret"] = a.Account.ApiSecret },
            new Dictionary<string, string> { ["grant_type"] = "password", ["client_id"] = a.Account.ApiKey, ["client_secret"] = "wrong", ["username"] = "x", ["password"] = Password },
        };
        foreach (var form in forms)
        {
            using var response = await client.PostFormAsync("/oauth/token", form);
            Assert.Equal("invalid_client", (await response.ExpectJsonAsync(HttpStatusCode.Unauthorized)).Str("error"));
        }

        using var basic = await client.PostFormAsync("/oauth/token", new() { ["grant_type"] = "client_credentials" }, NativeKit.Basic(a.Account.ApiKey, "wrong"));
        Assert.Equal("invalid_client", (await basic.ExpectJsonAsync(HttpStatusCode.Unauthorized)).Str("error"));
    }

    [StewardFact]
    public async Task Unsupported_grants_and_bad_requests_are_400()
    {
        using var a = await factory.NewTenantAsync();
        using var client = factory.CreateClient();
        using (var unsupported = await client.PostFormAsync("/oauth/token", new() { ["grant_type"] = "authorization_code", ["code"] = "x" }))
        {
            Assert.Equal("unsupported_grant_type", (await unsupported.ExpectJsonAsync(HttpStatusCode.BadRequest)).Str("error"));
        }

        using (var noGrant = await client.PostFormAsync("/oauth/token", new() { ["client_id"] = a.Account.ApiKey }))
        {
            Assert.Equal("invalid_request", (await noGrant.ExpectJsonAsync(HttpStatusCode.BadRequest)).Str("error"));
        }

        using (var noSecret = await client.PostFormAsync("/oauth/token", new() { ["grant_type"] = "client_credentials", ["client_id"] = a.Account.ApiKey }))
        {
            Assert.Equal("invalid_request", (await noSecret.ExpectJsonAsync(HttpStatusCode.BadRequest)).Str("error"));
        }

        using (var json = await client.PostAsJsonAsync("/oauth/token", new { grant_type = "client_credentials", client_id = a.Account.ApiKey, client_secret = a.Account.ApiSecret }))
        {
            Assert.Equal("invalid_request", (await json.ExpectJsonAsync(HttpStatusCode.BadRequest)).Str("error"));
        }

        using (var empty = await client.PostAsync(new Uri("/oauth/token", UriKind.Relative), null))
        {
            Assert.Equal("invalid_request", (await empty.ExpectJsonAsync(HttpStatusCode.BadRequest)).Str("error"));
        }
    }

    [StewardFact]
    public async Task Revoke_makes_the_token_refused()
    {
        using var a = await factory.NewTenantAsync();
        using var client = factory.CreateClient();
        var token = await client.TokenAsync(a.Account.ApiKey, a.Account.ApiSecret);
        Assert.Equal(HttpStatusCode.OK, await factory.TokenStatusAsync(token));

        using (var revoked = await client.PostFormAsync("/oauth/revoke", new()
        {
            ["token"] = token,
            ["client_id"] = a.Account.ApiKey,
            ["client_secret"] = a.Account.ApiSecret,
        }))
        {
            Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await factory.TokenStatusAsync(token));
        Assert.Equal(HttpStatusCode.OK, await factory.TokenStatusAsync(a.Account.Token));

        // Revoking again, or revoking nonsense, is not an error (RFC 7009).
        using (var again = await client.PostFormAsync("/oauth/revoke", new() { ["token"] = token }, NativeKit.Basic(a.Account.ApiKey, a.Account.ApiSecret)))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        using (var nonsense = await client.PostFormAsync("/oauth/revoke", new() { ["token"] = "not-a-token" }, NativeKit.Basic(a.Account.ApiKey, a.Account.ApiSecret)))
        {
            Assert.Equal(HttpStatusCode.OK, nonsense.StatusCode);
        }

        using (var anonymous = await client.PostFormAsync("/oauth/revoke", new() { ["token"] = a.Account.Token }))
        {
            Assert.Equal("invalid_client", (await anonymous.ExpectJsonAsync(HttpStatusCode.Unauthorized)).Str("error"));
        }

        Assert.Equal(HttpStatusCode.OK, await factory.TokenStatusAsync(a.Account.Token));
    }

    [StewardFact]
    public async Task Another_account_cannot_revoke_a_token()
    {
        using var a = await factory.NewTenantAsync();
        using var b = await factory.NewTenantAsync();
        using var client = factory.CreateClient();
        using var response = await client.PostFormAsync("/oauth/revoke", new() { ["token"] = a.Account.Token }, NativeKit.Basic(b.Account.ApiKey, b.Account.ApiSecret));

        // RFC 7009: answered like an invalid token (200), and the token is left alone.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await factory.TokenStatusAsync(a.Account.Token));
    }

    [StewardFact]
    public async Task A_user_token_minted_by_the_account_cannot_revoke_the_accounts_tokens()
    {
        using var a = await factory.NewTenantAsync();
        var userId = (await a.Http.NewUserAsync()).Str("id");
        var userToken = await a.Http.MintUserTokenAsync(userId);
        using var client = factory.CreateClient();

        // The minted token is tied to the account's credential, but it is the user's, not the account's.
        using (var response = await client.PostFormAsync("/oauth/revoke", new() { ["token"] = a.Account.Token }, new("Bearer", userToken)))
        {
            // RFC 7009: answered like an invalid token (200); what counts is that the token still works.
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, await factory.TokenStatusAsync(a.Account.Token));

        // The account may revoke the user's token, and the user its own.
        var second = await a.Http.MintUserTokenAsync(userId);
        using (var byAccount = await client.PostFormAsync("/oauth/revoke", new() { ["token"] = userToken }, new("Bearer", a.Account.Token)))
        {
            Assert.Equal(HttpStatusCode.OK, byAccount.StatusCode);
        }

        using (var bySelf = await client.PostFormAsync("/oauth/revoke", new() { ["token"] = second }, new("Bearer", second)))
        {
            Assert.Equal(HttpStatusCode.OK, bySelf.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await factory.TokenStatusAsync(userToken));
        Assert.Equal(HttpStatusCode.Unauthorized, await factory.TokenStatusAsync(second));
    }

    [StewardFact]
    public async Task Introspect_reports_active_and_inactive_tokens()
    {
        using var a = await factory.NewTenantAsync();
        using var b = await factory.NewTenantAsync();
        using var client = factory.CreateClient();
        var auth = NativeKit.Basic(a.Account.ApiKey, a.Account.ApiSecret);

        using (var active = await client.PostFormAsync("/oauth/introspect", new() { ["token"] = a.Account.Token }, auth))
        {
            var body = await active.ExpectJsonAsync(HttpStatusCode.OK);
            Assert.True(body.GetProperty("active").GetBoolean());
            Assert.Equal(a.Id, body.Str("sub"));
            Assert.Equal(a.Id, body.Str("account_id"));
            Assert.Equal("account", body.Str("principal_kind"));
            Assert.True(body.GetProperty("exp").GetInt64() > body.GetProperty("iat").GetInt64());
        }

        var doomed = await client.TokenAsync(a.Account.ApiKey, a.Account.ApiSecret);
        using (var revoke = await client.PostFormAsync("/oauth/revoke", new() { ["token"] = doomed }, auth))
        {
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        }

        // Revoked, garbage, and another account's token are all just inactive.
        foreach (var token in new[] { doomed, "AATgarbage", b.Account.Token })
        {
            using var inactive = await client.PostFormAsync("/oauth/introspect", new() { ["token"] = token }, auth);
            var body = await inactive.ExpectJsonAsync(HttpStatusCode.OK);
            Assert.False(body.GetProperty("active").GetBoolean());
            Assert.False(body.TryGetProperty("sub", out var sub) && sub.ValueKind != System.Text.Json.JsonValueKind.Null);
        }

        // Introspection needs an authenticated caller; a bearer token will do.
        using (var anonymous = await client.PostFormAsync("/oauth/introspect", new() { ["token"] = a.Account.Token }))
        {
            Assert.Equal("invalid_client", (await anonymous.ExpectJsonAsync(HttpStatusCode.Unauthorized)).Str("error"));
        }

        using var bearer = await client.PostFormAsync("/oauth/introspect", new() { ["token"] = a.Account.Token }, new("Bearer", a.Account.Token));
        Assert.True((await bearer.ExpectJsonAsync(HttpStatusCode.OK)).GetProperty("active").GetBoolean());
    }

    [StewardFact]
    public async Task Password_grant_with_the_users_id_as_username()
    {
        using var a = await factory.NewTenantAsync();
        var userId = (await a.Http.NewUserAsync(password: Password)).Str("id");
        using var client = factory.CreateClient();
        using var response = await client.PostFormAsync("/oauth/token", new()
        {
            ["grant_type"] = "password",
            ["username"] = userId,
            ["password"] = Password,
        });
        var token = (await response.ExpectJsonAsync(HttpStatusCode.OK)).Str("access_token");
        using var user = factory.ClientWithToken(token);
        Assert.Equal(userId, (await user.GetOkAsync("/api/v1/tokens/current")).Str("subject"));
    }
}
