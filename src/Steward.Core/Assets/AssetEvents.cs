using Steward.Core.Events;
using Steward.Core.Ids;
using Steward.Core.Tenancy;

namespace Steward.Core.Assets;

/// <summary>
/// The data of every asset event: what the asset is, never what it holds. Content (secret or not)
/// is not part of any event, so the log and webhooks can be read without revealing it.
/// </summary>
public abstract record AssetEvent : StewardEvent
{
    public string Id { get; init; } = "";

    public string AccountId { get; init; } = "";

    public string Name { get; init; } = "";

    public AssetScope Scope { get; init; }

    /// <summary>The public id of the scope (<c>org-…</c>, <c>unit-…</c>, <c>product-…</c>, <c>user-…</c>); null for a global asset.</summary>
    public string? ScopeId { get; init; }

    public bool Secret { get; init; }

    public bool Enabled { get; init; }

    /// <summary>The content's size in bytes.</summary>
    public int ContentLength { get; init; }

    public int Version { get; init; }

    public override string SubjectId => Id;

    public static T Of<T>(Asset a) where T : AssetEvent, new() => new()
    {
        Id = PublicId.Of<Asset>(a.Id),
        AccountId = PublicId.Of<Account>(a.AccountId),
        Name = a.Name,
        Scope = a.Scope,
        ScopeId = AssetScopes.PublicScopeId(a.Scope, a.ScopeId),
        Secret = a.Secret,
        Enabled = a.Enabled,
        ContentLength = a.ContentLength,
        Version = a.Version,
    };
}

/// <summary>An asset event that names a merchant: <c>AssetEvent.Of&lt;AssetAttached&gt;(asset) with { MerchantId = … }</c>.</summary>
public abstract record AssetMerchantEvent : AssetEvent
{
    public string MerchantId { get; init; } = "";
}

[EventType("asset.created")]
public sealed record AssetCreated : AssetEvent;

/// <summary>Its name, description or content changed; <see cref="ContentChanged"/> says whether the content did.</summary>
[EventType("asset.updated")]
public sealed record AssetUpdated : AssetEvent
{
    public bool ContentChanged { get; init; }
}

[EventType("asset.enabled")]
public sealed record AssetEnabled : AssetEvent;

[EventType("asset.disabled")]
public sealed record AssetDisabled : AssetEvent;

[EventType("asset.deleted")]
public sealed record AssetDeleted : AssetEvent;

[EventType("asset.attached")]
public sealed record AssetAttached : AssetMerchantEvent;

[EventType("asset.detached")]
public sealed record AssetDetached : AssetMerchantEvent;

/// <summary>
/// The audit of a merchant reading an asset's content (a secret one, decrypted for it, or not): one
/// event per read, written before the content is handed over.
/// </summary>
[EventType("asset.revealed")]
public sealed record AssetRevealed : AssetMerchantEvent;
