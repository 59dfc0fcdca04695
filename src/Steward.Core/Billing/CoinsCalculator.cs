using Steward.Core.Catalog;

namespace Steward.Core.Billing;

/// <summary>
/// A product's coins in its current billing period, computed from the ledger's summary rows. Every
/// formula is written out in <c>docs/commerce.md</c> (## Billing); amounts are exact decimals.
/// </summary>
public sealed record CoinsDetail(
    decimal Allowance,
    decimal Limit,
    decimal Used,
    decimal Reserved,
    decimal Available,
    bool AtLimit,
    decimal Processing,
    decimal Storage,
    decimal Fees,
    decimal Credits,
    decimal CurrentBurnRate,
    decimal BillingPrediction,
    decimal BillingPredictionStorageContribution,
    int BillingDay,
    decimal AllowanceMultiplier,
    decimal OverspendMultiplier,
    int RemainingDays,
    DateOnly PeriodFrom,
    DateOnly PeriodUntil);

/// <summary>Computes <see cref="CoinsDetail"/> at the injected clock's "today" (UTC).</summary>
public sealed class CoinsCalculator(TimeProvider time)
{
    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>
    /// The coins detail of <paramref name="product"/>. <paramref name="totals"/> are the product's
    /// summary rows (rows of other periods are ignored); <paramref name="rule"/> gives the multipliers
    /// (1 and 1 when the type is no longer known).
    /// </summary>
    public CoinsDetail Compute(Product product, int billingDay, ProductTypeRules? rule, IEnumerable<ChargeTotal> totals, decimal reserved)
    {
        var today = Today;
        var (from, until) = BillingDay.Period(today, billingDay, 0);
        var rows = totals.Where(t => t.ScopeId == product.Id && t.PeriodStart == from).ToList();

        decimal processing = 0, storage = 0, fees = 0, credits = 0, postFinal = 0;
        ChargeTotal? latestStorage = null;
        foreach (var row in rows)
        {
            processing += row.Processing;
            storage += row.Storage;
            fees += row.Fees;
            credits += row.Credits;
            postFinal += row.PostFinalCoins;
            if (row.BurnRateAt is { } at && (latestStorage?.BurnRateAt is not { } best || at > best))
            {
                latestStorage = row;
            }
        }

        var used = processing + storage + fees + credits + postFinal;
        var burnRate = latestStorage?.BurnRate ?? 0m;

        // Storage is charged a day at a time: every day after the latest storage item, to the end of
        // the period, is predicted at the current burn rate.
        var unchargedDays = latestStorage is null ? 0 : Math.Max(0, until.DayNumber - (latestStorage.Day.DayNumber + 1));
        var projected = used + (burnRate * unchargedDays);

        var allowanceMultiplier = rule?.AllowanceMultiplier ?? 1m;
        var overspendMultiplier = rule?.OverspendMultiplier ?? 1m;
        var prediction = Billed(projected, product.Allowance, allowanceMultiplier, overspendMultiplier);
        var billedSoFar = Billed(used, product.Allowance, allowanceMultiplier, overspendMultiplier);

        return new CoinsDetail(
            Allowance: product.Allowance,
            Limit: product.Limit,
            Used: used,
            Reserved: reserved,
            Available: Math.Max(0m, product.Limit - used - reserved),
            AtLimit: used >= product.Limit,
            Processing: processing,
            Storage: storage,
            Fees: fees,
            Credits: credits,
            CurrentBurnRate: burnRate,
            BillingPrediction: prediction,
            BillingPredictionStorageContribution: prediction - billedSoFar,
            BillingDay: billingDay,
            AllowanceMultiplier: allowanceMultiplier,
            OverspendMultiplier: overspendMultiplier,
            RemainingDays: until.DayNumber - today.DayNumber,
            PeriodFrom: from,
            PeriodUntil: until);
    }

    /// <summary>
    /// Coins as billed: those within the allowance at the allowance multiplier, those beyond it at the
    /// overspend multiplier. A negative amount (credits beyond usage) bills as 0.
    /// </summary>
    public static decimal Billed(decimal coins, decimal allowance, decimal allowanceMultiplier, decimal overspendMultiplier)
    {
        var positive = Math.Max(0m, coins);
        return (Math.Min(positive, allowance) * allowanceMultiplier) + (Math.Max(0m, positive - allowance) * overspendMultiplier);
    }
}
