using System.Linq.Expressions;
using Steward.Core.Access;
using Steward.Core.Ids;
using Steward.Core.Tenancy;

namespace Steward.Core.Assets;

/// <summary>What an asset belongs to. Stored as its number; never renumber.</summary>
public enum AssetScope
{
    /// <summary>The whole account; no scope id.</summary>
    Global = 0,
    Organisation = 1,
    Unit = 2,
    Product = 3,
    User = 4,
}

/// <summary>
/// A named piece of configuration or a secret that an account keeps for the services (merchants) that
/// work for it: a licence key, a connection string, a settings file. It belongs to a scope (the account,
/// an organisation, a unit, a product or a user) and has a name unique within that scope. A merchant
/// reads it only once it is attached to it and enabled; a secret asset's content is stored encrypted
/// and shown to nobody but those merchants.
/// </summary>
public sealed class Asset : IPublicEntity, ITenantScoped<Asset>
{
    public static string IdPrefix => "asset";

    public Guid Id { get; set; }

    public Guid AccountId { get; set; }

    public AssetScope Scope { get; set; }

    /// <summary>The organisation, unit, product or user it belongs to; <see cref="Guid.Empty"/> for <see cref="AssetScope.Global"/>
    /// (not null, so that the unique index on names holds for global assets too).</summary>
    public Guid ScopeId { get; set; }

    /// <summary>The organisation of the scope (organisation, unit, product), whose members see the asset; it goes with the organisation.</summary>
    public Guid? OrganisationId { get; set; }

    /// <summary>The unit of a unit or product scope; the asset goes with the unit.</summary>
    public Guid? UnitId { get; set; }

    /// <summary>The user of a user scope, or the owner of a personal unit; that user sees the asset, which goes with the user.</summary>
    public Guid? UserId { get; set; }

    /// <summary>An RFC 1123 label: lower-case letters, digits and hyphens, 1..63, not starting or ending with a hyphen.</summary>
    public string Name { get; set; } = "";

    public string? Description { get; set; }

    /// <summary>A secret asset's content is kept in <see cref="SecretCipher"/> and never shown on read.</summary>
    public bool Secret { get; set; }

    /// <summary>The content of an asset that is not secret; null for a secret one.</summary>
    public string? Content { get; set; }

    /// <summary>The content of a secret asset, as <c>SecretProtector</c> output; null for one that is not secret.</summary>
    public string? SecretCipher { get; set; }

    /// <summary>The content's size in bytes (UTF-8).</summary>
    public int ContentLength { get; set; }

    public bool Enabled { get; set; } = true;

    /// <summary>The public id of the caller that created it (<c>user-…</c>, <c>acct-…</c>).</summary>
    public string CreatedBy { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset ContentModifiedAt { get; set; }

    public int Version { get; set; }

    /// <summary>An organisation's credential sees the account's global assets and those of its organisation.</summary>
    public static Expression<Func<Asset, bool>> OfOrganisation(Guid organisationId) =>
        a => a.Scope == AssetScope.Global || a.OrganisationId == organisationId;

    /// <summary>
    /// A user sees the account's global assets, its own (and its personal units'), and those of the
    /// organisations it has a role in. <see cref="AssetAccess.ReachesAsync"/> is the same rule for one asset.
    /// </summary>
    public static Expression<Func<Asset, bool>> VisibleToUser(Guid userId, IQueryable<Membership> memberships) =>
        a => a.Scope == AssetScope.Global
            || a.UserId == userId
            || memberships.Any(m => m.OrganisationId == a.OrganisationId && m.UserId == userId);
}

/// <summary>A merchant an asset is attached to: the merchant may read the asset (its content too, even a secret one) while it is enabled.</summary>
public sealed class AssetAttachment
{
    public Guid AssetId { get; set; }

    public Guid MerchantId { get; set; }

    /// <summary>The asset's account (the merchant may be a platform merchant, of no account).</summary>
    public Guid AccountId { get; set; }

    public DateTimeOffset AttachedAt { get; set; }
}
