namespace Steward.Core.Access;

/// <summary>Who a credential or token speaks for. Stored as its number; never renumber.</summary>
public enum PrincipalKind
{
    Root = 0,
    Account = 1,
    Organisation = 2,
    User = 3,

    /// <summary>A registered service that does paid work and posts charges (see <c>Billing/Merchant.cs</c>).</summary>
    Merchant = 4,
}

/// <summary>
/// The one table of what each kind of caller is called on the wire: the letter of its key, secret
/// and token prefixes (<c>AAK</c>, <c>AAS</c>, <c>AAT</c>) and the prefix of its public id. A new kind
/// of caller adds one row here; what it means in storage is its area's <see cref="ICredentialOwner"/>.
/// </summary>
public static class PrincipalKinds
{
    private static readonly Dictionary<PrincipalKind, (char Letter, string IdPrefix)> Table = new()
    {
        [PrincipalKind.Root] = ('R', Ids.PublicId.Root),
        [PrincipalKind.Account] = ('A', "acct"),
        [PrincipalKind.Organisation] = ('D', "org"),
        [PrincipalKind.User] = ('U', "user"),
        [PrincipalKind.Merchant] = ('M', "merchant"),
    };

    public static bool IsDefined(PrincipalKind kind) => Table.ContainsKey(kind);

    /// <summary>API key, secret and access-token prefixes, such as AAK, AAS and AAT.</summary>
    public static (string Key, string Secret, string Token) Prefixes(PrincipalKind kind) =>
        Table.TryGetValue(kind, out var row)
            ? (row.Letter + "AK", row.Letter + "AS", row.Letter + "AT")
            : throw new ArgumentOutOfRangeException(nameof(kind));

    /// <summary>The public id of a caller of this kind (<c>acct-…</c>, <c>org-…</c>).</summary>
    public static string PublicIdOf(PrincipalKind kind, Guid id) =>
        Table.TryGetValue(kind, out var row)
            ? Ids.PublicId.Format(row.IdPrefix, id)
            : throw new ArgumentOutOfRangeException(nameof(kind));

    /// <summary>Tells the kind of caller a public id names, by its prefix.</summary>
    public static bool TryParse(string? text, out PrincipalKind kind, out Guid id)
    {
        foreach (var (k, row) in Table)
        {
            if (text is not null && text.StartsWith(row.IdPrefix + "-", StringComparison.Ordinal) && Ids.PublicId.TryParse(row.IdPrefix, text, out id))
            {
                kind = k;
                return true;
            }
        }

        kind = default;
        id = Guid.Empty;
        return false;
    }
}
