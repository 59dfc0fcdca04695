using Steward.Core.Billing;

namespace Steward.Core.Tests;

public sealed class ChargeDayTests
{
    private static readonly DateOnly From = new(2026, 3, 1);

    private static ChargeTotal Row(Guid scope, DateOnly day, decimal processing = 0, decimal storage = 0, decimal? burnRate = null, DateOnly? periodStart = null) => new()
    {
        ScopeId = scope,
        Day = day,
        PeriodStart = periodStart ?? From,
        Processing = processing,
        Storage = storage,
        Lines = 1,
        BurnRate = burnRate,
    };

    [Fact]
    public void Fill_gives_every_day_of_the_period_with_zero_where_nothing_was_charged()
    {
        var window = new ChargeWindow(From, From.AddMonths(1), 0);
        var unit = Guid.NewGuid();
        var days = ChargeDay.Fill(window, [Row(unit, From.AddDays(2), processing: 3), Row(unit, From.AddDays(2), storage: 1.5m)], []);

        Assert.Equal(31, days.Count);
        Assert.Equal(From, days[0].Day);
        Assert.Equal(From.AddDays(30), days[^1].Day);
        Assert.Equal(4.5m, days[2].Coins);
        Assert.Equal(2, days[2].Lines);
        Assert.All(days.Where(d => d.Day != From.AddDays(2)), d => Assert.Equal(0m, d.Coins));
        Assert.All(days, d => Assert.Null(d.BurnRate));
    }

    [Fact]
    public void Fill_adds_the_products_burn_rates_of_a_day_and_leaves_days_without_storage_empty()
    {
        var window = new ChargeWindow(From, From.AddMonths(1), 0);
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        var rates = new[] { Row(a, From, burnRate: 2), Row(b, From, burnRate: 0.25m), Row(a, From.AddDays(1), burnRate: 3), Row(b, From.AddDays(1)) };
        var days = ChargeDay.Fill(window, [], rates);

        Assert.Equal(2.25m, days[0].BurnRate);
        Assert.Equal(3m, days[1].BurnRate);
        Assert.Null(days[2].BurnRate);
    }

    [Fact]
    public void Fill_ignores_rows_outside_the_window()
    {
        var period = new ChargeWindow(From, From.AddMonths(1), 0);
        var scope = Guid.NewGuid();

        // A row of the day before, and one of the window's first day booked in another period (a period reads its own rows).
        var rows = new[] { Row(scope, From.AddDays(-1), processing: 7, periodStart: From.AddMonths(-1)), Row(scope, From, processing: 5, periodStart: From.AddMonths(-1)) };
        Assert.All(ChargeDay.Fill(period, rows, rows), d => Assert.Equal(0m, d.Coins));

        var range = new ChargeWindow(From.AddDays(-1), From.AddDays(1), null);
        var days = ChargeDay.Fill(range, rows, rows);
        Assert.Equal([7m, 5m], days.Select(d => d.Coins));
    }
}
