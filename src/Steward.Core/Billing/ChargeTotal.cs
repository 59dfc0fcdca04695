namespace Steward.Core.Billing;

/// <summary>
/// A summary row of the ledger: the sums of one day's lines for one product, unit, organisation or
/// account (<see cref="ScopeId"/>), within one billing period. Rows are updated in the same write as
/// the lines they sum, so reading a period's or a date range's totals reads at most one row per day
/// and never sums lines. Lines that arrive after their period closed count only in the
/// <c>PostFinal</c> columns, so the other columns of a closed period never change.
/// </summary>
public sealed class ChargeTotal
{
    public Guid ScopeId { get; set; }

    public DateOnly PeriodStart { get; set; }

    public DateOnly Day { get; set; }

    /// <summary>The account the scope belongs to (so that deleting the account deletes its totals).</summary>
    public Guid AccountId { get; set; }

    public decimal Processing { get; set; }

    public decimal Storage { get; set; }

    public decimal Fees { get; set; }

    /// <summary>Signed sum of credits (zero or less).</summary>
    public decimal Credits { get; set; }

    public long Lines { get; set; }

    public decimal PostFinalCoins { get; set; }

    public long PostFinalLines { get; set; }

    /// <summary>Product rows: the burn rate of the day's latest storage line, and that line's time.</summary>
    public decimal? BurnRate { get; set; }

    public DateTimeOffset? BurnRateAt { get; set; }

    public int Version { get; set; }

    /// <summary>The coins of the statement (post-final lines excluded).</summary>
    public decimal Coins => Processing + Storage + Fees + Credits;
}
