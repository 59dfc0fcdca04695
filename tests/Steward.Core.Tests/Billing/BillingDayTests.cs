using Steward.Core.Billing;

namespace Steward.Core.Tests;

public sealed class BillingDayTests
{
    [Theory]
    [InlineData(int.MinValue, false)]
    [InlineData(-1, false)]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(15, true)]
    [InlineData(28, true)]
    [InlineData(29, false)]
    [InlineData(31, false)]
    [InlineData(int.MaxValue, false)]
    public void IsValid_accepts_1_to_28_only(int day, bool valid) =>
        Assert.Equal(valid, BillingDay.IsValid(day));

    [Theory]
    [InlineData("2026-01-04", 5, "2026-01-05")] // the day before: this month
    [InlineData("2026-01-05", 5, "2026-02-05")] // on the day: strictly after, so next month
    [InlineData("2026-01-06", 5, "2026-02-05")] // after: next month
    [InlineData("2026-01-01", 1, "2026-02-01")]
    [InlineData("2026-01-31", 1, "2026-02-01")]
    [InlineData("2026-12-20", 5, "2027-01-05")] // across the year end
    [InlineData("2026-12-05", 5, "2027-01-05")]
    [InlineData("2026-12-31", 28, "2027-01-28")]
    [InlineData("2026-01-30", 28, "2026-02-28")] // into February
    [InlineData("2026-02-27", 28, "2026-02-28")]
    [InlineData("2026-02-28", 28, "2026-03-28")] // out of February
    [InlineData("2028-02-29", 28, "2028-03-28")] // leap day
    [InlineData("2028-02-28", 28, "2028-03-28")]
    [InlineData("2028-02-29", 1, "2028-03-01")]
    public void Next_is_the_first_billing_date_strictly_after_today(string today, int day, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), BillingDay.Next(Date(today), day));

    [Theory]
    [InlineData("2026-01-10", 5, "2026-01-05", "2026-02-04")]
    [InlineData("2026-01-05", 5, "2026-01-05", "2026-02-04")] // the billing day starts a period
    [InlineData("2026-01-04", 5, "2025-12-05", "2026-01-04")] // the day before ends one
    [InlineData("2026-12-20", 5, "2026-12-05", "2027-01-04")] // across the year end
    [InlineData("2026-02-10", 28, "2026-01-28", "2026-02-27")] // February
    [InlineData("2026-02-28", 28, "2026-02-28", "2026-03-27")]
    [InlineData("2028-02-29", 28, "2028-02-28", "2028-03-27")]
    [InlineData("2026-03-01", 1, "2026-03-01", "2026-03-31")]
    [InlineData("2026-02-15", 1, "2026-02-01", "2026-02-28")]
    public void PeriodContaining_starts_on_the_billing_day_and_ends_the_day_before_the_next(string today, int day, string start, string end)
    {
        var period = BillingDay.PeriodContaining(Date(today), day);

        Assert.Equal(Date(start), period.Start);
        Assert.Equal(Date(end), period.End);
        Assert.InRange(Date(today), period.Start, period.End);
    }

    [Fact]
    public void Consecutive_periods_tile_the_calendar()
    {
        for (var day = BillingDay.Min; day <= BillingDay.Max; day++)
        {
            var date = new DateOnly(2025, 11, 1);
            var (start, end) = BillingDay.PeriodContaining(date, day);
            for (var i = 0; i < 500; i++)
            {
                date = date.AddDays(1);
                var (nextStart, nextEnd) = BillingDay.PeriodContaining(date, day);
                if (nextStart != start)
                {
                    Assert.Equal(end.AddDays(1), nextStart);
                    Assert.Equal(day, nextStart.Day);
                    (start, end) = (nextStart, nextEnd);
                }

                Assert.InRange(date, start, end);
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(29)]
    [InlineData(31)]
    [InlineData(-5)]
    public void An_invalid_day_throws(int day)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BillingDay.Next(Date("2026-01-10"), day));
        Assert.Throws<ArgumentOutOfRangeException>(() => BillingDay.PeriodContaining(Date("2026-01-10"), day));
    }

    private static DateOnly Date(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
