using System.Collections.Concurrent;
using Steward.Core.Events;

namespace Steward.Core.Access;

/// <summary>
/// The in-memory revocation list checked on every token validation. A key is a token id, account,
/// organisation, subject or credential id; tokens naming it and issued before its cutoff are refused.
/// Filled from the database at start-up, updated at once on this instance after each commit, and
/// from the database by <see cref="Events.ClusterSync"/> for changes made by other instances.
/// </summary>
public sealed class RevocationList
{
    private readonly ConcurrentDictionary<Guid, Entry> entries = new();

    public int Count => entries.Count;

    public void Add(Guid key, DateTimeOffset cutoff, DateTimeOffset expiresAt) =>
        entries.AddOrUpdate(
            key,
            new Entry(cutoff, expiresAt),
            (_, existing) => new Entry(Max(existing.Cutoff, cutoff), Max(existing.ExpiresAt, expiresAt)));

    public bool IsRevoked(TokenClaims claims) =>
        Revokes(claims.TokenId, claims.IssuedAt)
        || Revokes(claims.CredentialId, claims.IssuedAt)
        || Revokes(claims.SubjectId, claims.IssuedAt)
        || Revokes(claims.AccountId, claims.IssuedAt)
        || (claims.OrganisationId != Guid.Empty && Revokes(claims.OrganisationId, claims.IssuedAt));

    /// <summary>Forgets entries past their expiry: no token they could refuse is still valid.</summary>
    public void Prune(DateTimeOffset now)
    {
        foreach (var pair in entries)
        {
            if (pair.Value.ExpiresAt < now)
            {
                entries.TryRemove(pair);
            }
        }
    }

    private bool Revokes(Guid key, DateTimeOffset issuedAt) =>
        !entries.IsEmpty && entries.TryGetValue(key, out var entry) && issuedAt < entry.Cutoff;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private readonly record struct Entry(DateTimeOffset Cutoff, DateTimeOffset ExpiresAt);
}
