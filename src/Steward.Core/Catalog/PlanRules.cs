using Steward.Core.Results;
using Steward.Core.Storage;

namespace Steward.Core.Catalog;

/// <summary>A feature as validated: position defaulted to its place in the list.</summary>
internal sealed record FeatureDraft(string Name, string? Blurb, string? Description, int Position);

/// <summary>A plan input once validated; null fields were not given.</summary>
internal sealed record PlanDraft(
    string? Uid,
    string? Name,
    string? Description,
    IReadOnlyList<string>? Tags,
    int? Position,
    IReadOnlyList<FeatureDraft>? Features,
    long? ResellerDomainCents,
    long? ResellerMailboxCents,
    string? ReturnUrl,
    bool? Enabled,
    bool? AllowsMultipleMailServers,
    PlanType? PlanType,
    decimal? Price,
    string? CurrencyCode,
    int? DurationQuantity,
    DurationUnit? DurationUnits,
    int? TrialDays,
    string? FeatureLevel,
    SetupFeeInput? SetupFee,
    string? TermsText)
{
    /// <summary>The terms after this change: given fields over <paramref name="current"/>, or over the defaults for a new plan.</summary>
    public PlanTerms TermsOver(PlanTerms? current)
    {
        var currency = CurrencyCode ?? current?.CurrencyCode ?? PlanRules.DefaultCurrency;
        decimal? feeAmount = current?.SetupFeeAmount;
        string? feeCurrency = current?.SetupFeeCurrencyCode;
        string? feeDescription = current?.SetupFeeDescription;
        if (SetupFee is { } fee)
        {
            feeAmount = fee.Amount ?? feeAmount;
            feeCurrency = fee.CurrencyCode ?? feeCurrency ?? currency;
            feeDescription = fee.Description ?? feeDescription;
            if (feeAmount is null or 0)
            {
                (feeAmount, feeCurrency, feeDescription) = (null, null, null);
            }
        }

        return new PlanTerms(
            PlanType ?? current?.PlanType ?? Catalog.PlanType.Regular,
            Price ?? current?.Price ?? 0m,
            currency,
            DurationQuantity ?? current?.DurationQuantity ?? 1,
            DurationUnits ?? current?.DurationUnits ?? DurationUnit.Months,
            TrialDays ?? current?.TrialDays ?? 0,
            FeatureLevel ?? current?.FeatureLevel,
            feeAmount,
            feeCurrency,
            feeDescription,
            TermsText ?? current?.TermsText);
    }
}

/// <summary>What a plan may hold, and the validation of plan input.</summary>
public static class PlanRules
{
    public const int UidLength = 100;
    public const int UrlLength = 1000;
    public const int TagLength = 50;
    public const int MaxTags = 20;
    public const int MaxFeatures = 100;
    public const int MaxPlansPerAccount = 1000;
    public const int MaxDurationQuantity = 1200;
    public const int MaxTrialDays = 3650;
    public const int MoneyPrecision = 18;
    public const int MoneyScale = 4;
    public const string DefaultCurrency = "USD";

    /// <summary>The largest amount a money column holds (18 digits, 4 after the point).</summary>
    public const decimal MaxMoney = 99_999_999_999_999.9999m;

    internal static Result<PlanDraft> Validate(PlanInput input, bool creating)
    {
        var v = new Validator();
        var name = creating ? v.Required("name", input.Name, Limits.Name) : input.Name is null ? null : v.Required("name", input.Name, Limits.Name);
        var uid = Uid(v, input.Uid);
        var description = v.Optional("description", input.Description, Limits.Description);
        var tags = Tags(v, input.Tags);
        var features = Features(v, input.Features);
        var domainCents = Cents(v, "reseller_cost.domain_cents", input.ResellerDomainCents);
        var mailboxCents = Cents(v, "reseller_cost.mailbox_cents", input.ResellerMailboxCents);
        var returnUrl = Url(v, "return_url", input.ReturnUrl);
        var planType = Parse(v, "plan_type", input.PlanType, "regular or free_trial", t => t switch
        {
            "regular" => Catalog.PlanType.Regular,
            "free_trial" => Catalog.PlanType.FreeTrial,
            _ => (PlanType?)null,
        });
        var price = Money(v, "price", input.Price);
        var currency = Currency(v, "currency_code", input.CurrencyCode);
        var quantity = Range(v, "duration_quantity", input.DurationQuantity, 1, MaxDurationQuantity);
        var units = DurationUnits(v, "duration_units", input.DurationUnits);
        var trialDays = Range(v, "trial_days", input.TrialDays, 0, MaxTrialDays);
        var featureLevel = v.Optional("feature_level", input.FeatureLevel, Limits.ShortText);
        var terms = v.Optional("terms", input.Terms, Limits.ShortText);
        SetupFeeInput? fee = null;
        if (input.SetupFee is { } f)
        {
            fee = new SetupFeeInput(
                Money(v, "setup_fee.amount", f.Amount),
                Currency(v, "setup_fee.currency_code", f.CurrencyCode),
                v.Optional("setup_fee.description", f.Description, Limits.Name));
            if (creating && f.Amount is null)
            {
                v.Add("setup_fee.amount", FieldRule.Required, "setup_fee.amount is required with a setup fee.");
            }
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        return new PlanDraft(uid, name, description, tags, input.Position, features, domainCents, mailboxCents, returnUrl,
            input.Enabled, input.AllowsMultipleMailServers, planType, price, currency, quantity, units, trialDays, featureLevel, fee, terms);
    }

    /// <summary>Duration units as Spreedly words them: <c>days</c> or <c>months</c>.</summary>
    public static DurationUnit? DurationUnits(Validator v, string field, string? raw) =>
        Parse(v, field, raw, "'days' or 'months'", t => t switch
        {
            "days" => DurationUnit.Days,
            "months" => DurationUnit.Months,
            _ => (DurationUnit?)null,
        });

    /// <summary>An amount of money: at least 0, at most 4 decimal places.</summary>
    public static decimal? Money(Validator v, string field, decimal? value, bool allowNegative = false)
    {
        if (value is not { } amount)
        {
            return null;
        }

        if ((!allowNegative && amount < 0) || Math.Abs(amount) > MaxMoney)
        {
            v.Add(field, FieldRule.OutOfRange, allowNegative ? $"{field} is too large." : $"{field} must be 0 or more.",
                new Dictionary<string, object> { ["min"] = allowNegative ? -MaxMoney : 0m, ["max"] = MaxMoney });
            return null;
        }

        if (decimal.Round(amount, MoneyScale) != amount)
        {
            v.Add(field, FieldRule.Format, $"{field} may have at most {MoneyScale} decimal places.");
            return null;
        }

        return amount;
    }

    /// <summary>An ISO 4217 code, three letters; given in any case, kept in upper case.</summary>
    public static string? Currency(Validator v, string field, string? raw)
    {
        var text = v.Optional(field, raw, 3)?.ToUpperInvariant();
        if (text is not null && (text.Length != 3 || !text.All(c => c is >= 'A' and <= 'Z')))
        {
            v.Add(field, FieldRule.Format, $"{field} must be a three-letter currency code such as USD.");
            return null;
        }

        return text;
    }

    public static int? Range(Validator v, string field, int? value, int min, int max)
    {
        if (value is { } n && (n < min || n > max))
        {
            v.Range(field, n, min, max, $"{field} must be between {min} and {max}.");
            return null;
        }

        return value;
    }

    private static T? Parse<T>(Validator v, string field, string? raw, string allowed, Func<string, T?> parse)
        where T : struct
    {
        var text = v.Optional(field, raw, Limits.ShortText)?.ToLowerInvariant();
        if (text is null)
        {
            return null;
        }

        var value = parse(text);
        if (value is null)
        {
            v.Add(field, FieldRule.Invalid, $"{field} must be either {allowed}.");
        }

        return value;
    }

    private static string? Uid(Validator v, string? raw)
    {
        var uid = v.Optional("uid", raw, UidLength);
        if (uid is not null && (!IsUidChar(uid[0]) || uid[0] is '.' or '_' or '-' || !uid.All(IsUidChar) || uid.All(char.IsAsciiDigit)))
        {
            v.Add("uid", FieldRule.Format, "uid must be lower-case letters, digits, '.', '_' and '-', start with a letter or digit, and not be a number.");
            return null;
        }

        return uid;
    }

    private static bool IsUidChar(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '-';

    private static List<string>? Tags(Validator v, IReadOnlyList<string>? raw)
    {
        if (raw is null)
        {
            return null;
        }

        var tags = new List<string>();
        foreach (var item in raw)
        {
            var tag = v.Required("tags", item, TagLength);
            if (tag.Length > 0 && !tag.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                v.Add("tags", FieldRule.Format, "A tag is letters, digits, '.', '_' and '-'.");
            }
            else if (tag.Length > 0 && !tags.Contains(tag, StringComparer.Ordinal))
            {
                tags.Add(tag);
            }
        }

        if (tags.Count > MaxTags)
        {
            v.Add("tags", FieldRule.OutOfRange, $"A plan has at most {MaxTags} tags.", new Dictionary<string, object> { ["min"] = 0, ["max"] = MaxTags });
        }

        return tags;
    }

    private static List<FeatureDraft>? Features(Validator v, IReadOnlyList<PlanFeatureInput>? raw)
    {
        if (raw is null)
        {
            return null;
        }

        if (raw.Count > MaxFeatures)
        {
            v.Add("features", FieldRule.OutOfRange, $"A plan has at most {MaxFeatures} features.", new Dictionary<string, object> { ["min"] = 0, ["max"] = MaxFeatures });
            return null;
        }

        var features = new List<FeatureDraft>(raw.Count);
        for (var i = 0; i < raw.Count; i++)
        {
            var f = raw[i] ?? new PlanFeatureInput(null, null, null, null);
            var name = v.Required("features.name", f.Name, Limits.Name);
            if (features.Any(x => x.Name == name))
            {
                v.Add("features.name", FieldRule.Taken, $"The feature '{name}' is listed twice.");
            }

            features.Add(new FeatureDraft(name, v.Optional("features.blurb", f.Blurb, Limits.Name),
                v.Optional("features.description", f.Description, Limits.Description), f.Position ?? i + 1));
        }

        return features;
    }

    private static long? Cents(Validator v, string field, long? value)
    {
        if (value is < 0 or > 1_000_000_000_000)
        {
            v.Add(field, FieldRule.OutOfRange, $"{field} must be 0 or more.", new Dictionary<string, object> { ["min"] = 0, ["max"] = 1_000_000_000_000 });
            return null;
        }

        return value;
    }

    private static string? Url(Validator v, string field, string? raw)
    {
        var text = v.Optional(field, raw, UrlLength);
        if (text is not null && (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            v.Add(field, FieldRule.Format, $"{field} must be an absolute http or https URL.");
            return null;
        }

        return text;
    }
}
