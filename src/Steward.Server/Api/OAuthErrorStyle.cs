using Steward.Core.Results;
using Steward.Server.Hosting;

namespace Steward.Server.Api;

/// <summary>
/// OAuth's error style (RFC 6749 §5.2): <c>{"error", "error_description"}</c>. A client that fails to
/// authenticate is <c>invalid_client</c> (401); an attempt refused untried by the brute-force guard is
/// <c>slow_down</c> with 429 and Retry-After (see <see cref="OAuthApi.SlowDown"/>); a body too large or too
/// slow keeps its 413 or 408; any other refusal is <c>invalid_request</c> (400).
/// </summary>
public sealed class OAuthErrorStyle : IFrameworkErrorStyle
{
    public static readonly OAuthErrorStyle Instance = new();

    public IResult Render(Error error) => RetryAfter.With(error.Code switch
    {
        ErrorCode.Unauthorized => OAuthApi.Fail(StatusCodes.Status401Unauthorized, "invalid_client", error.Message),
        ErrorCode.Forbidden => OAuthApi.Fail(StatusCodes.Status403Forbidden, "unauthorized_client", error.Message),
        ErrorCode.TooManyAttempts => OAuthApi.Fail(StatusCodes.Status429TooManyRequests, OAuthApi.SlowDown, error.Message),
        ErrorCode.PayloadTooLarge => OAuthApi.Fail(StatusCodes.Status413PayloadTooLarge, "invalid_request", error.Message),
        ErrorCode.RequestTimeout => OAuthApi.Fail(StatusCodes.Status408RequestTimeout, "invalid_request", error.Message),
        _ => OAuthApi.Fail(StatusCodes.Status400BadRequest, "invalid_request", error.Message),
    }, error);

    /// <summary>Unknown paths and wrong methods under <c>/oauth/</c>, in RFC 6749's shape with the framework's status.</summary>
    public IResult RenderFramework(HttpContext http, int status) => status switch
    {
        StatusCodes.Status404NotFound => OAuthApi.Fail(status, "invalid_request",
            $"{http.Request.Path} is not an OAuth endpoint; use /oauth/token, /oauth/revoke or /oauth/introspect."),
        StatusCodes.Status405MethodNotAllowed => OAuthApi.Fail(status, "invalid_request",
            $"{http.Request.Path} takes POST with a form body, not {http.Request.Method}."),
        _ => OAuthApi.Fail(status, "invalid_request", "The request could not be read."),
    };
}
