using Microsoft.AspNetCore.Http.HttpResults;
using Steward.Core.Results;

namespace Steward.Server.Api;

/// <summary>The native API's one mapper from core errors to RFC 9457 problem details.</summary>
public static class Problems
{
    public static int StatusOf(ErrorCode code) => code switch
    {
        ErrorCode.Validation => StatusCodes.Status400BadRequest,
        ErrorCode.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorCode.Forbidden => StatusCodes.Status403Forbidden,
        ErrorCode.NotFound => StatusCodes.Status404NotFound,
        ErrorCode.Conflict => StatusCodes.Status409Conflict,
        ErrorCode.VersionConflict => StatusCodes.Status412PreconditionFailed,
        ErrorCode.LimitReached => StatusCodes.Status409Conflict,
        ErrorCode.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorCode.ReferenceMissing => StatusCodes.Status404NotFound,
        ErrorCode.TooManyAttempts => StatusCodes.Status429TooManyRequests,
        ErrorCode.RequestTimeout => StatusCodes.Status408RequestTimeout,
        _ => StatusCodes.Status400BadRequest,
    };

    public static ProblemHttpResult From(Error error)
    {
        var status = StatusOf(error.Code);
        var extensions = new Dictionary<string, object?>
        {
            ["code"] = CodeName(error.Code),
        };
        if (error.Reason is { } reason)
        {
            extensions["reason"] = reason;
        }

        if (error.Fields is { Count: > 0 })
        {
            extensions["errors"] = error.Fields;
        }

        if (error.RetryAfterSeconds is { } seconds)
        {
            extensions["retry_after"] = seconds;
        }

        return TypedResults.Problem(
            detail: error.Message,
            statusCode: status,
            title: Title(error.Code),
            type: "https://steward.dev/problems/" + CodeName(error.Code),
            extensions: extensions);
    }

    public static string CodeName(ErrorCode code) => code switch
    {
        ErrorCode.Validation => "validation",
        ErrorCode.NotFound => "not-found",
        ErrorCode.Conflict => "conflict",
        ErrorCode.Forbidden => "forbidden",
        ErrorCode.Unauthorized => "unauthorized",
        ErrorCode.VersionConflict => "version-conflict",
        ErrorCode.LimitReached => "limit-reached",

        // Named so since the foundation's contract: a body over the surface's limit.
        ErrorCode.PayloadTooLarge => "limit-reached",
        ErrorCode.ReferenceMissing => "not-found",
        ErrorCode.TooManyAttempts => "too-many-attempts",
        ErrorCode.RequestTimeout => "request-timeout",
        _ => "error",
    };

    private static string Title(ErrorCode code) => code switch
    {
        ErrorCode.Validation => "The request is invalid.",
        ErrorCode.NotFound => "Not found.",
        ErrorCode.Conflict => "Conflict.",
        ErrorCode.Forbidden => "Forbidden.",
        ErrorCode.Unauthorized => "Not authenticated.",
        ErrorCode.VersionConflict => "The resource has changed.",
        ErrorCode.LimitReached => "Limit reached.",
        ErrorCode.PayloadTooLarge => "Too large.",
        ErrorCode.ReferenceMissing => "Not found.",
        ErrorCode.TooManyAttempts => "Too many attempts.",
        ErrorCode.RequestTimeout => "Request timeout.",
        _ => "Error.",
    };
}
