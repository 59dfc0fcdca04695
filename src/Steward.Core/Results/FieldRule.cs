namespace Steward.Core.Results;

/// <summary>Which rule a field broke, so that each surface can word its own message.</summary>
public enum FieldRule
{
    /// <summary>Absent or blank.</summary>
    Required,

    /// <summary>Longer than <c>max</c> characters (argument <c>max</c>).</summary>
    TooLong,

    /// <summary>Not in the expected form (an email address, a host name, an id, a number).</summary>
    Format,

    /// <summary>Already used by another resource.</summary>
    Taken,

    /// <summary>Outside <c>min</c>..<c>max</c> (arguments <c>min</c>, <c>max</c>).</summary>
    OutOfRange,

    /// <summary>Any other rule; the message says which.</summary>
    Invalid,
}

/// <summary>One broken rule of one field, with the core's own English wording in <see cref="Message"/>.</summary>
public sealed record FieldViolation(string Field, FieldRule Rule, string Message, IReadOnlyDictionary<string, object>? Arguments = null)
{
    public object? Argument(string name) => Arguments is not null && Arguments.TryGetValue(name, out var value) ? value : null;
}
