namespace Steward.Client;

/// <summary>A merchant an asset is attached to.</summary>
/// <param name="Id">The merchant's public id, <c>merchant-…</c>.</param>
/// <param name="Number">Its stable number.</param>
/// <param name="Name">Name.</param>
/// <param name="Kind">Kind of service, such as <c>DATA_MANAGER</c>.</param>
/// <param name="ApiHostname">Where the service's own API is reached.</param>
/// <param name="AttachedAt">When the asset was attached to it.</param>
public sealed record AssetMerchant(string Id, long Number, string Name, string Kind, string ApiHostname, DateTimeOffset AttachedAt);

/// <summary>An asset: named configuration or a secret, in a scope, read by the merchants it is attached to.</summary>
/// <param name="Id">Public id, <c>asset-…</c>.</param>
/// <param name="AccountId">The owning account.</param>
/// <param name="Name">An RFC 1123 label, unique within its scope.</param>
/// <param name="Scope"><c>global</c>, <c>organisation</c>, <c>unit</c>, <c>product</c> or <c>user</c>.</param>
/// <param name="ScopeId">The scope's public id (<c>org-…</c>, <c>unit-…</c>, <c>product-…</c>, <c>user-…</c>); null for a global asset.</param>
/// <param name="Description">What it is.</param>
/// <param name="Secret">Its content is encrypted at rest and shown only to attached merchants.</param>
/// <param name="Enabled">Attached merchants may read it.</param>
/// <param name="Content">The content; null for a secret asset, and in lists.</param>
/// <param name="ContentLength">The content's size in bytes (UTF-8).</param>
/// <param name="Merchants">The merchants it is attached to.</param>
/// <param name="CreatedBy">Public id of the caller that created it.</param>
/// <param name="CreatedAt">Creation time.</param>
/// <param name="UpdatedAt">Last change.</param>
/// <param name="ContentModifiedAt">Last change of the content.</param>
/// <param name="Version">Concurrency version (the ETag).</param>
public sealed record Asset(
    string Id,
    string AccountId,
    string Name,
    string Scope,
    string? ScopeId,
    string? Description,
    bool Secret,
    bool Enabled,
    string? Content,
    int ContentLength,
    IReadOnlyList<AssetMerchant> Merchants,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset ContentModifiedAt,
    int Version);

/// <summary>An asset's content, as read from <c>GET /api/v1/assets/{id}/content</c>.</summary>
/// <param name="Id">The asset's public id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Secret">Whether it is secret (then only an attached merchant reads it).</param>
/// <param name="Content">The content.</param>
public sealed record AssetContent(string Id, string Name, bool Secret, string Content);
