using System.Linq.Expressions;
using Steward.Core.Access;
using Steward.Core.Tenancy;

namespace Steward.Core.Catalog;

/// <summary>What a product of a type carries: a storage allowance, or a tier chosen by flavour.</summary>
public enum ProductTypeKind
{
    /// <summary>An allowance (and a limit) in coins; no flavour.</summary>
    Storage = 0,

    /// <summary>A flavour from the type's list is required; no allowance or limit.</summary>
    Tier = 1,
}

/// <summary>
/// A product type an account added to its catalog beside the built-in ones (<see cref="ProductTypeCatalog.BuiltIn"/>).
/// Its code is unique in the account and cannot be a built-in code.
/// </summary>
public sealed class ProductType : ITenantScoped<ProductType>
{
    public Guid Id { get; set; }

    public Guid AccountId { get; set; }

    /// <summary>Upper-case letters, digits and underscores, such as <c>DATA_MANAGER_STORAGE_SUBSCRIPTION</c>.</summary>
    public string Code { get; set; } = "";

    public ProductTypeKind Kind { get; set; }

    /// <summary>The flavours a product of a tier type may have, in order; empty for a storage type.</summary>
    public List<string> Flavours { get; set; } = [];

    /// <summary>The kind of service that uses products of this type, such as <c>DATA_MANAGER</c>.</summary>
    public string? ServiceKind { get; set; }

    public string? Description { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The account's catalog is visible to everyone in the account.</summary>
    public static Expression<Func<ProductType, bool>> OfOrganisation(Guid organisationId) => _ => true;

    public static Expression<Func<ProductType, bool>> VisibleToUser(Guid userId, IQueryable<Membership> memberships) => _ => true;
}
