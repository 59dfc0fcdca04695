using Microsoft.Extensions.Time.Testing;
using Steward.Core.Billing;
using Steward.Core.Catalog;

namespace Steward.Core.Tests;

/// <summary>
/// The coins detail formulas of docs/commerce.md (## Billing), one by one, at a clock the tests move.
/// The unit's billing day is 10 and "today" starts on 2026-03-15, so the period is 2026-03-10 ..
/// 2026-04-10 (exclusive).
/// </summary>
public sealed class CoinsCalculatorTests
{
    private static readonly DateOnly PeriodStart = new(2026, 3, 10);
    private static readonly ProductTypeRules Rule = new("T", ProductTypeKind.Storage, [], MerchantKinds.DataManager, null) { AllowanceMultiplier = 1m, OverspendMultiplier = 2m };

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 15, 9, 30, 0, TimeSpan.Zero));
    private readonly Product product = new() { Id = Guid.CreateVersion7(), Allowance = 50m, Limit = 100m };

    private CoinsDetail Compute(params ChargeTotal[] rows) => Compute(0m, rows);

    private CoinsDetail Compute(decimal reserved, params ChargeTotal[] rows) =>
        new CoinsCalculator(time).Compute(product, 10, Rule, rows, reserved);

    private ChargeTotal Day(int month, int day, decimal processing = 0, decimal storage = 0, decimal? burnRate = null, int burnHour = 12, DateOnly? period = null) => new()
    {
        ScopeId = product.Id,
        PeriodStart = period ?? PeriodStart,
        Day = new DateOnly(2026, month, day),
        Processing = processing,
        Storage = storage,
        Lines = 1,
        BurnRate = burnRate,
        BurnRateAt = burnRate is null ? null : new DateTimeOffset(2026, month, day, burnHour, 0, 0, TimeSpan.Zero),
    };

    [Fact]
    public void With_no_lines_everything_is_zero_and_the_period_follows_the_billing_day()
    {
        var c = Compute();
        Assert.Equal(0m, c.Used);
        Assert.False(c.AtLimit);
        Assert.Equal(0m, c.CurrentBurnRate);
        Assert.Equal(0m, c.BillingPrediction);
        Assert.Equal(0m, c.BillingPredictionStorageContribution);
        Assert.Equal(100m, c.Available);
        Assert.Equal(10, c.BillingDay);
        Assert.Equal(PeriodStart, c.PeriodFrom);
        Assert.Equal(new DateOnly(2026, 4, 10), c.PeriodUntil);
    }

    [Fact]
    public void Used_is_the_signed_sum_of_the_periods_rows_including_post_final_and_ignores_other_periods()
    {
        var credit = Day(3, 13);
        credit.Credits = -4m;
        var late = Day(3, 14);
        late.PostFinalCoins = 1.5m;
        var c = Compute(Day(3, 11, processing: 10.25m), Day(3, 12, storage: 3m), credit, late, Day(3, 1, processing: 99m, period: new DateOnly(2026, 2, 10)));
        Assert.Equal(10.25m + 3m - 4m + 1.5m, c.Used);
        Assert.Equal(10.25m, c.Processing);
        Assert.Equal(3m, c.Storage);
        Assert.Equal(-4m, c.Credits);
    }

    [Fact]
    public void At_limit_is_true_once_used_reaches_the_limit()
    {
        Assert.False(Compute(Day(3, 11, processing: 99.999999999m)).AtLimit);
        Assert.True(Compute(Day(3, 11, processing: 100m)).AtLimit);
        Assert.True(Compute(Day(3, 11, processing: 120m)).AtLimit);
    }

    [Fact]
    public void Available_is_the_limit_less_used_and_reserved_never_below_zero()
    {
        Assert.Equal(100m - 30m - 20m, Compute(20m, Day(3, 11, processing: 30m)).Available);
        Assert.Equal(0m, Compute(80m, Day(3, 11, processing: 30m)).Available);
        Assert.False(Compute(80m, Day(3, 11, processing: 30m)).AtLimit);
    }

    [Fact]
    public void The_burn_rate_is_that_of_the_latest_storage_line_of_the_period()
    {
        Assert.Equal(0m, Compute(Day(3, 11, processing: 5m)).CurrentBurnRate);
        Assert.Equal(3m, Compute(Day(3, 11, storage: 2m, burnRate: 2m), Day(3, 12, storage: 3m, burnRate: 3m)).CurrentBurnRate);

        // Latest by the storage line's time, not by the order of the rows.
        Assert.Equal(2m, Compute(Day(3, 12, storage: 2m, burnRate: 2m, burnHour: 23), Day(3, 12, storage: 3m, burnRate: 3m, burnHour: 1, period: PeriodStart)).CurrentBurnRate);
    }

    [Fact]
    public void Remaining_days_count_today_to_the_billing_day_and_shrink_as_time_passes()
    {
        Assert.Equal(26, Compute().RemainingDays);
        time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(25, Compute().RemainingDays);
        time.SetUtcNow(new DateTimeOffset(2026, 4, 9, 23, 59, 0, TimeSpan.Zero));
        Assert.Equal(1, Compute().RemainingDays);
    }

    [Fact]
    public void After_the_billing_day_a_new_period_starts_from_zero()
    {
        var row = Day(3, 11, processing: 40m);
        Assert.Equal(40m, Compute(row).Used);
        time.SetUtcNow(new DateTimeOffset(2026, 4, 10, 0, 0, 0, TimeSpan.Zero));
        var c = Compute(row);
        Assert.Equal(0m, c.Used);
        Assert.Equal(new DateOnly(2026, 4, 10), c.PeriodFrom);
        Assert.Equal(30, c.RemainingDays);
    }

    [Fact]
    public void The_prediction_bills_used_plus_storage_to_come_within_the_allowance_at_1_and_beyond_at_2()
    {
        // Used 32 (30 processing, 2 storage on the 14th at 2/day). Storage still to come: the 15th to
        // the 9th of April, 26 days at 2 = 52, so 84 coins: 50 within the allowance, 34 beyond.
        var c = Compute(Day(3, 12, processing: 30m), Day(3, 14, storage: 2m, burnRate: 2m));
        Assert.Equal(32m, c.Used);
        Assert.Equal(2m, c.CurrentBurnRate);
        Assert.Equal((50m * 1m) + (34m * 2m), c.BillingPrediction);
        Assert.Equal(c.BillingPrediction - 32m, c.BillingPredictionStorageContribution);
        Assert.Equal(1m, c.AllowanceMultiplier);
        Assert.Equal(2m, c.OverspendMultiplier);
    }

    [Fact]
    public void Storage_days_already_charged_are_not_predicted_again()
    {
        // A merchant behind by days: every day after its latest item is still to come (29 March to 9 April).
        time.SetUtcNow(new DateTimeOffset(2026, 4, 1, 8, 0, 0, TimeSpan.Zero));
        Assert.Equal(2m * 12, Compute(Day(3, 28, storage: 2m, burnRate: 2m)).BillingPredictionStorageContribution);

        // Charged up to the last day of the period: nothing is left to predict.
        time.SetUtcNow(new DateTimeOffset(2026, 4, 9, 8, 0, 0, TimeSpan.Zero));
        var c = Compute(Day(4, 9, storage: 2m, burnRate: 2m));
        Assert.Equal(0m, c.BillingPredictionStorageContribution);
        Assert.Equal(2m, c.BillingPrediction);
    }

    [Fact]
    public void Billing_uses_the_types_multipliers_and_bills_nothing_below_zero()
    {
        Assert.Equal(0m, CoinsCalculator.Billed(-5m, 50m, 1m, 2m));
        Assert.Equal(49.5m, CoinsCalculator.Billed(49.5m, 50m, 1m, 2m));
        Assert.Equal(50m + 2m, CoinsCalculator.Billed(51m, 50m, 1m, 2m));
        Assert.Equal((50m * 0.5m) + (10m * 3m), CoinsCalculator.Billed(60m, 50m, 0.5m, 3m));

        var unknownType = new CoinsCalculator(time).Compute(product, 10, rule: null, [Day(3, 11, processing: 70m)], 0m);
        Assert.Equal(1m, unknownType.OverspendMultiplier);
        Assert.Equal(70m, unknownType.BillingPrediction);
    }
}
