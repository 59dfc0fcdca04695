namespace Steward.Core.Ids;

/// <summary>
/// Public identifiers are <c>&lt;kind&gt;-&lt;uuid&gt;</c> in lower case (<c>org-…</c>, <c>user-…</c>);
/// the uuid is a version 7 UUID so new rows land at the end of indexes. Each entity declares its
/// prefix (<see cref="IPublicEntity"/>); this class only formats and parses.
/// </summary>
public static class PublicId
{
    /// <summary>Steward's own root credential owner, which has no entity.</summary>
    public const string Root = "root";

    public static Guid NewGuid(DateTimeOffset now) => Guid.CreateVersion7(now);

    public static string Format(string kind, Guid id) => kind + "-" + id.ToString("D");

    /// <summary>The public id of an entity of kind <typeparamref name="T"/>.</summary>
    public static string Of<T>(Guid id) where T : IPublicEntity => Format(T.IdPrefix, id);

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

    /// <summary>Parses an id of kind <typeparamref name="T"/>.</summary>
    public static bool TryParse<T>(string? text, out Guid id) where T : IPublicEntity => TryParse(T.IdPrefix, text, out id);

    /// <summary>True when <paramref name="text"/> carries the prefix of kind <typeparamref name="T"/>.</summary>
    public static bool HasPrefix<T>(string? text) where T : IPublicEntity =>
        text is not null && text.Length > T.IdPrefix.Length && text[T.IdPrefix.Length] == '-' && text.StartsWith(T.IdPrefix, StringComparison.Ordinal);
}
