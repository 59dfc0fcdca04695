using Steward.Core.Access;
using Steward.Core.Results;

namespace Steward.Server.Auth;

/// <summary>
/// The native API's credential: <c>Authorization: Bearer &lt;token&gt;</c> with a token from
/// <c>POST /oauth/token</c>. Validation is a signature check and an in-memory revocation look-up, so
/// it never touches the database.
/// </summary>
public sealed class NativeBearer : ICallerScheme
{
    public static readonly NativeBearer Scheme = new();

    /// <summary>
    /// The refusal of a request that sent no bearer token at all. The native style answers it with a bare
    /// <c>Bearer</c> challenge, as RFC 6750 §3.1 asks of a request that carried no credentials.
    /// </summary>
    public static readonly Error NoToken =
        Error.Unauthorized("Send an access token: 'Authorization: Bearer <token>'. Get one from POST /oauth/token.");

    private NativeBearer()
    {
    }

    public ValueTask<Result<Principal?>> AuthenticateAsync(HttpContext http)
    {
        if (!AuthorizationHeader.TryGetBearer(http.Request, out var header))
        {
            return ValueTask.FromResult<Result<Principal?>>(NoToken);
        }

        var validated = http.RequestServices.GetRequiredService<TokenService>().Validate(AuthorizationHeader.BearerToken(header));
        return ValueTask.FromResult(validated.IsSuccess ? Result<Principal?>.Ok(validated.Value) : validated.Error!);
    }

    /// <summary>The token the caller authenticated with, for a handler that acts on it (sign out revokes it).</summary>
    public static string PresentedToken(HttpRequest request) =>
        AuthorizationHeader.TryGetBearer(request, out var header) ? AuthorizationHeader.BearerToken(header).ToString() : "";
}
