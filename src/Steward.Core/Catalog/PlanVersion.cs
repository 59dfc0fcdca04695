namespace Steward.Core.Catalog;

public enum PlanType
{
    /// <summary>Bought for a period at a time, renewed while recurring.</summary>
    Regular = 0,

    /// <summary>A free trial: lasts one period (its duration) and is not renewed.</summary>
    FreeTrial = 1,
}

public enum DurationUnit
{
    Days = 0,
    Months = 1,
}

/// <summary>
/// The terms of a plan that a subscription buys: type, price, period, trial days, feature level and
/// setup fee. Two terms are the same version when they are equal (decimals compare by value).
/// </summary>
public sealed record PlanTerms(
    PlanType PlanType,
    decimal Price,
    string CurrencyCode,
    int DurationQuantity,
    DurationUnit DurationUnits,
    int TrialDays,
    string? FeatureLevel,
    decimal? SetupFeeAmount,
    string? SetupFeeCurrencyCode,
    string? SetupFeeDescription,
    string? TermsText)
{
    /// <summary>The end of one period that starts at <paramref name="start"/>.</summary>
    public DateTimeOffset AddPeriod(DateTimeOffset start) => AddDuration(start, DurationQuantity, DurationUnits);

    /// <summary>The plan's terms in words when none were given: <c>1 month</c>, <c>14 days</c>.</summary>
    public string Describe() => TermsText ?? Words(DurationQuantity, DurationUnits);

    public static DateTimeOffset AddDuration(DateTimeOffset start, int quantity, DurationUnit units) =>
        units == DurationUnit.Days ? start.AddDays(quantity) : start.AddMonths(quantity);

    public static string Words(int quantity, DurationUnit units) =>
        quantity.ToString(System.Globalization.CultureInfo.InvariantCulture) + " "
        + (units == DurationUnit.Days ? "day" : "month") + (quantity == 1 ? "" : "s");
}

/// <summary>One version of a plan's terms. Versions are never changed or removed while the plan lives.</summary>
public sealed class PlanVersion
{
    public Guid Id { get; set; }

    public Guid PlanId { get; set; }

    public Guid AccountId { get; set; }

    /// <summary>1 for the plan's first terms, then 2, 3, … as they change.</summary>
    public int Number { get; set; }

    public PlanType PlanType { get; set; }

    public decimal Price { get; set; }

    public string CurrencyCode { get; set; } = "USD";

    public int DurationQuantity { get; set; }

    public DurationUnit DurationUnits { get; set; }

    public int TrialDays { get; set; }

    public string? FeatureLevel { get; set; }

    public decimal? SetupFeeAmount { get; set; }

    public string? SetupFeeCurrencyCode { get; set; }

    public string? SetupFeeDescription { get; set; }

    /// <summary>The terms in words, when given (<c>Lifetime</c>, <c>1 month</c>); see <see cref="PlanTerms.Describe"/>.</summary>
    public string? TermsText { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public PlanTerms Terms => new(PlanType, Price, CurrencyCode, DurationQuantity, DurationUnits, TrialDays, FeatureLevel,
        SetupFeeAmount, SetupFeeCurrencyCode, SetupFeeDescription, TermsText);

    public void SetTerms(PlanTerms t)
    {
        PlanType = t.PlanType;
        Price = t.Price;
        CurrencyCode = t.CurrencyCode;
        DurationQuantity = t.DurationQuantity;
        DurationUnits = t.DurationUnits;
        TrialDays = t.TrialDays;
        FeatureLevel = t.FeatureLevel;
        SetupFeeAmount = t.SetupFeeAmount;
        SetupFeeCurrencyCode = t.SetupFeeCurrencyCode;
        SetupFeeDescription = t.SetupFeeDescription;
        TermsText = t.TermsText;
    }
}
