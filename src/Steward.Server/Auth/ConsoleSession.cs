using Steward.Core.Access;
using Steward.Core.Results;

namespace Steward.Server.Auth;

/// <summary>
/// The admin console's credential: a session cookie that holds an access token issued at sign-in for
/// the API key and secret the operator typed. Validating it is the native bearer path (signature, expiry,
/// in-memory revocations), so a session ends when its token expires
/// (<c>Steward:TokenLifetimeSeconds</c>), at sign-out (the token is revoked), and at once when its
/// credential is rotated or revoked or its account deleted, on every instance that shares the master key.
/// The cookie is <c>HttpOnly</c>, <c>SameSite=Strict</c>, scoped to <c>/console</c>, and
/// <c>Secure</c> when the request came over HTTPS.
/// </summary>
public sealed class ConsoleSession : ICallerScheme
{
    public const string CookieName = "steward_console";
    public const string CookiePath = "/console";

    public static readonly ConsoleSession Scheme = new();

    public static readonly Error SignedOut = Error.Unauthorized("Sign in to use the console.");

    private ConsoleSession()
    {
    }

    public ValueTask<Result<Principal?>> AuthenticateAsync(HttpContext http)
    {
        var token = http.Request.Cookies[CookieName];
        if (string.IsNullOrEmpty(token))
        {
            return ValueTask.FromResult<Result<Principal?>>(SignedOut);
        }

        var validated = http.RequestServices.GetRequiredService<TokenService>().Validate(token);
        return ValueTask.FromResult(validated.IsSuccess ? Result<Principal?>.Ok(validated.Value) : SignedOut);
    }

    /// <summary>The session's token, for sign-out to revoke.</summary>
    public static string? Token(HttpRequest request) => request.Cookies[CookieName];

    public static void Start(HttpContext http, IssuedToken token) =>
        http.Response.Cookies.Append(CookieName, token.AccessToken, CookieOptions(http, token.ExpiresAt));

    public static void End(HttpContext http) => http.Response.Cookies.Delete(CookieName, CookieOptions(http, null));

    public static CookieOptions CookieOptions(HttpContext http, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        Secure = http.Request.IsHttps,
        SameSite = SameSiteMode.Strict,
        Path = CookiePath,
        Expires = expires,
        IsEssential = true,
    };
}
