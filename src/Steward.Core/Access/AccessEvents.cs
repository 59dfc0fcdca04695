using Steward.Core.Caching;
using Steward.Core.Events;
using Steward.Core.Ids;

namespace Steward.Core.Access;

/// <summary>The data of every credential event. The secret is never part of it.</summary>
public abstract record CredentialEvent : StewardEvent
{
    public string Id { get; init; } = "";

    public PrincipalKind OwnerKind { get; init; }

    public string OwnerId { get; init; } = "";

    public string ApiKey { get; init; } = "";

    public string? Label { get; init; }

    public DateTimeOffset? RotatedAt { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }

    public override string SubjectId => Id;

    /// <summary>The cached snapshot holds the old secret hash or the live state; drop it.</summary>
    public override void Invalidate(ReadCache cache) => cache.Remove(new CredentialCacheKey(ApiKey));

    public static T Of<T>(Credential c) where T : CredentialEvent, new() => new()
    {
        Id = PublicId.Of<Credential>(c.Id),
        OwnerKind = c.OwnerKind,
        OwnerId = PrincipalKinds.PublicIdOf(c.OwnerKind, c.OwnerId),
        ApiKey = c.ApiKey,
        Label = c.Label,
        RotatedAt = c.RotatedAt,
        RevokedAt = c.RevokedAt,
    };
}

[EventType("credential.created")]
public sealed record CredentialCreated : CredentialEvent;

[EventType("credential.rotated")]
public sealed record CredentialRotated : CredentialEvent;

[EventType("credential.revoked")]
public sealed record CredentialRevoked : CredentialEvent;

/// <summary>One access token was revoked (RFC 7009). The revocation itself travels through the revocations table.</summary>
[EventType("token.revoked")]
public sealed record TokenRevoked : StewardEvent
{
    public Guid TokenId { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public override string SubjectId => "token-" + TokenId.ToString("D");
}

/// <summary>
/// Every stored secret was re-encrypted under a new master key (<c>steward rotate-master-key</c>).
/// Caches hold secret hashes, never ciphertexts, so nothing is dropped.
/// </summary>
[EventType("master_key.rotated")]
public sealed record MasterKeyRotated : StewardEvent
{
    public string KeyId { get; init; } = "";

    public string PreviousKeyId { get; init; } = "";

    /// <summary>How many stored secrets were re-encrypted.</summary>
    public int Secrets { get; init; }

    public override string SubjectId => "master-key-" + KeyId;
}

/// <summary>The root credential was created at first start.</summary>
[EventType("root.created")]
public sealed record RootCreated : StewardEvent
{
    public string ApiKey { get; init; } = "";

    public bool Supplied { get; init; }

    public override string SubjectId => PublicId.Of<Credential>(CredentialId);

    [System.Text.Json.Serialization.JsonIgnore]
    public Guid CredentialId { get; init; }
}
