using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Steward.Functional.Infrastructure;
using Steward.Functional.Native;

namespace Steward.Functional.Realms;

/// <summary>An account seen as a Keycloak realm: its slug, and a user with a password.</summary>
public sealed record Realm(Tenant Tenant, string Slug, string UserId, string Username, string Password) : IDisposable
{
    public void Dispose() => Tenant.Dispose();
}

/// <summary>Helpers for the realm endpoints, verifying tokens with Microsoft.IdentityModel as a relying party would.</summary>
public static class RealmKit
{
    public const string Password = "correct horse battery";

    /// <summary>A new account with an account-level user <c>alice</c> (admin when asked) that has a password.</summary>
    public static async Task<Realm> NewRealmAsync(this StewardFactory factory, bool admin = false)
    {
        var tenant = await factory.NewTenantAsync();
        using var root = await factory.RootClientAsync();
        var slug = (await root.GetOkAsync("/api/v1/accounts/" + tenant.Id)).Str("slug");
        using var response = await tenant.Http.PostJsonAsync("/api/v1/users", new { username = "alice", password = Password, admin });
        var user = await response.ExpectJsonAsync(HttpStatusCode.Created);
        Assert.Equal(admin, user.GetProperty("admin").GetBoolean());
        return new Realm(tenant, slug, user.Str("id"), "alice", Password);
    }

    /// <summary>Posts a token request to the realm (under <paramref name="basePath"/>: "" or "/auth").</summary>
    public static Task<HttpResponseMessage> TokenRequestAsync(this HttpClient client, string realm, Dictionary<string, string> form, string basePath = "") =>
        client.PostFormAsync($"{basePath}/realms/{realm}/protocol/openid-connect/token", form);

    public static Dictionary<string, string> PasswordForm(this Realm realm, string? password = null) => new()
    {
        ["grant_type"] = "password",
        ["client_id"] = "account-server-api",
        ["username"] = realm.Username,
        ["password"] = password ?? realm.Password,
    };

    public static Dictionary<string, string> ClientForm(string key, string secret) => new()
    {
        ["grant_type"] = "client_credentials",
        ["client_id"] = key,
        ["client_secret"] = secret,
    };

    /// <summary>A token of the realm, by the password grant.</summary>
    public static async Task<string> PasswordTokenAsync(this StewardFactory factory, Realm realm, string basePath = "")
    {
        using var client = factory.CreateClient();
        using var response = await client.TokenRequestAsync(realm.Slug, realm.PasswordForm(), basePath);
        return (await response.ExpectJsonAsync(HttpStatusCode.OK)).Str("access_token");
    }

    /// <summary>The realm's published keys, read from its JWKS.</summary>
    public static async Task<JsonWebKeySet> JwksAsync(this StewardFactory factory, string realm)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri($"/realms/{realm}/protocol/openid-connect/certs", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new JsonWebKeySet(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The realm's <c>public_key</c> (base64 DER SubjectPublicKeyInfo), as the Python client reads it.</summary>
    public static async Task<RsaSecurityKey> PublicKeyAsync(this StewardFactory factory, string realm)
    {
        using var client = factory.CreateClient();
        var document = await client.GetOkAsync($"/realms/{realm}");
        var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(Convert.FromBase64String(document.Str("public_key")), out _);
        return new RsaSecurityKey(rsa);
    }

    /// <summary>Validates a token as a relying party of the realm would, with the library, not with Steward's code.</summary>
    public static async Task<TokenValidationResult> ValidateAsync(string token, IEnumerable<SecurityKey> keys, string issuer, DateTimeOffset now)
    {
        var handler = new JsonWebTokenHandler();
        return await handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            IssuerSigningKeys = keys,
            ValidIssuer = issuer,
            ValidAudience = "account-server-api",
            RequireSignedTokens = true,
            RequireExpirationTime = true,

            // The server runs on the factory's fake clock.
            LifetimeValidator = (notBefore, expires, _, _) => expires > now.UtcDateTime,
        });
    }

    /// <summary>The issuer the test server's realm names (the test client's base address is http://localhost).</summary>
    public static string IssuerOf(string realm, string basePath = "") => $"http://localhost{basePath}/realms/{realm}";
}
