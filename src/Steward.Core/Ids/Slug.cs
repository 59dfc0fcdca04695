using System.Text;

namespace Steward.Core.Ids;

/// <summary>
/// Slugs: lower-case letters, digits and single dashes, not starting or ending with a dash (an
/// account's realm or site name, a plan's uid). Derived from a display name when none is given.
/// </summary>
public static class Slug
{
    public const int MaxLength = 63;

    /// <summary>True when <paramref name="text"/> is a slug of at most <paramref name="maxLength"/> characters.</summary>
    public static bool IsValid(string? text, int maxLength = MaxLength)
    {
        if (string.IsNullOrEmpty(text) || text.Length > maxLength || text[0] == '-' || text[^1] == '-')
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var ok = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') || (c == '-' && text[i - 1] != '-');
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A slug made from a display name: letters folded to ASCII lower case, anything else a dash.
    /// Short enough that a uniqueness suffix (<see cref="WithSuffix"/>) still fits; <paramref name="fallback"/> when nothing is left.
    /// </summary>
    public static string From(string? name, string fallback)
    {
        var folded = (name ?? "").Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var lower = char.ToLowerInvariant(c);
            if (lower is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                builder.Append(lower);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        if (slug.Length > MaxLength - 8)
        {
            slug = slug[..(MaxLength - 8)].TrimEnd('-');
        }

        return slug.Length == 0 ? fallback : slug;
    }

    /// <summary><paramref name="slug"/> with <c>-n</c> appended, for the n-th candidate when the plain one is taken.</summary>
    public static string WithSuffix(string slug, int n) =>
        n <= 1 ? slug : slug + "-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
