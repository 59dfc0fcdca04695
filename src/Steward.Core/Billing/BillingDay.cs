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

    /// <summary>The first day of the period containing <paramref name="day"/>.</summary>
    public static DateOnly PeriodStart(DateOnly day, int billingDay) => Next(day, billingDay).AddMonths(-1);

    /// <summary>
    /// The period <paramref name="offset"/> periods away from the one containing <paramref name="today"/>
    /// (0 the current one, -1 the one before): its first day and the first day after it (exclusive end).
    /// A billing day is at most 28, so whole months move it exactly.
    /// </summary>
    public static (DateOnly From, DateOnly Until) Period(DateOnly today, int billingDay, int offset)
    {
        var start = PeriodStart(today, billingDay).AddMonths(offset);
        return (start, start.AddMonths(1));
    }
}
