using System.Net.Mail;

namespace Steward.Core.Results;

/// <summary>Collects field errors so a caller learns every problem with its input at once.</summary>
public sealed class Validator
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool IsValid => errors.Count == 0;

    public Validator Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        list.Add(message);
        return this;
    }

    /// <summary>Checks a required text field; returns the trimmed value.</summary>
    public string Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, $"{field} is required.");
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
            Add(field, $"{field} must be at most {maxLength} characters.");
        }

        if (trimmed.Any(char.IsControl))
        {
            Add(field, $"{field} must not contain control characters.");
        }

        return trimmed.Length == 0 ? null : trimmed;
    }

    public string? Email(string field, string? value, bool required)
    {
        var email = required ? Required(field, value, 254) : Optional(field, value, 254);
        if (!string.IsNullOrEmpty(email) && !LooksLikeEmail(email))
        {
            Add(field, $"{field} must be an email address such as name@example.com.");
        }

        return email;
    }

    public Error ToError() =>
        Error.Invalid(errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));

    private static bool LooksLikeEmail(string value) =>
        value.IndexOf('@', StringComparison.Ordinal) > 0
        && MailAddress.TryCreate(value, out var parsed)
        && string.Equals(parsed.Address, value, StringComparison.OrdinalIgnoreCase);
}
