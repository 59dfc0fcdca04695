using Steward.Core.Access;
using Steward.Core.Results;

namespace Steward.Server.Auth;

/// <summary>
/// HTTP Basic <c>token:key</c>, as the HSP face takes it: the user name is an account's API key and
/// the password its API secret. Only account credentials are accepted; keys of organisations, users
/// or the root are refused as if wrong in kind.
/// </summary>
public sealed class BasicTokenKey : ISignInScheme
{
    public static readonly BasicTokenKey Scheme = new();

    public static readonly Error NoCredentials =
        Error.Unauthorized("Send HTTP Basic credentials: the account's API key as the user name and its API secret as the password.");

    public static readonly Error Malformed =
        Error.Unauthorized("The Authorization header is not valid HTTP Basic: send 'Basic ' and the base64 of '<api key>:<api secret>'.");

    private BasicTokenKey()
    {
    }

    /// <summary>Attempts are counted under the API key sent as the user name.</summary>
    public string? AttemptName(HttpContext http) =>
        AuthorizationHeader.ReadBasic(http.Request) is { State: BasicState.Present, User.Length: > 0, Password: not null } basic
            ? SignInGuard.KeyName(basic.User)
            : null;

    public async ValueTask<Result<Principal?>> AuthenticateAsync(HttpContext http)
    {
        var basic = AuthorizationHeader.ReadBasic(http.Request);
        if (basic.State == BasicState.Absent)
        {
            return NoCredentials;
        }

        if (basic is not { State: BasicState.Present, User.Length: > 0, Password: { } secret })
        {
            return Malformed;
        }

        var credentials = http.RequestServices.GetRequiredService<CredentialService>();
        var verified = await credentials.VerifyAsync(basic.User, secret, http.RequestAborted);
        if (!verified.IsSuccess)
        {
            return verified.Error!;
        }

        if (verified.Value.OwnerKind != PrincipalKind.Account)
        {
            return Error.Unauthorized("Only an account's API key and secret are accepted here.");
        }

        return Principal.FromCredential(verified.Value);
    }
}
