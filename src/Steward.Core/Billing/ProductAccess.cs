using Steward.Core.Access;
using Steward.Core.Results;
using Steward.Core.Tenancy;

namespace Steward.Core.Billing;

/// <summary>A product with what its access rules and periods need from its unit.</summary>
public sealed record ProductRow(Product Product, int BillingDay, Guid? UnitOwnerUserId, string UnitName);

/// <summary>
/// Who may do what with products and their ledger. Readers: whoever may read the unit (a role in its
/// organisation, or the owner of a personal unit) and the merchants that may charge it. Managers
/// (create, change, delete): the organisation's owners and admins, and a personal unit's owner.
/// Merchants may charge, claim and read the products of their account (a platform merchant: of every
/// account); they do not manage products or read the ledger.
/// </summary>
public sealed class ProductAccess(AccessControl access)
{
    /// <summary>A merchant's reach: a platform merchant (no account) every account's products, another its account's.</summary>
    public static bool MerchantReaches(Principal p, Guid accountId) =>
        p.Kind == PrincipalKind.Merchant && (p.AccountId == Guid.Empty || p.AccountId == accountId);

    public async Task<bool> CanReadUnitAsync(Principal p, Guid accountId, Guid organisationId, Guid? unitOwner) =>
        (p.Kind == PrincipalKind.User && unitOwner == p.SubjectId) || await access.RoleInAsync(p, accountId, organisationId) is not null;

    /// <summary>Null when the caller may manage the unit's products; otherwise not found (cannot see it) or forbidden.</summary>
    public async Task<Error?> CanManageUnitAsync(Principal p, Guid accountId, Guid organisationId, Guid? unitOwner, string what)
    {
        if (p.Kind == PrincipalKind.User && unitOwner == p.SubjectId)
        {
            return null;
        }

        return await access.RoleInAsync(p, accountId, organisationId) switch
        {
            MembershipRole.Owner or MembershipRole.Admin => null,
            MembershipRole.Member => Error.Forbidden("Only the organisation's owners and admins may change its products."),
            _ => MerchantReaches(p, accountId) ? Error.Forbidden("A merchant may charge and claim products; it does not manage them.") : Error.NotFound(what),
        };
    }

    public async Task<Error?> CanReadAsync(Principal p, ProductRow row) =>
        MerchantReaches(p, row.Product.AccountId) || await CanReadUnitAsync(p, row.Product.AccountId, row.Product.OrganisationId, row.UnitOwnerUserId)
            ? null
            : Error.NotFound("Product");

    public Task<Error?> CanManageAsync(Principal p, ProductRow row) =>
        CanManageUnitAsync(p, row.Product.AccountId, row.Product.OrganisationId, row.UnitOwnerUserId, "Product");

    /// <summary>The ledger of a product: its readers, but not merchants.</summary>
    public async Task<Error?> CanReadChargesAsync(Principal p, ProductRow row)
    {
        if (p.Kind == PrincipalKind.Merchant)
        {
            return MerchantReaches(p, row.Product.AccountId) ? Error.Forbidden("Merchants post charges; they do not read the ledger.") : Error.NotFound("Product");
        }

        return await CanReadAsync(p, row);
    }
}
