using System.Text.RegularExpressions;
using Steward.Core.Events;
using Steward.Core.Results;

namespace Steward.Core.Webhooks;

/// <summary>What an endpoint may hold, and the retry schedule its messages follow.</summary>
public static partial class WebhookRules
{
    public const int MaxUrlLength = 2000;
    public const int MaxEventTypes = 50;
    public const int MaxEventTypeLength = 64;
    public const int MaxEventTypesLength = MaxEventTypes * (MaxEventTypeLength + 1);
    public const int MaxEndpointsPerAccount = 50;
    public const int MaxErrorLength = 300;

    /// <summary>Delay before each attempt, counted from the previous failure: the first goes at once, the last about 28 hours after the first.</summary>
    public static readonly TimeSpan[] Schedule =
    [
        TimeSpan.Zero,
        TimeSpan.FromSeconds(5),
        TimeSpan.FromMinutes(5),
        TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(2),
        TimeSpan.FromHours(5),
        TimeSpan.FromHours(10),
        TimeSpan.FromHours(10),
    ];

    /// <summary>An endpoint that has failed every attempt for this long is disabled.</summary>
    public static readonly TimeSpan DisableAfter = TimeSpan.FromDays(5);

    /// <summary>How long a rotated-out secret still signs, beside the new one.</summary>
    public static readonly TimeSpan SecretOverlap = TimeSpan.FromHours(24);

    /// <summary>The longest a receiver's Retry-After may push an attempt back.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromHours(24);

    /// <summary>
    /// The delay before the next attempt after <paramref name="attemptsMade"/> failed ones, or null when
    /// the schedule is spent (the message is dead-lettered). Jitter of ±10% keeps many messages that
    /// failed together from retrying together; a receiver's Retry-After (429, 503) is honoured as a floor.
    /// </summary>
    public static TimeSpan? NextDelay(int attemptsMade, TimeSpan? retryAfter, double jitter)
    {
        if (attemptsMade >= Schedule.Length)
        {
            return null;
        }

        var delay = Schedule[attemptsMade] * (1 + (Math.Clamp(jitter, 0, 1) - 0.5) / 5);
        if (retryAfter is { } asked && asked > delay)
        {
            delay = asked < MaxRetryAfter ? asked : MaxRetryAfter;
        }

        return delay;
    }

    /// <summary>True when one of the patterns takes events of this type.</summary>
    public static bool Matches(IReadOnlyList<string> patterns, string type)
    {
        foreach (var pattern in patterns)
        {
            if (pattern == "*"
                || string.Equals(pattern, type, StringComparison.Ordinal)
                || (pattern.EndsWith(".*", StringComparison.Ordinal) && type.Length > pattern.Length - 1
                    && type.StartsWith(pattern.AsSpan(0, pattern.Length - 1), StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Checks a list of event type patterns: <c>*</c>, a known type (<c>user.created</c>), or a prefix
    /// of known types (<c>user.*</c>). An unknown name is refused, so a typo does not silently receive nothing.
    /// </summary>
    public static IReadOnlyList<string>? EventTypes(Validator v, IReadOnlyList<string?>? raw, bool required)
    {
        const string field = "event_types";
        if (raw is null)
        {
            if (required)
            {
                v.Add(field, FieldRule.Required, "event_types is required: a list such as [\"*\"] or [\"user.*\", \"organisation.created\"].");
            }

            return null;
        }

        if (raw.Count == 0)
        {
            v.Add(field, FieldRule.Required, "event_types must name at least one event type pattern, such as \"*\".");
            return null;
        }

        if (raw.Count > MaxEventTypes)
        {
            v.Add(field, FieldRule.OutOfRange, $"event_types may hold at most {MaxEventTypes} patterns.", new Dictionary<string, object> { ["min"] = 1, ["max"] = MaxEventTypes });
            return null;
        }

        var patterns = new List<string>(raw.Count);
        foreach (var item in raw)
        {
            var pattern = item?.Trim() ?? "";
            if (pattern.Length > MaxEventTypeLength)
            {
                v.Add(field, FieldRule.TooLong, $"Each event type pattern must be at most {MaxEventTypeLength} characters.", new Dictionary<string, object> { ["max"] = MaxEventTypeLength });
            }
            else if (!IsKnownPattern(pattern))
            {
                v.Add(field, FieldRule.Invalid, $"'{Shorten(pattern)}' is not an event type or pattern this server knows; use \"*\", a type such as \"user.created\", or a prefix such as \"user.*\".");
            }
            else if (!patterns.Contains(pattern, StringComparer.Ordinal))
            {
                patterns.Add(pattern);
            }
        }

        return patterns;
    }

    private static bool IsKnownPattern(string pattern)
    {
        if (pattern == "*")
        {
            return true;
        }

        if (!PatternShape().IsMatch(pattern))
        {
            return false;
        }

        return pattern.EndsWith(".*", StringComparison.Ordinal)
            ? EventCatalog.Names.Any(n => n.StartsWith(pattern.AsSpan(0, pattern.Length - 1), StringComparison.Ordinal))
            : EventCatalog.Names.Contains(pattern, StringComparer.Ordinal);
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    [GeneratedRegex("^[a-z0-9_]+(\\.[a-z0-9_]+)*(\\.\\*)?$")]
    private static partial Regex PatternShape();
}
