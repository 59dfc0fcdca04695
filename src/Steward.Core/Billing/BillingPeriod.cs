namespace Steward.Core.Billing;

/// <summary>
/// A unit's billing period that has charges: opened by its first line, closed at its end (the unit's
/// next billing day) by <see cref="PeriodCloser"/>, which freezes its statement here. Lines that
/// arrive for it afterwards are post-final.
/// </summary>
public sealed class BillingPeriod
{
    public Guid UnitId { get; set; }

    public DateOnly PeriodStart { get; set; }

    /// <summary>The first day after the period.</summary>
    public DateOnly PeriodEnd { get; set; }

    public Guid AccountId { get; set; }

    public Guid OrganisationId { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>The statement, frozen at closing: coins and lines of the period.</summary>
    public decimal Coins { get; set; }

    public long Lines { get; set; }

    public int Version { get; set; }
}
