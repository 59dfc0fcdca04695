using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Steward.Core.Realms;
using Steward.Server.Auth;

namespace Steward.Server.Faces.Realms;

/// <summary>
/// Signs the realms' access tokens (RS256, with the framework's JWT library) and tells <see cref="BearerJwt"/>
/// what verifies them: every published key of <see cref="RealmKeys"/>, any realm of this server as issuer,
/// <see cref="Audience"/> as audience. The keys are wrapped once per key set, so issuing a token touches
/// neither the database nor a key import.
/// </summary>
public sealed class RealmSigning(RealmKeys keys, TimeProvider time) : IJwtSigningKeys
{
    /// <summary>The client id every realm accepts out of the box, and the audience of every realm token.</summary>
    public const string Audience = "account-server-api";

    /// <summary>Thread-safe, and caches a signature provider per key.</summary>
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    private volatile Wrapped? wrapped;

    /// <summary>The lifetime of a token, in seconds (the response's <c>expires_in</c>).</summary>
    public int LifetimeSeconds => (int)keys.TokenLifetime.TotalSeconds;

    public async ValueTask<JwtSigning> GetAsync(CancellationToken ct) => (await WrappedAsync(ct)).Verification;

    /// <summary>The published keys, the active one first, with their RSA parameters.</summary>
    public async ValueTask<IReadOnlyList<RealmKey>> PublishedAsync(CancellationToken ct) => (await WrappedAsync(ct)).Set.Published;

    /// <summary>A signed access token for <paramref name="subject"/> from the realm at <paramref name="issuer"/>.</summary>
    public async ValueTask<string> IssueAsync(string issuer, string realm, RealmSubject subject, string clientId, CancellationToken ct)
    {
        var signing = await WrappedAsync(ct);
        var now = time.GetUtcNow();
        var claims = new Dictionary<string, object>
        {
            ["jti"] = Guid.NewGuid().ToString("D"),
            ["sub"] = subject.Subject,
            ["typ"] = "Bearer",
            ["azp"] = clientId,
            ["preferred_username"] = subject.Username,
            ["realm_access"] = new Dictionary<string, object> { ["roles"] = subject.Roles.ToArray() },
            ["scope"] = Scope,
            ["realm"] = realm,
        };
        Add(claims, "email", subject.Email);
        Add(claims, "given_name", subject.FirstName);
        Add(claims, "family_name", subject.LastName);
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = Audience,
            IssuedAt = now.UtcDateTime,
            Expires = (now + keys.TokenLifetime).UtcDateTime,
            Claims = claims,
            SigningCredentials = signing.Credentials,
        });
    }

    /// <summary>
    /// The <see cref="BearerJwt"/> scheme of realm tokens: a token of any realm here, whose subject belongs to
    /// the account of the realm that issued it, is a caller of that account (the Account Server face's scheme).
    /// </summary>
    public static BearerJwt Bearer(RealmService realms) => new((token, subject, _, ct) =>
        RealmOf(token.Issuer) is { } realm && subject is not null
            ? new ValueTask<Steward.Core.Access.Principal?>(realms.FindCallerAsync(
                realm, subject, Guid.TryParse(token.Id, out var id) ? id : Guid.NewGuid(), new DateTimeOffset(token.ValidTo, TimeSpan.Zero), ct))
            : ValueTask.FromResult<Steward.Core.Access.Principal?>(null));

    /// <summary>The scope every token is granted (Keycloak's default client scopes).</summary>
    public const string Scope = "profile email";

    /// <summary>
    /// The realm a realm token's issuer names (<c>{base}/realms/{realm}</c> or <c>{base}/auth/realms/{realm}</c>),
    /// or null when it names none.
    /// </summary>
    public static string? RealmOf(string issuer)
    {
        if (!Uri.TryCreate(issuer, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return null;
        }

        var path = uri.AbsolutePath;
        var at = path.LastIndexOf("/realms/", StringComparison.Ordinal);
        if (at < 0 || !(at == 0 || path.AsSpan(0, at).EndsWith("/auth")))
        {
            return null;
        }

        var realm = path[(at + "/realms/".Length)..];
        return Steward.Core.Ids.Slug.IsValid(realm) ? realm : null;
    }

    private static void Add(Dictionary<string, object> claims, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            claims[name] = value;
        }
    }

    private async ValueTask<Wrapped> WrappedAsync(CancellationToken ct)
    {
        var set = await keys.GetAsync(ct);
        var current = wrapped;
        if (current is not null && ReferenceEquals(current.Set, set))
        {
            return current;
        }

        current = new Wrapped(set);
        wrapped = current;
        return current;
    }

    private sealed class Wrapped
    {
        public Wrapped(RealmKeySet set)
        {
            Set = set;
            var securityKeys = set.Published.Select(k => (SecurityKey)new RsaSecurityKey(k.Rsa) { KeyId = k.KeyId }).ToList();
            Credentials = new SigningCredentials(securityKeys[0], SecurityAlgorithms.RsaSha256);
            Verification = new JwtSigning(securityKeys, [], Audience, issuer => RealmOf(issuer) is not null);
        }

        public RealmKeySet Set { get; }

        public SigningCredentials Credentials { get; }

        public JwtSigning Verification { get; }
    }

    /// <summary>The JWK of a published key (RFC 7517: <c>n</c> and <c>e</c> base64url).</summary>
    public static Jwk JwkOf(RealmKey key)
    {
        var p = key.Rsa.ExportParameters(includePrivateParameters: false);
        return new Jwk(key.KeyId, "RSA", SecurityAlgorithms.RsaSha256, "sig", Base64UrlEncoder.Encode(p.Modulus), Base64UrlEncoder.Encode(p.Exponent));
    }

    public sealed record Jwk(string Kid, string Kty, string Alg, string Use, string N, string E);
}
