using Steward.Core.Results;

namespace Steward.Core.Catalog;

/// <summary>
/// A product type as the rest of Steward sees it, built-in or the account's own: what a product of
/// this type must carry. <see cref="Validate"/> is the one place those rules are checked.
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
    public bool BuiltIn => AccountId is null;

    public bool IsStorage => Kind == ProductTypeKind.Storage;

    /// <summary>
    /// Checks a product's flavour, allowance and limit against this type, recording broken rules under
    /// the fields <c>flavour</c>, <c>allowance</c> and <c>limit</c>. A tier product needs one of the
    /// type's flavours and no allowance or limit; a storage product needs an allowance of at least 1, a
    /// limit (when given) not below it, and no flavour.
    /// </summary>
    public void Validate(Validator v, string? flavour, long? allowance, long? limit)
    {
        if (Kind == ProductTypeKind.Tier)
        {
            if (string.IsNullOrEmpty(flavour))
            {
                v.Add("flavour", FieldRule.Required, $"flavour is required for a {Code} product: one of {string.Join(", ", Flavours)}.");
            }
            else if (!Flavours.Contains(flavour, StringComparer.Ordinal))
            {
                v.Add("flavour", FieldRule.Invalid, $"flavour must be one of {string.Join(", ", Flavours)} for a {Code} product.");
            }

            if (allowance is not null)
            {
                v.Add("allowance", FieldRule.Invalid, $"A {Code} product has no allowance.");
            }

            if (limit is not null)
            {
                v.Add("limit", FieldRule.Invalid, $"A {Code} product has no limit.");
            }

            return;
        }

        if (!string.IsNullOrEmpty(flavour))
        {
            v.Add("flavour", FieldRule.Invalid, $"A {Code} product has no flavour.");
        }

        if (allowance is null)
        {
            v.Add("allowance", FieldRule.Required, $"allowance is required for a {Code} product.");
        }
        else if (allowance < 1)
        {
            v.Add("allowance", FieldRule.OutOfRange, "allowance must be at least 1.", new Dictionary<string, object> { ["min"] = 1 });
        }

        if (limit is not null && allowance is >= 1 && limit < allowance)
        {
            v.Add("limit", FieldRule.OutOfRange, "limit must be at least the allowance.", new Dictionary<string, object> { ["min"] = allowance.Value });
        }
    }
}
