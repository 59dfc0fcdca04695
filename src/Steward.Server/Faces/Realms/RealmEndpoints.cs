using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Steward.Core.Realms;
using Steward.Core.Tenancy;
using Steward.Server.Hosting;

namespace Steward.Server.Faces.Realms;

/// <summary>
/// Keycloak-compatible sign-in: every account is a realm named by its slug, served at <c>/realms/{realm}</c>
/// and at Keycloak's older base path <c>/auth/realms/{realm}</c> (the issuer follows the path the client used).
/// The realm document (with <c>public_key</c>), the JWKS, OpenID discovery and the token endpoint
/// (<see cref="RealmTokenEndpoint"/>). See docs/account-server.md.
/// </summary>
public static class RealmEndpoints
{
    /// <summary>Where the realm resolved from the path is kept for the request.</summary>
    internal const string RealmItem = "steward.realm";

    public static IEndpointRouteBuilder MapRealms(this IEndpointRouteBuilder app)
    {
        foreach (var prefix in new[] { "/realms", "/auth/realms" })
        {
            var group = app.MapSurface(prefix, KeycloakErrorStyle.Instance).WithTags("Realms");
            var described = prefix == "/realms";
            Describe(group.MapGet("/{realm}", Realm), described, "GetRealm", "The realm: its name and public_key (base64 DER SubjectPublicKeyInfo).");
            Describe(group.MapGet("/{realm}/protocol/openid-connect/certs", Certs), described, "GetRealmKeys", "The realm's signing keys as a JWKS.");
            Describe(group.MapGet("/{realm}/.well-known/openid-configuration", Discovery), described, "GetRealmConfiguration", "OpenID Connect discovery for the realm.");
            Describe(group.MapRealmToken(), described, "RealmToken",
                "Issue an RS256 access token: grant_type=password (client_id account-server-api, username, password) or client_credentials (an API key and secret as client_id and client_secret).");
        }

        return app;
    }

    /// <summary>Registers the realms' token signing, which is also what <see cref="Auth.BearerJwt"/> verifies with.</summary>
    public static IServiceCollection AddRealmSigning(this IServiceCollection services) => services
        .AddSingleton<RealmSigning>()
        .AddSingleton<Auth.IJwtSigningKeys>(sp => sp.GetRequiredService<RealmSigning>());

    /// <summary>The realm's issuer as the client addressed it: <c>{base}/realms/{realm}</c> or <c>{base}/auth/realms/{realm}</c>.</summary>
    internal static string IssuerOf(HttpRequest request, string realm)
    {
        var prefix = request.Path.StartsWithSegments("/auth", StringComparison.OrdinalIgnoreCase) ? "/auth/realms/" : "/realms/";
        return request.Scheme + "://" + request.Host + request.PathBase + prefix + realm;
    }

    private static void Describe(RouteHandlerBuilder endpoint, bool described, string name, string summary)
    {
        // The /auth copies are the same operations; the OpenAPI document lists each once.
        if (described)
        {
            endpoint.WithName(name).WithSummary(summary);
        }
        else
        {
            endpoint.ExcludeFromDescription();
        }
    }

    private static async Task<Results<Ok<RealmDocument>, JsonHttpResult<KeycloakError>>> Realm(
        HttpContext http, string realm, RealmService realms, RealmSigning signing)
    {
        if (await realms.FindRealmAsync(realm, http.RequestAborted) is not { } account)
        {
            return KeycloakErrorStyle.NoRealm;
        }

        var keys = await signing.PublishedAsync(http.RequestAborted);
        var issuer = IssuerOf(http.Request, account.Slug);
        return TypedResults.Ok(new RealmDocument(account.Slug, keys[0].PublicKey, issuer + "/protocol/openid-connect", issuer + "/account", 0));
    }

    private static async Task<Results<Ok<JwkSet>, JsonHttpResult<KeycloakError>>> Certs(
        HttpContext http, string realm, RealmService realms, RealmSigning signing)
    {
        if (await realms.FindRealmAsync(realm, http.RequestAborted) is null)
        {
            return KeycloakErrorStyle.NoRealm;
        }

        var keys = await signing.PublishedAsync(http.RequestAborted);
        return TypedResults.Ok(new JwkSet([.. keys.Select(RealmSigning.JwkOf)]));
    }

    private static async Task<Results<Ok<OpenIdConfiguration>, JsonHttpResult<KeycloakError>>> Discovery(
        HttpContext http, string realm, RealmService realms)
    {
        if (await realms.FindRealmAsync(realm, http.RequestAborted) is not { } account)
        {
            return KeycloakErrorStyle.NoRealm;
        }

        var issuer = IssuerOf(http.Request, account.Slug);
        return TypedResults.Ok(new OpenIdConfiguration(
            issuer,
            issuer + "/protocol/openid-connect/token",
            issuer + "/protocol/openid-connect/certs",
            ["password", "client_credentials"],
            ["token"],
            ["public"],
            ["RS256"],
            ["client_secret_basic", "client_secret_post"],
            ["openid", "profile", "email"],
            ["sub", "iss", "aud", "exp", "iat", "azp", "typ", "preferred_username", "email", "given_name", "family_name"]));
    }

    /// <summary>What Keycloak answers at <c>GET /realms/{realm}</c>; the Python client reads <c>public_key</c>.</summary>
    public sealed record RealmDocument(
        string Realm,
        string PublicKey,
        [property: JsonPropertyName("token-service")] string TokenService,
        [property: JsonPropertyName("account-service")] string AccountService,
        [property: JsonPropertyName("tokens-not-before")] long TokensNotBefore);

    public sealed record JwkSet(IReadOnlyList<RealmSigning.Jwk> Keys);

    public sealed record OpenIdConfiguration(
        string Issuer,
        string TokenEndpoint,
        string JwksUri,
        IReadOnlyList<string> GrantTypesSupported,
        IReadOnlyList<string> ResponseTypesSupported,
        IReadOnlyList<string> SubjectTypesSupported,
        IReadOnlyList<string> IdTokenSigningAlgValuesSupported,
        IReadOnlyList<string> TokenEndpointAuthMethodsSupported,
        IReadOnlyList<string> ScopesSupported,
        IReadOnlyList<string> ClaimsSupported);
}
