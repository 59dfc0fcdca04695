namespace Steward.Core.Billing;

/// <summary>
/// What a product type allows. A type with flavours requires one (and each flavour brings its default
/// allowance); a type without flavours refuses one and requires an allowance.
/// </summary>
/// <param name="Type">The type's name on the wire.</param>
/// <param name="ServiceKind">The kind of merchant whose service it is for (<see cref="MerchantKinds"/>).</param>
/// <param name="FlavourAllowances">Flavour name to its default allowance in coins; empty when the type has no flavours.</param>
/// <param name="Claimable">Whether a merchant may claim a product of this type.</param>
/// <param name="AllowanceMultiplier">Factor applied to coins used within the allowance when a bill is predicted.</param>
/// <param name="OverspendMultiplier">Factor applied to coins used beyond the allowance when a bill is predicted.</param>
public sealed record ProductTypeRule(
    string Type,
    string ServiceKind,
    IReadOnlyDictionary<string, decimal> FlavourAllowances,
    bool Claimable,
    decimal AllowanceMultiplier,
    decimal OverspendMultiplier)
{
    public bool HasFlavours => FlavourAllowances.Count > 0;
}

/// <summary>
/// Where Billing learns the product types. The built-in two (<see cref="BuiltInProductTypes"/>) stand in
/// until the catalog serves types; registering another implementation replaces them.
/// </summary>
public interface IProductTypes
{
    /// <summary>The rule of a type, or null when there is no such type.</summary>
    ValueTask<ProductTypeRule?> FindAsync(string type, CancellationToken ct = default);

    ValueTask<IReadOnlyList<ProductTypeRule>> ListAsync(CancellationToken ct = default);
}

/// <summary>
/// The Account Server's two product types, as constants: a Data Manager project tier (flavours
/// EVALUATION, BRONZE, SILVER, GOLD; claimable by the project that uses it) and Data Manager storage
/// (an allowance, no flavour). The flavours' allowances and the multipliers are placeholders until
/// the catalog defines them.
/// </summary>
public sealed class BuiltInProductTypes : IProductTypes
{
    public const string ProjectTier = "DATA_MANAGER_PROJECT_TIER_SUBSCRIPTION";
    public const string Storage = "DATA_MANAGER_STORAGE_SUBSCRIPTION";

    private static readonly IReadOnlyList<ProductTypeRule> Rules =
    [
        new(
            ProjectTier,
            MerchantKinds.DataManager,
            new Dictionary<string, decimal>(StringComparer.Ordinal)
            {
                ["EVALUATION"] = 100m,
                ["BRONZE"] = 1_000m,
                ["SILVER"] = 5_000m,
                ["GOLD"] = 20_000m,
            },
            Claimable: true,
            AllowanceMultiplier: 1m,
            OverspendMultiplier: 2m),
        new(
            Storage,
            MerchantKinds.DataManager,
            new Dictionary<string, decimal>(StringComparer.Ordinal),
            Claimable: false,
            AllowanceMultiplier: 1m,
            OverspendMultiplier: 2m),
    ];

    public ValueTask<ProductTypeRule?> FindAsync(string type, CancellationToken ct = default) =>
        ValueTask.FromResult(Rules.FirstOrDefault(r => string.Equals(r.Type, type, StringComparison.Ordinal)));

    public ValueTask<IReadOnlyList<ProductTypeRule>> ListAsync(CancellationToken ct = default) => ValueTask.FromResult(Rules);
}

/// <summary>
/// Coins held by open reservations of products, for their coins detail (<see cref="StoredReservedCoins"/>:
/// every instance's open reservations as stored).
/// </summary>
public interface IReservedCoins
{
    ValueTask<IReadOnlyDictionary<Guid, decimal>> ReservedAsync(IReadOnlyCollection<Guid> productIds, CancellationToken ct = default);
}
