namespace Steward.Core.Billing;

/// <summary>
/// Billing-day rules. A unit's billing day is 1..28, so it exists in every month; a period starts on
/// that day and ends the day before it falls again.
/// </summary>
public static class BillingDay
{
    public const int Min = 1;
    public const int Max = 28;

    public static bool IsValid(int day) => day is >= Min and <= Max;

    /// <summary>The first billing date strictly after <paramref name="today"/>.</summary>
    public static DateOnly Next(DateOnly today, int billingDay)
    {
        if (!IsValid(billingDay))
        {
            throw new ArgumentOutOfRangeException(nameof(billingDay), "A billing day is between 1 and 28.");
        }

        var thisMonth = new DateOnly(today.Year, today.Month, billingDay);
        return thisMonth > today ? thisMonth : thisMonth.AddMonths(1);
    }

    /// <summary>The billing period containing <paramref name="today"/>: its first and last day.</summary>
    public static (DateOnly Start, DateOnly End) PeriodContaining(DateOnly today, int billingDay)
    {
        var next = Next(today, billingDay);
        var start = next.AddMonths(-1);
        return (start, next.AddDays(-1));
    }
}
