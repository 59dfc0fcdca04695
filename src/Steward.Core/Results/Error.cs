namespace Steward.Core.Results;

/// <summary>
/// A failure the caller can act on: a stable code, a human message and the fields concerned.
/// <see cref="Fields"/> holds the core's messages per field (what the native API shows);
/// <see cref="Violations"/> the same as rules with arguments, for faces that word their own.
/// </summary>
public sealed record Error(ErrorCode Code, string Message, IReadOnlyDictionary<string, string[]>? Fields = null)
{
    public IReadOnlyList<FieldViolation> Violations { get; init; } = [];

    /// <summary>With <see cref="ErrorCode.TooManyAttempts"/>: whole seconds until an attempt may be made again (at least 1).</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>
    /// A stable, snake_case name for why a state refused the change (<c>plan_disabled</c>), when one
    /// code covers several situations a face must tell apart; the areas declare their reasons.
    /// </summary>
    public string? Reason { get; init; }

    public static Error NotFound(string what) => new(ErrorCode.NotFound, $"{what} was not found.");

    public static Error Conflict(string message) => new(ErrorCode.Conflict, message);

    /// <summary>A conflict with the current state, named by a stable <paramref name="reason"/> (see <see cref="Reason"/>).</summary>
    public static Error Refused(string reason, string message) => new(ErrorCode.Conflict, message) { Reason = reason };

    /// <summary>A value of one field is taken (a name, a domain), so clients can show it beside the field.</summary>
    public static Error Conflict(string field, string message) =>
        new(ErrorCode.Conflict, message, new Dictionary<string, string[]> { [field] = [message] })
        {
            Violations = [new FieldViolation(field, FieldRule.Taken, message)],
        };

    public static Error Forbidden(string message = "The caller may not do this.") => new(ErrorCode.Forbidden, message);

    public static Error Unauthorized(string message) => new(ErrorCode.Unauthorized, message);

    public static Error VersionConflict() =>
        new(ErrorCode.VersionConflict, "The resource was changed by someone else; read it again and retry with its current version.");

    /// <summary>A business limit was reached (spend, quota); <paramref name="field"/> names what the limit is on.</summary>
    public static Error LimitReached(string message, string? field = null) =>
        new(ErrorCode.LimitReached, message, field is null ? null : new Dictionary<string, string[]> { [field] = [message] });

    public static Error PayloadTooLarge(string message, string field, string fieldMessage) =>
        new(ErrorCode.PayloadTooLarge, message, new Dictionary<string, string[]> { [field] = [fieldMessage] })
        {
            Violations = [new FieldViolation(field, FieldRule.OutOfRange, fieldMessage)],
        };

    public static Error ReferenceMissing(string message) => new(ErrorCode.ReferenceMissing, message);

    /// <summary>An attempt refused untried; <paramref name="retryAfter"/> is rounded up to whole seconds, at least one.</summary>
    public static Error TooManyAttempts(TimeSpan retryAfter, string? message = null)
    {
        var seconds = (int)Math.Clamp(Math.Ceiling(retryAfter.TotalSeconds), 1, int.MaxValue);
        return new(ErrorCode.TooManyAttempts, message ?? $"Too many failed attempts; try again in {seconds} s.") { RetryAfterSeconds = seconds };
    }

    /// <summary>The request (its body) arrived too slowly and was given up on.</summary>
    public static Error RequestTimeout(string message) => new(ErrorCode.RequestTimeout, message);

    public static Error Invalid(string field, string message) => Invalid(field, FieldRule.Invalid, message);

    public static Error Invalid(string field, FieldRule rule, string message, IReadOnlyDictionary<string, object>? arguments = null) =>
        new(ErrorCode.Validation, message, new Dictionary<string, string[]> { [field] = [message] })
        {
            Violations = [new FieldViolation(field, rule, message, arguments)],
        };

    public static Error Invalid(IReadOnlyList<FieldViolation> violations)
    {
        var fields = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var group in violations.GroupBy(v => v.Field, StringComparer.Ordinal))
        {
            fields[group.Key] = group.Select(v => v.Message).ToArray();
        }

        return new Error(ErrorCode.Validation, "One or more fields are invalid: " + string.Join(", ", fields.Keys) + ".", fields)
        {
            Violations = violations,
        };
    }

    /// <summary>Field messages without rules (input read by a surface); each is reported as <see cref="FieldRule.Invalid"/>.</summary>
    public static Error Invalid(IReadOnlyDictionary<string, string[]> fields) =>
        Invalid(fields.SelectMany(f => f.Value.Select(m => new FieldViolation(f.Key, FieldRule.Invalid, m))).ToList());
}
