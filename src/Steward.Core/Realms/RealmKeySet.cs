using System.Security.Cryptography;

namespace Steward.Core.Realms;

/// <summary>A signing key as held in memory: its RSA key (with the private part only for the active key).</summary>
public sealed record RealmKey(string KeyId, RSA Rsa, string PublicKey, DateTimeOffset CreatedAt, DateTimeOffset? RetiredAt);

/// <summary>
/// The keys at one moment: the <see cref="Active"/> one signs, every one of <see cref="Published"/> (the active
/// one first) verifies. Immutable; a rotation makes a new set. The RSA objects are never disposed, since a
/// request may still be signing with a set that was just replaced.
/// </summary>
public sealed class RealmKeySet(RealmKey active, IReadOnlyList<RealmKey> published, DateTimeOffset refreshAt)
{
    /// <summary>The set's entry in the read cache; <see cref="SigningKeyRotated"/> removes it on every instance.</summary>
    public static readonly object CacheKey = new SetKey();

    public RealmKey Active { get; } = active;

    public IReadOnlyList<RealmKey> Published { get; } = published;

    /// <summary>When the set is read again: when the active key falls due for rotation or a retired one stops being published.</summary>
    public DateTimeOffset RefreshAt { get; } = refreshAt;

    private sealed record SetKey;
}
