using Steward.Core.Assets;
using Steward.Core.Billing;
using Steward.Core.Ids;
using Steward.Core.Tenancy;

namespace Steward.Server.Api.Wire;

// Assets on the native wire (snake_case). A secret asset's content is never part of an asset: only an
// attached merchant reads it, from GET /assets/{id}/content. Lists leave every asset's content out.

/// <summary>A merchant an asset is attached to.</summary>
public sealed record AssetMerchantResource(string Id, long Number, string Name, string Kind, string ApiHostname, DateTimeOffset AttachedAt)
{
    public static AssetMerchantResource From(AttachedMerchant a) =>
        new(PublicId.Of<Merchant>(a.Merchant.Id), a.Merchant.Number, a.Merchant.Name, a.Merchant.Kind, a.Merchant.ApiHostname, a.AttachedAt);
}

/// <summary>An asset. <c>content</c> is null for a secret asset, and in lists.</summary>
public sealed record AssetResource(
    string Id,
    string AccountId,
    string Name,
    AssetScope Scope,
    string? ScopeId,
    string? Description,
    bool Secret,
    bool Enabled,
    string? Content,
    int ContentLength,
    IReadOnlyList<AssetMerchantResource> Merchants,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset ContentModifiedAt,
    int Version)
{
    public static AssetResource From(AssetView v)
    {
        var a = v.Asset;
        return new(PublicId.Of<Asset>(a.Id), PublicId.Of<Account>(a.AccountId), a.Name, a.Scope, AssetScopes.PublicScopeId(a.Scope, a.ScopeId),
            a.Description, a.Secret, a.Enabled, v.Content, a.ContentLength, [.. v.Merchants.Select(AssetMerchantResource.From)],
            a.CreatedBy, a.CreatedAt, a.UpdatedAt, a.ContentModifiedAt, a.Version);
    }
}

/// <summary>An asset's content, as revealed to an attached merchant (or, when not secret, to a reader).</summary>
public sealed record AssetContentResource(string Id, string Name, bool Secret, string Content)
{
    public static AssetContentResource From(RevealedAsset r) =>
        new(PublicId.Of<Asset>(r.View.Asset.Id), r.View.Asset.Name, r.View.Asset.Secret, r.Content);
}

/// <summary>
/// Creating or changing an asset, as JSON. The same fields are accepted as parts of a
/// <c>multipart/form-data</c> body, where the content may instead be a file part, <c>content_file</c>.
/// </summary>
public sealed record AssetRequest(string? Name, string? Scope, string? ScopeId, string? Description, bool? Secret, string? Content, bool? Enabled, string? AccountId);
