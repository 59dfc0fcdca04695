namespace Steward.Server.Hosting;

/// <summary>
/// Gives the problems the framework writes itself on the native API (a query value that does not
/// parse, an unsupported content type, an unknown route or method) what the native API's own
/// problems carry: a <c>detail</c> that says what to fix, and a stable <c>code</c>. Problems that
/// already have them (every one made by <see cref="Api.Problems"/>) are left as they are.
/// </summary>
public static class ProblemDefaults
{
    public static void Customize(ProblemDetailsContext context)
    {
        // Only the native API's own requests: chosen by the surface that owns the route, not by a path prefix.
        if (context.HttpContext.RequestServices.GetService<Surfaces>()?.StyleOf(context.HttpContext) is not Api.NativeErrorStyle)
        {
            return;
        }

        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Extensions.TryAdd("code", status switch
        {
            StatusCodes.Status400BadRequest => "validation",
            StatusCodes.Status401Unauthorized => "unauthorized",
            StatusCodes.Status403Forbidden => "forbidden",
            StatusCodes.Status404NotFound => "not-found",
            StatusCodes.Status409Conflict => "conflict",
            StatusCodes.Status412PreconditionFailed => "version-conflict",
            StatusCodes.Status413PayloadTooLarge => "limit-reached",
            StatusCodes.Status415UnsupportedMediaType => "validation",
            StatusCodes.Status408RequestTimeout => "request-timeout",
            StatusCodes.Status429TooManyRequests => "too-many-attempts",
            _ => "error",
        });
        problem.Detail ??= status switch
        {
            StatusCodes.Status400BadRequest => "The request could not be read: a path, query string or header value is missing or has the wrong format.",
            StatusCodes.Status404NotFound => "There is no such endpoint; /openapi/v1.json lists them.",
            StatusCodes.Status405MethodNotAllowed => "This endpoint does not take this HTTP method; /openapi/v1.json lists the ones it takes.",
            StatusCodes.Status415UnsupportedMediaType => "The body must be JSON (Content-Type: application/json).",
            _ => problem.Title ?? "The request failed.",
        };
    }
}
