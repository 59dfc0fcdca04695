using Steward.Core.Access;
using Steward.Core.Results;

namespace Steward.Server.Auth;

/// <summary>
/// HTTP Basic <c>token:X</c>, as the Spreedly face takes it: the user name is the site's API token,
/// which is the account's API secret, and the password is ignored. The caller is the account that
/// owns the secret (<see cref="Principal.AccountId"/>). The site is the route value <c>{site}</c>;
/// given a <see cref="SiteAccount"/> look-up, the scheme also refuses a token of another site's account.
/// </summary>
public sealed class BasicTokenX(BasicTokenX.SiteAccount? siteAccount = null) : ISignInScheme
{
    /// <summary>The route value that names the site.</summary>
    public const string SiteRouteValue = "site";

    public static readonly Error NoCredentials =
        Error.Unauthorized("Send HTTP Basic credentials: the site's API token (the account's API secret) as the user name; the password is ignored.");

    public static readonly Error Malformed =
        Error.Unauthorized("The Authorization header is not valid HTTP Basic: send 'Basic ' and the base64 of '<api token>:X'.");

    /// <summary>The account a site name belongs to, or null when no account has it.</summary>
    public delegate ValueTask<Guid?> SiteAccount(string site, CancellationToken ct);

    /// <summary>The token names nothing but itself: attempts are counted under the site in the path, or only per address.</summary>
    public string? AttemptName(HttpContext http) =>
        AuthorizationHeader.ReadBasic(http.Request) is not { State: BasicState.Present, User.Length: > 0, Password: not null } ? null
        : http.GetRouteValue(SiteRouteValue) is string { Length: > 0 } site ? SignInGuard.SiteName(site)
        : "";

    public async ValueTask<Result<Principal?>> AuthenticateAsync(HttpContext http)
    {
        var basic = AuthorizationHeader.ReadBasic(http.Request);
        if (basic.State == BasicState.Absent)
        {
            return NoCredentials;
        }

        if (basic is not { State: BasicState.Present, User.Length: > 0, Password: not null })
        {
            return Malformed;
        }

        var credentials = http.RequestServices.GetRequiredService<CredentialService>();
        var verified = await credentials.VerifySecretAsync(basic.User, http.RequestAborted);
        if (!verified.IsSuccess)
        {
            return verified.Error!;
        }

        var owner = verified.Value;
        if (owner.OwnerKind != PrincipalKind.Account)
        {
            return Error.Unauthorized("Only an account's API secret works as a site's API token.");
        }

        if (siteAccount is not null)
        {
            var site = http.GetRouteValue(SiteRouteValue) as string;
            var account = string.IsNullOrEmpty(site) ? null : await siteAccount(site, http.RequestAborted);
            if (account != owner.AccountId)
            {
                return Error.Unauthorized($"The API token is not the token of site '{site}'.");
            }
        }

        return Principal.FromCredential(owner);
    }
}
