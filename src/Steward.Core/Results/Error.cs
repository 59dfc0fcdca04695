namespace Steward.Core.Results;

/// <summary>A failure the caller can act on: a stable code, a human message and the fields concerned.</summary>
public sealed record Error(ErrorCode Code, string Message, IReadOnlyDictionary<string, string[]>? Fields = null)
{
    public static Error NotFound(string what) => new(ErrorCode.NotFound, $"{what} was not found.");

    public static Error Conflict(string message) => new(ErrorCode.Conflict, message);

    /// <summary>A conflict on one field (a name that is taken), so clients can show it beside the field.</summary>
    public static Error Conflict(string field, string message) =>
        new(ErrorCode.Conflict, message, new Dictionary<string, string[]> { [field] = [message] });

    public static Error Forbidden(string message = "The caller may not do this.") => new(ErrorCode.Forbidden, message);

    public static Error Unauthorized(string message) => new(ErrorCode.Unauthorized, message);

    public static Error VersionConflict() =>
        new(ErrorCode.VersionConflict, "The resource was changed by someone else; read it again and retry with its current version.");

    public static Error Invalid(string field, string message) =>
        new(ErrorCode.Validation, message, new Dictionary<string, string[]> { [field] = [message] });

    public static Error Invalid(IReadOnlyDictionary<string, string[]> fields) =>
        new(ErrorCode.Validation, "One or more fields are invalid: " + string.Join(", ", fields.Keys) + ".", fields);
}
