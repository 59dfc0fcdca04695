using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Steward.Core.Results;
using Steward.Server.Hosting;

namespace Steward.Server.Faces.Kandy;

/// <summary>
/// The Kandy face's one mapper from core errors to its envelope. Kandy documents only status 0
/// (success), 1 (internal error) and 3 (missing parameters); Steward decides the others:
/// <list type="table">
///   <listheader><term>status</term><description>HTTP, meaning</description></listheader>
///   <item><term>0</term><description>200, success</description></item>
///   <item><term>1</term><description>500 (503 when storage is unavailable), internal error; nothing was written</description></item>
///   <item><term>2</term><description>400, invalid parameter: a field is malformed, of the wrong type or out of range (core Validation)</description></item>
///   <item><term>3</term><description>400, missing parameters: a required query parameter or body field is absent</description></item>
///   <item><term>4</term><description>401, invalid key: the key, secret or token is wrong, expired, revoked, or of the wrong kind for the call (core Unauthorized)</description></item>
///   <item><term>5</term><description>403, forbidden: the key is valid but may not do this (core Forbidden)</description></item>
///   <item><term>6</term><description>404, not found (core NotFound, or ReferenceMissing: what the call refers to is gone); also 404/405 for a path or method that is no Kandy call</description></item>
///   <item><term>7</term><description>409, already exists: a domain name or user id is taken (core Conflict)</description></item>
///   <item><term>8</term><description>409, changed concurrently: read again and retry (core VersionConflict)</description></item>
///   <item><term>9</term><description>413, too large: the body is over 64 KiB (core PayloadTooLarge)</description></item>
///   <item><term>10</term><description>409, a limit of the account is reached (core LimitReached)</description></item>
///   <item><term>11</term><description>429, too many attempts: refused untried after too many failed key or secret checks for this key or from this address, too many token requests from this address, or the server is busy; <c>Retry-After</c> says in how many seconds to try again (core TooManyAttempts)</description></item>
///   <item><term>12</term><description>408, request timeout: the body arrived too slowly (core RequestTimeout)</description></item>
/// </list>
/// </summary>
internal static class KandyResults
{
    public const int Success = 0;
    public const int InternalError = 1;
    public const int InvalidParameter = 2;
    public const int MissingParameters = 3;
    public const int InvalidKey = 4;
    public const int Forbidden = 5;
    public const int NotFound = 6;
    public const int AlreadyExists = 7;
    public const int Changed = 8;
    public const int TooLarge = 9;
    public const int LimitReached = 10;
    public const int TooManyAttempts = 11;
    public const int RequestTimeout = 12;

    /// <summary>The core speaks of organisations; a Kandy client knows them as domains.</summary>
    private static readonly (string Core, string Kandy)[] Vocabulary =
    [
        ("An organisation", "A domain"),
        ("an organisation", "a domain"),
        ("Organisation", "Domain"),
        ("organisation", "domain"),
    ];

    public static (int Http, int Status) StatusOf(ErrorCode code) => code switch
    {
        ErrorCode.Validation => (StatusCodes.Status400BadRequest, InvalidParameter),
        ErrorCode.Unauthorized => (StatusCodes.Status401Unauthorized, InvalidKey),
        ErrorCode.Forbidden => (StatusCodes.Status403Forbidden, Forbidden),
        ErrorCode.NotFound => (StatusCodes.Status404NotFound, NotFound),
        ErrorCode.Conflict => (StatusCodes.Status409Conflict, AlreadyExists),
        ErrorCode.VersionConflict => (StatusCodes.Status409Conflict, Changed),
        ErrorCode.PayloadTooLarge => (StatusCodes.Status413PayloadTooLarge, TooLarge),
        ErrorCode.LimitReached => (StatusCodes.Status409Conflict, LimitReached),
        ErrorCode.ReferenceMissing => (StatusCodes.Status404NotFound, NotFound),
        ErrorCode.TooManyAttempts => (StatusCodes.Status429TooManyRequests, TooManyAttempts),
        ErrorCode.RequestTimeout => (StatusCodes.Status408RequestTimeout, RequestTimeout),
        _ => (StatusCodes.Status500InternalServerError, InternalError),
    };

    /// <summary>
    /// Renders a core error. <paramref name="fieldNames"/> renames the core's field names to the call's
    /// wire names (<c>username</c> → <c>user_id</c>), in the message too, so it says what to fix in the
    /// terms the client sent.
    /// </summary>
    public static IResult From(Error error, IReadOnlyDictionary<string, string>? fieldNames = null)
    {
        var (http, status) = StatusOf(error.Code);
        return RetryAfter.With(Envelope(http, status, Message(error, fieldNames)), error);
    }

    public static IResult Ok(object result) => Envelope(StatusCodes.Status200OK, Success, "success", result);

    /// <summary>A success with no result: revocations ("success") and deletes ("Domain Deleted"...).</summary>
    public static IResult Done(string message = "success") => Envelope(StatusCodes.Status200OK, Success, message);

    public static IResult Missing(IReadOnlyCollection<string> names) =>
        Envelope(StatusCodes.Status400BadRequest, MissingParameters, "missing parameters: " + string.Join(", ", names));

    public static IResult Internal(bool storageUnavailable) => storageUnavailable
        ? Envelope(StatusCodes.Status503ServiceUnavailable, InternalError, "internal error: the change could not be stored and nothing was written; retry shortly.")
        : Envelope(StatusCodes.Status500InternalServerError, InternalError, "internal error: the request failed on the server and nothing was written.");

    public static IResult NoSuchCall(string method, string path, IReadOnlyCollection<string>? allowedMethods)
    {
        if (allowedMethods is { Count: > 0 })
        {
            return Envelope(StatusCodes.Status405MethodNotAllowed, NotFound, $"{path} does not answer {method}; use {string.Join(" or ", allowedMethods)}.");
        }

        return Envelope(StatusCodes.Status404NotFound, NotFound, $"{path} is not a Kandy call; the calls live under /v1.2/accounts, /v1.2/domains and /v1.2/users.");
    }

    private static JsonHttpResult<KandyEnvelope> Envelope(int http, int status, string message, object? result = null) =>
        TypedResults.Json(new KandyEnvelope(status, message, result), KandyWire.Options, "application/json", http);

    private static string Message(Error error, IReadOnlyDictionary<string, string>? fieldNames)
    {
        if (error.Fields is not { Count: > 0 } fields || fieldNames is null)
        {
            return Translate(error.Message);
        }

        var lines = new List<string>();
        foreach (var (field, messages) in fields)
        {
            var wireName = fieldNames.GetValueOrDefault(field, field);
            foreach (var message in messages)
            {
                var renamed = message.StartsWith(field + " ", StringComparison.Ordinal)
                    ? wireName + message[field.Length..]
                    : message;
                if (!lines.Contains(renamed, StringComparer.Ordinal))
                {
                    lines.Add(renamed);
                }
            }
        }

        return Translate(string.Join(" ", lines));
    }

    /// <summary>Translates the core's words, but not what the client sent: text in single quotes is left alone.</summary>
    private static string Translate(string message)
    {
        var parts = message.Split('\'');
        for (var i = 0; i < parts.Length; i += 2)
        {
            var text = new StringBuilder(parts[i]);
            foreach (var (core, kandy) in Vocabulary)
            {
                text.Replace(core, kandy);
            }

            parts[i] = text.ToString();
        }

        return string.Join('\'', parts);
    }
}
