using Microsoft.Extensions.Primitives;
using Steward.Core.Access;
using Steward.Core.Results;

namespace Steward.Server.Auth;

/// <summary>
/// An OAuth 2.0 client (RFC 6749 §2.3.1): an API key and secret sent as HTTP Basic
/// (<c>client_secret_basic</c>, each part form-encoded first) or as the form fields
/// <c>client_id</c> and <c>client_secret</c> (<c>client_secret_post</c>). The endpoint's form body
/// must already have been read (the OAuth group's filter reads it before any scheme runs).
/// </summary>
public sealed class OAuthClient : ISignInScheme
{
    /// <summary>
    /// The token endpoint: a client is optional (the password grant works without one), but one that sends
    /// a client_id must prove it; the refusal says why.
    /// </summary>
    public static readonly OAuthClient Optional = new(required: false, orBearer: false);

    /// <summary>Revocation and introspection: a client, or a bearer token of the native API; every refusal is the same.</summary>
    public static readonly OAuthClient OrBearer = new(required: true, orBearer: true);

    private static readonly Error Refused = Error.Unauthorized("Authenticate with client_id and client_secret, HTTP Basic, or a bearer token.");

    private readonly bool required;
    private readonly bool orBearer;

    private OAuthClient(bool required, bool orBearer)
    {
        this.required = required;
        this.orBearer = orBearer;
    }

    public async ValueTask<Result<Principal?>> AuthenticateAsync(HttpContext http)
    {
        if (orBearer && AuthorizationHeader.TryGetBearer(http.Request, out _))
        {
            var bearer = await NativeBearer.Scheme.AuthenticateAsync(http);
            return bearer.IsSuccess ? bearer : Refused;
        }

        var (id, secret) = Presented(http.Request);
        if (string.IsNullOrEmpty(id))
        {
            return required ? Refused : Result<Principal?>.Ok(null);
        }

        var credentials = http.RequestServices.GetRequiredService<CredentialService>();
        var verified = await credentials.VerifyAsync(id, secret, http.RequestAborted);
        if (!verified.IsSuccess)
        {
            return required ? Refused : verified.Error!;
        }

        return Principal.FromCredential(verified.Value);
    }

    /// <summary>A client's attempts are counted under its id; a bearer token, or no client at all, is no attempt.</summary>
    public string? AttemptName(HttpContext http) =>
        orBearer && AuthorizationHeader.TryGetBearer(http.Request, out _) ? null
        : Presented(http.Request).Id is { } id ? SignInGuard.KeyName(id)
        : null;

    /// <summary>
    /// The client id and secret the request sends, whether or not they are right: HTTP Basic when it holds
    /// an id and a colon, the form fields otherwise. Basic that is not base64 sends no client at all.
    /// </summary>
    public static (string? Id, string? Secret) Presented(HttpRequest request)
    {
        var basic = AuthorizationHeader.ReadBasic(request);
        if (basic.State == BasicState.Malformed)
        {
            return (null, null);
        }

        if (basic is { State: BasicState.Present, User.Length: > 0, Password: { } password })
        {
            return (Uri.UnescapeDataString(basic.User), Uri.UnescapeDataString(password));
        }

        var form = request.HasFormContentType ? request.Form : null;
        return (NullIfEmpty(form?["client_id"]), NullIfEmpty(form?["client_secret"]));
    }

    private static string? NullIfEmpty(StringValues? value) =>
        value is not { } v || StringValues.IsNullOrEmpty(v) ? null : v.ToString();
}
