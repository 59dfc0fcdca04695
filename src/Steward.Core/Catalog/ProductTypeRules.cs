using Steward.Core.Results;

namespace Steward.Core.Catalog;

/// <summary>
/// A product type as the rest of Steward sees it, built-in or the account's own: what a product of
/// this type must carry and how it is billed. <see cref="Validate"/> is the one place the product rules
/// are checked (Billing calls it when a unit subscribes to a type).
/// </summary>
/// <param name="Code">The type's code, such as <c>DATA_MANAGER_PROJECT_TIER_SUBSCRIPTION</c>.</param>
/// <param name="Kind">Storage (allowance, no flavour) or tier (flavour required).</param>
/// <param name="Flavours">The allowed flavours of a tier type, in order; empty for storage.</param>
/// <param name="ServiceKind">The service that uses such products, such as <c>DATA_MANAGER</c>.</param>
/// <param name="Description">What the type is, for people.</param>
/// <param name="AccountId">The account that added it; null for a built-in type.</param>
public sealed record ProductTypeRules(
    string Code,
    ProductTypeKind Kind,
    IReadOnlyList<string> Flavours,
    string? ServiceKind,
    string? Description,
    Guid? AccountId = null)
{
    private static readonly IReadOnlyDictionary<string, decimal> NoAllowances = new Dictionary<string, decimal>(StringComparer.Ordinal);

    /// <summary>
    /// The allowance a product of a flavour gets when it names none. Only the built-in tier type has
    /// them; a product of a flavour without one must say its allowance.
    /// </summary>
    public IReadOnlyDictionary<string, decimal> FlavourAllowances { get; init; } = NoAllowances;

    /// <summary>Factor on coins used within the allowance when a bill is predicted.</summary>
    public decimal AllowanceMultiplier { get; init; } = 1m;

    /// <summary>Factor on coins used beyond the allowance when a bill is predicted.</summary>
    public decimal OverspendMultiplier { get; init; } = 2m;

    public bool BuiltIn => AccountId is null;

    public bool IsStorage => Kind == ProductTypeKind.Storage;

    /// <summary>
    /// Whether a merchant may claim a product of this type for one of its own objects. A tier product
    /// is bought for one thing (a Data Manager project) and is claimable; storage is shared and is not.
    /// </summary>
    public bool Claimable => Kind == ProductTypeKind.Tier;

    /// <summary>
    /// Checks a product's flavour, allowance and limit against this type, recording broken rules under
    /// the fields <c>flavour</c>, <c>allowance</c> and <c>limit</c>, and returns the allowance the product
    /// gets (the one given, else its flavour's default), or null when there is none. A tier product needs
    /// one of the type's flavours; a storage product has no flavour and needs an allowance. The limit,
    /// when given, is not below the allowance. <paramref name="allowanceGiven"/> says the caller sent an
    /// allowance (already reported if it was malformed), so it is not reported missing as well.
    /// </summary>
    public decimal? Validate(Validator v, string? flavour, decimal? allowance, decimal? limit, bool allowanceGiven)
    {
        if (Kind == ProductTypeKind.Tier)
        {
            if (string.IsNullOrEmpty(flavour))
            {
                v.Add("flavour", FieldRule.Required, $"flavour is required for {Code}: one of {string.Join(", ", Flavours)}.");
            }
            else if (!Flavours.Contains(flavour, StringComparer.Ordinal))
            {
                v.Add("flavour", FieldRule.Invalid, $"flavour must be one of: {string.Join(", ", Flavours)}.");
            }
            else if (allowance is null && !allowanceGiven)
            {
                if (FlavourAllowances.TryGetValue(flavour, out var byFlavour))
                {
                    allowance = byFlavour;
                }
                else
                {
                    v.Add("allowance", FieldRule.Required, $"allowance is required for a {Code} product: its flavours have no default allowance.");
                }
            }
        }
        else
        {
            if (!string.IsNullOrEmpty(flavour))
            {
                v.Add("flavour", FieldRule.Invalid, $"{Code} has no flavours; leave flavour out.");
            }

            if (allowance is null && !allowanceGiven)
            {
                v.Add("allowance", FieldRule.Required, "allowance is required.");
            }
        }

        if (allowance is { } a && limit is { } l && l < a)
        {
            v.Add("limit", FieldRule.OutOfRange, "limit must be at least the allowance.", new Dictionary<string, object> { ["min"] = a });
        }

        return allowance;
    }
}
