using Steward.Core.Access;
using Steward.Core.Results;

namespace Steward.Server.Auth;

/// <summary>
/// The client of a realm's token endpoint, as Keycloak takes it: <c>client_id</c> (and <c>client_secret</c>)
/// in the form or as HTTP Basic. The public client <see cref="PublicClientId"/> needs no secret (whatever
/// secret is sent is ignored, as Keycloak ignores one for a public client) and is no caller; any other client
/// id is an API key of the realm's account, proven with its secret. Whether the key belongs to the realm is
/// the realm's decision, not the scheme's. The form must already have been read.
/// </summary>
public sealed class RealmClient : ISignInScheme
{
    /// <summary>The client id every realm accepts out of the box, for password grants.</summary>
    public const string PublicClientId = "account-server-api";

    public static readonly RealmClient Scheme = new();

    private RealmClient()
    {
    }

    public async ValueTask<Result<Principal?>> AuthenticateAsync(HttpContext http)
    {
        var (id, secret) = OAuthClient.Presented(http.Request);
        if (id is null or PublicClientId)
        {
            return Result<Principal?>.Ok(null);
        }

        var credentials = http.RequestServices.GetRequiredService<CredentialService>();
        var verified = await credentials.VerifyAsync(id, secret, http.RequestAborted);
        return verified.IsSuccess
            ? Principal.FromCredential(verified.Value)
            : Error.Unauthorized("Invalid client or Invalid client credentials");
    }

    /// <summary>An API key's attempts are counted under the key; the public client presents no secret.</summary>
    public string? AttemptName(HttpContext http) =>
        OAuthClient.Presented(http.Request).Id is { } id and not PublicClientId ? SignInGuard.KeyName(id) : null;
}
