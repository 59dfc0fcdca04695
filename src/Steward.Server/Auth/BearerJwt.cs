using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Steward.Core.Access;
using Steward.Core.Results;

namespace Steward.Server.Auth;

/// <summary>
/// What a JWT must be signed with, and whom it must name as issuer and audience, to be accepted. An issuer is one
/// of <see cref="Issuers"/>, or, when <see cref="AcceptsIssuer"/> is set, one it accepts (a family of issuers, such
/// as every realm of this server).
/// </summary>
public sealed record JwtSigning(IReadOnlyCollection<SecurityKey> Keys, IReadOnlyCollection<string> Issuers, string Audience, Func<string, bool>? AcceptsIssuer = null);

/// <summary>
/// Where <see cref="BearerJwt"/> gets its signing keys (a realm's key set, configuration). Injected, and
/// asked on every request, so that keys can rotate; an implementation caches as it sees fit.
/// </summary>
public interface IJwtSigningKeys
{
    ValueTask<JwtSigning> GetAsync(CancellationToken ct);
}

/// <summary>
/// <c>Authorization: Bearer &lt;JWT&gt;</c>, as the Account Server face will take it: an RS256 token,
/// signed by one of the keys of <see cref="IJwtSigningKeys"/>, from one of its issuers, for its
/// audience, and within its lifetime by the injected <see cref="TimeProvider"/>. Its <c>sub</c> and
/// <c>preferred_username</c> are mapped to a caller by the face's look-up.
/// </summary>
public sealed class BearerJwt(BearerJwt.SubjectLookup lookup) : ICallerScheme
{
    public static readonly Error NoToken = Error.Unauthorized("Send an access token: 'Authorization: Bearer <token>'.");

    /// <summary>How far the issuer's clock may be from Steward's.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    /// <summary>The JSON Web Token handler is thread-safe and caches per-key crypto providers: one for all.</summary>
    private static readonly JsonWebTokenHandler Handler = new();

    /// <summary>
    /// The caller a validated token's subject stands for, or null when nobody here answers to it. The token is
    /// there for its other claims (the issuer names a realm, <c>jti</c> the token).
    /// </summary>
    public delegate ValueTask<Principal?> SubjectLookup(JsonWebToken token, string? subject, string? preferredUsername, CancellationToken ct);

    public async ValueTask<Result<Principal?>> AuthenticateAsync(HttpContext http)
    {
        if (!AuthorizationHeader.TryGetBearer(http.Request, out var header))
        {
            return NoToken;
        }

        var services = http.RequestServices;
        var signing = await services.GetRequiredService<IJwtSigningKeys>().GetAsync(http.RequestAborted);
        var validated = await Handler.ValidateTokenAsync(AuthorizationHeader.BearerToken(header).ToString(), new TokenValidationParameters
        {
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            IssuerSigningKeys = signing.Keys,
            ValidIssuers = signing.Issuers,
            IssuerValidator = signing.AcceptsIssuer is { } accepts ? (issuer, _, _) => accepts(issuer) ? issuer : throw new SecurityTokenInvalidIssuerException("The issuer is not accepted.") : null,
            ValidAudience = signing.Audience,
            RequireSignedTokens = true,

            // The library reads the system clock; the lifetime is checked below against Steward's.
            ValidateLifetime = false,
        });
        if (!validated.IsValid || validated.SecurityToken is not JsonWebToken token)
        {
            // Say what to fix without echoing the token or the library's details.
            return Error.Unauthorized(validated.Exception is SecurityTokenInvalidIssuerException or SecurityTokenInvalidAudienceException
                ? "The access token was not issued for this server."
                : "The access token is not valid.");
        }

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        if (token.ValidTo == DateTime.MinValue || token.ValidTo <= now - ClockSkew)
        {
            return Error.Unauthorized(token.ValidTo == DateTime.MinValue ? "The access token has no expiry (exp)." : "The access token has expired.");
        }

        if (token.ValidFrom > now + ClockSkew)
        {
            return Error.Unauthorized("The access token is not valid yet.");
        }

        var subject = string.IsNullOrEmpty(token.Subject) ? null : token.Subject;
        var username = token.TryGetPayloadValue<string>("preferred_username", out var name) && !string.IsNullOrEmpty(name) ? name : null;
        if (subject is null && username is null)
        {
            return Error.Unauthorized("The access token names no subject (sub or preferred_username).");
        }

        var caller = await lookup(token, subject, username, http.RequestAborted);
        return caller is null ? Error.Unauthorized("The access token's subject is not known here.") : caller;
    }
}
