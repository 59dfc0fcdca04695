using System.Diagnostics.CodeAnalysis;
using Steward.Core.Access;
using Steward.Core.Identity;
using Steward.Core.Tenancy;

namespace Steward.Core.Ids;

/// <summary>
/// Public identifiers are <c>&lt;kind&gt;-&lt;uuid&gt;</c> in lower case (<c>org-…</c>, <c>user-…</c>);
/// the uuid is a version 7 UUID so new rows land at the end of indexes.
/// </summary>
public static class PublicId
{
    public const string Account = "acct";
    public const string Organisation = "org";
    public const string Unit = "unit";
    public const string User = "user";
    public const string Device = "device";
    public const string Credential = "cred";
    public const string Root = "root";

    public static Guid NewGuid(DateTimeOffset now) => Guid.CreateVersion7(now);

    public static string Format(string kind, Guid id) => kind + "-" + id.ToString("D");

    /// <summary>Parses an id of the given kind; a bare uuid is accepted too.</summary>
    public static bool TryParse(string kind, string? text, out Guid id)
    {
        id = Guid.Empty;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var span = text.AsSpan();
        if (span.Length > kind.Length + 1 && span[kind.Length] == '-' && span.StartsWith(kind, StringComparison.Ordinal))
        {
            span = span[(kind.Length + 1)..];
        }

        return span.Length == 36 && Guid.TryParseExact(span, "D", out id) && id != Guid.Empty;
    }

    /// <summary>Tells the kind of a public id by its prefix.</summary>
    public static bool TryParseAny(string? text, [NotNullWhen(true)] out string? kind, out Guid id)
    {
        kind = null;
        id = Guid.Empty;
        if (text is null)
        {
            return false;
        }

        foreach (var candidate in new[] { Account, Organisation, Unit, User, Device, Credential })
        {
            if (text.StartsWith(candidate + "-", StringComparison.Ordinal) && TryParse(candidate, text, out id))
            {
                kind = candidate;
                return true;
            }
        }

        return false;
    }
}
