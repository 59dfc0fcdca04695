using Steward.Core.Catalog;

namespace Steward.Core.Billing;

/// <summary>
/// Where Billing learns the product types an account may use and their rules (flavours, default
/// allowances, claimability, the bill's multipliers). The catalog serves them
/// (<see cref="ProductTypeCatalog"/>: the built-in Account Server types and the account's own).
/// </summary>
public interface IProductTypes
{
    /// <summary>The rules of a type the account may use, or null when it has no such type.</summary>
    Task<ProductTypeRules?> FindAsync(Guid accountId, string code, CancellationToken ct = default);

    /// <summary>Every type the account may use, built-in ones first.</summary>
    Task<IReadOnlyList<ProductTypeRules>> ListAsync(Guid accountId, CancellationToken ct = default);
}

/// <summary>
/// Coins held by open reservations of products, for their coins detail (<see cref="StoredReservedCoins"/>:
/// every instance's open reservations as stored).
/// </summary>
public interface IReservedCoins
{
    ValueTask<IReadOnlyDictionary<Guid, decimal>> ReservedAsync(IReadOnlyCollection<Guid> productIds, CancellationToken ct = default);
}
