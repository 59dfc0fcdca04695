namespace Steward.Core.Catalog;

/// <summary>
/// Input for creating or changing a plan. Every field is optional here so that all problems are
/// reported at once; on create, absent terms take defaults (price 0 USD, 1 month, regular), on update
/// absent fields are left as they are.
/// </summary>
public sealed record PlanInput
{
    /// <summary>Root names the account when it creates a plan; others create in their own account.</summary>
    public Guid? AccountId { get; init; }

    public string? Uid { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    public int? Position { get; init; }

    public IReadOnlyList<PlanFeatureInput>? Features { get; init; }

    public long? ResellerDomainCents { get; init; }

    public long? ResellerMailboxCents { get; init; }

    public string? ReturnUrl { get; init; }

    public bool? Enabled { get; init; }

    public bool? AllowsMultipleMailServers { get; init; }

    // The terms: a change to any of these makes a new version of the plan.

    public string? PlanType { get; init; }

    public decimal? Price { get; init; }

    public string? CurrencyCode { get; init; }

    public int? DurationQuantity { get; init; }

    public string? DurationUnits { get; init; }

    public int? TrialDays { get; init; }

    public string? FeatureLevel { get; init; }

    public SetupFeeInput? SetupFee { get; init; }

    public string? Terms { get; init; }
}

/// <summary>One feature of a plan; <c>position</c> defaults to its place in the list (1, 2, …).</summary>
public sealed record PlanFeatureInput(string? Name, string? Blurb, string? Description, int? Position);

/// <summary>A one-time fee charged with the first period; an amount of 0 means none.</summary>
public sealed record SetupFeeInput(decimal? Amount, string? CurrencyCode, string? Description);
