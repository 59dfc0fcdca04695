using System.Globalization;
using Steward.Core.Results;

namespace Steward.Core.Billing;

/// <summary>
/// Coin amounts: exact decimals with at most <see cref="Scale"/> decimal places, below
/// <see cref="Max"/>, so every amount and every sum of them fits the storage column (28, 9) on
/// PostgreSQL and round-trips exactly through SQLite's text storage.
/// </summary>
public static class Coins
{
    /// <summary>Decimal places kept exactly.</summary>
    public const int Scale = 9;

    /// <summary>The largest amount one field may hold (a line, an allowance, a limit).</summary>
    public const decimal Max = 1_000_000_000_000m;

    private static readonly Dictionary<string, object> Range = new() { ["min"] = 0, ["max"] = Max };

    /// <summary>Wire text of an amount: invariant, no exponent, no trailing zeros (<c>1.25</c>, <c>0</c>).</summary>
    public static string Format(decimal value) => value.ToString("0.#########", CultureInfo.InvariantCulture);

    /// <summary>Parses decimal text (a JSON number's text or a decimal string such as <c>"1.25"</c>).</summary>
    public static bool TryParse(string? text, out decimal value)
    {
        value = 0;
        return !string.IsNullOrWhiteSpace(text)
            && text.Length <= 64
            && decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// Checks an amount given as text: a decimal, at most <see cref="Scale"/> places, within
    /// 0..<see cref="Max"/> (above 0 when <paramref name="positive"/>). Returns null when absent or invalid.
    /// </summary>
    public static decimal? Read(Validator v, string field, string? text, bool required, bool positive)
    {
        if (text is null)
        {
            if (required)
            {
                v.Add(field, FieldRule.Required, $"{field} is required.");
            }

            return null;
        }

        if (!TryParse(text, out var value))
        {
            v.Add(field, FieldRule.Format, $"{field} must be a decimal number such as 1.25 (a JSON number or a string).");
            return null;
        }

        if (value.Scale > Scale && decimal.Round(value, Scale) != value)
        {
            v.Add(field, FieldRule.Format, $"{field} may have at most {Scale} decimal places.");
            return null;
        }

        if (value < 0 || value > Max || (positive && value == 0))
        {
            var message = positive ? $"{field} must be above 0 and at most {Format(Max)}." : $"{field} must be between 0 and {Format(Max)}.";
            v.Add(field, FieldRule.OutOfRange, message, Range);
            return null;
        }

        return decimal.Round(value, Scale);
    }
}
