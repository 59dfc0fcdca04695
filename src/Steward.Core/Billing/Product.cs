using System.Linq.Expressions;
using Steward.Core.Access;
using Steward.Core.Ids;
using Steward.Core.Tenancy;

namespace Steward.Core.Billing;

/// <summary>
/// A unit's subscription to a product type: a flavour where the type has them, an allowance and a
/// spending limit in coins, and at most one claim by a merchant (the merchant's own object that uses
/// it, such as a Data Manager project). Deleting one keeps its row (and its ledger) but hides it.
/// </summary>
public sealed class Product : IPublicEntity, ITenantScoped<Product>
{
    public static string IdPrefix => "product";

    public Guid Id { get; set; }

    public Guid AccountId { get; set; }

    public Guid OrganisationId { get; set; }

    public Guid UnitId { get; set; }

    public string Name { get; set; } = "";

    /// <summary>The product type (<see cref="IProductTypes"/>), such as <c>DATA_MANAGER_STORAGE_SUBSCRIPTION</c>.</summary>
    public string Type { get; set; } = "";

    public string? Flavour { get; set; }

    /// <summary>Coins included in each billing period.</summary>
    public decimal Allowance { get; set; }

    /// <summary>Coins the product may use in a period; at least the allowance; never lowered.</summary>
    public decimal Limit { get; set; }

    public Guid? ClaimMerchantId { get; set; }

    /// <summary>The claiming merchant's own id for what uses the product.</summary>
    public string? ClaimId { get; set; }

    public string? ClaimName { get; set; }

    public DateTimeOffset? ClaimedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Set when deleted: the row stays so its charges keep their product, but it is hidden everywhere else.</summary>
    public DateTimeOffset? DeletedAt { get; set; }

    public int Version { get; set; }

    public bool IsClaimed => ClaimMerchantId is not null;

    public static Expression<Func<Product, bool>> OfOrganisation(Guid organisationId) => p => p.OrganisationId == organisationId;

    /// <summary>A user sees the products of the organisations it is a member of.</summary>
    public static Expression<Func<Product, bool>> VisibleToUser(Guid userId, IQueryable<Membership> memberships) =>
        p => memberships.Any(m => m.OrganisationId == p.OrganisationId && m.UserId == userId);
}
