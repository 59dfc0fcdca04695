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
/// Coins held by open reservations of products. Reservations are not built yet: the default says 0
/// for every product; the reservation service replaces this registration.
/// </summary>
public interface IReservedCoins
{
    ValueTask<IReadOnlyDictionary<Guid, decimal>> ReservedAsync(IReadOnlyCollection<Guid> productIds, CancellationToken ct = default);
}

/// <summary>No reservations: every product has 0 coins reserved.</summary>
public sealed class NoReservedCoins : IReservedCoins
{
    private static readonly IReadOnlyDictionary<Guid, decimal> None = new Dictionary<Guid, decimal>();

    public ValueTask<IReadOnlyDictionary<Guid, decimal>> ReservedAsync(IReadOnlyCollection<Guid> productIds, CancellationToken ct = default) =>
        ValueTask.FromResult(None);
}
