using System.Net.Mail;

namespace Steward.Core.Results;

/// <summary>Collects field errors so a caller learns every problem with its input at once.</summary>
public sealed class Validator
{
    private readonly List<FieldViolation> violations = [];

    public bool IsValid => violations.Count == 0;

    /// <summary>How many rules were broken so far (a long input can stop early).</summary>
    public int Count => violations.Count;

    /// <summary>Records a broken rule of <paramref name="field"/>, with the core's wording.</summary>
    public Validator Add(string field, FieldRule rule, string message, IReadOnlyDictionary<string, object>? arguments = null)
    {
        violations.Add(new FieldViolation(field, rule, message, arguments));
        return this;
    }

    public Validator Add(string field, string message) => Add(field, FieldRule.Invalid, message);

    /// <summary>Checks a required text field; returns the trimmed value.</summary>
    public string Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, FieldRule.Required, $"{field} is required.");
            return string.Empty;
        }

        return Optional(field, value, maxLength) ?? string.Empty;
    }

    /// <summary>Checks an optional text field; returns the trimmed value or null.</summary>
    public string? Optional(string field, string? value, int maxLength)
    {
        if (value is null)
        {
            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length > maxLength)
        {
            Add(field, FieldRule.TooLong, $"{field} must be at most {maxLength} characters.", new Dictionary<string, object> { ["max"] = maxLength });
        }

        if (trimmed.Any(char.IsControl))
        {
            Add(field, FieldRule.Format, $"{field} must not contain control characters.");
        }

        return trimmed.Length == 0 ? null : trimmed;
    }

    /// <summary>
    /// Checks a name people read (an account, organisation, unit, device, label): trimmed, normalised to
    /// NFC, and free of invisible format characters (bidirectional overrides, zero-width characters) and
    /// control characters, which could make two names look alike (Unicode TR 36/39).
    /// </summary>
    public string? Name(string field, string? value, int maxLength, bool required)
    {
        if (required && string.IsNullOrWhiteSpace(value))
        {
            Add(field, FieldRule.Required, $"{field} is required.");
            return required ? string.Empty : null;
        }

        if (value is null)
        {
            return null;
        }

        try
        {
            value = value.Normalize(System.Text.NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            // Not valid UTF-16 (a lone surrogate): reported below.
        }

        if (HasInvisibleCharacters(value))
        {
            Add(field, FieldRule.Format, $"{field} must not contain invisible formatting characters (such as bidirectional overrides or zero-width spaces).");
        }

        var name = Optional(field, value, maxLength);
        return required ? name ?? string.Empty : name;
    }

    public string? Email(string field, string? value, bool required)
    {
        var email = required ? Required(field, value, 254) : Optional(field, value, 254);
        if (!string.IsNullOrEmpty(email) && !LooksLikeEmail(email))
        {
            Add(field, FieldRule.Format, $"{field} must be an email address such as name@example.com.");
        }

        return email;
    }

    /// <summary>Checks that <paramref name="value"/> lies within <paramref name="min"/>..<paramref name="max"/>.</summary>
    public void Range(string field, int value, int min, int max, string message)
    {
        if (value < min || value > max)
        {
            Add(field, FieldRule.OutOfRange, message, new Dictionary<string, object> { ["min"] = min, ["max"] = max });
        }
    }

    public Error ToError() => Error.Invalid(violations);

    private static bool HasInvisibleCharacters(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    i++;
                    continue;
                }

                return true;
            }

            if (char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)
            {
                return true;
            }
        }

        return false;
    }

    private static bool LooksLikeEmail(string value) =>
        value.IndexOf('@', StringComparison.Ordinal) > 0
        && MailAddress.TryCreate(value, out var parsed)
        && string.Equals(parsed.Address, value, StringComparison.OrdinalIgnoreCase);
}
