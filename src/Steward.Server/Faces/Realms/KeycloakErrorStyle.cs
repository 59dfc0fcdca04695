using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Steward.Core.Results;
using Steward.Server.Api;
using Steward.Server.Hosting;

namespace Steward.Server.Faces.Realms;

/// <summary>An error as Keycloak writes it: <c>{"error", "error_description"}</c>, the description left out when Keycloak leaves it out.</summary>
public sealed record KeycloakError(
    string Error,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ErrorDescription = null);

/// <summary>
/// Keycloak's error style for the realm endpoints: OAuth's shape on the token endpoint (a client that fails
/// to authenticate is <c>invalid_client</c>, 401), <c>{"error": "Realm does not exist"}</c> for an unknown realm,
/// 429 <c>slow_down</c> with Retry-After for an attempt the brute-force guard refuses untried (Keycloak would
/// lock the user silently; a client here is told to wait instead).
/// </summary>
public sealed class KeycloakErrorStyle : IFrameworkErrorStyle
{
    public static readonly KeycloakErrorStyle Instance = new();

    /// <summary>What Keycloak answers (404) for a realm it does not have.</summary>
    public static readonly JsonHttpResult<KeycloakError> NoRealm = Fail(StatusCodes.Status404NotFound, "Realm does not exist", null);

    public IResult Render(Error error) => RetryAfter.With(error.Code switch
    {
        ErrorCode.Unauthorized => Fail(StatusCodes.Status401Unauthorized, "invalid_client", "Invalid client or Invalid client credentials"),
        ErrorCode.Forbidden => Fail(StatusCodes.Status400BadRequest, "unauthorized_client", error.Message),
        ErrorCode.NotFound => NoRealm,
        ErrorCode.TooManyAttempts => Fail(StatusCodes.Status429TooManyRequests, OAuthApi.SlowDown, error.Message),
        ErrorCode.PayloadTooLarge => Fail(StatusCodes.Status413PayloadTooLarge, "invalid_request", error.Message),
        ErrorCode.RequestTimeout => Fail(StatusCodes.Status408RequestTimeout, "invalid_request", error.Message),
        _ => Fail(StatusCodes.Status400BadRequest, "invalid_request", error.Message),
    }, error);

    /// <summary>Unknown paths and wrong methods under a realm, with the framework's status.</summary>
    public IResult RenderFramework(HttpContext http, int status) => status switch
    {
        StatusCodes.Status404NotFound => Fail(status, "not_found",
            $"{http.Request.Path} is not a realm endpoint; see /realms/{{realm}}/.well-known/openid-configuration."),
        StatusCodes.Status405MethodNotAllowed => Fail(status, "method_not_allowed",
            $"{http.Request.Path} does not take {http.Request.Method}; the token endpoint takes POST with a form body, the others GET."),
        _ => Fail(status, "invalid_request", "The request could not be read."),
    };

    public static JsonHttpResult<KeycloakError> Fail(int status, string error, string? description) =>
        TypedResults.Json(new KeycloakError(error, description), statusCode: status);
}
