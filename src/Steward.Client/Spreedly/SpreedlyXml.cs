using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Steward.Client.Spreedly;

/// <summary>
/// Reads Spreedly's XML as pyspreedly's <c>objectify_spreedly</c> did: names with dashes read as
/// underscores, <c>nil="true"</c> as null, <c>type</c> attributes for integers, decimals, booleans and
/// times (<c>yyyy-MM-ddTHH:mm:ssZ</c>, strictly). No DTD is read.
/// </summary>
internal static class SpreedlyXml
{
    private static readonly XmlReaderSettings Settings = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };

    public static XElement Parse(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml), Settings);
        return XElement.Load(reader);
    }

    /// <summary>The children of an element by underscore name, their text (null when nil).</summary>
    public static Dictionary<string, string?> Fields(XElement element)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var child in element.Elements())
        {
            if (child.HasElements || child.Attribute("type")?.Value == "array")
            {
                continue;
            }

            fields[Name(child)] = child.Attribute("nil")?.Value == "true" ? null : child.Value;
        }

        return fields;
    }

    public static SpreedlySubscriber Subscriber(XElement e)
    {
        var f = Fields(e);
        var invoices = e.Elements().FirstOrDefault(c => Name(c) == "invoices");
        return new SpreedlySubscriber
        {
            CustomerId = Long(f, "customer_id") ?? 0,
            ScreenName = Text(f, "screen_name"),
            Email = Text(f, "email"),
            Token = Text(f, "token"),
            CreatedAt = Time(f, "created_at"),
            UpdatedAt = Time(f, "updated_at"),
            PaginationId = Long(f, "pagination_id"),
            Active = Bool(f, "active"),
            ActiveUntil = Time(f, "active_until"),
            OnTrial = Bool(f, "on_trial"),
            OnGift = Bool(f, "on_gift"),
            OnMetered = Bool(f, "on_metered"),
            EligibleForFreeTrial = Bool(f, "eligible_for_free_trial"),
            EligibleForSetupFee = Bool(f, "eligible_for_setup_fee"),
            LifetimeSubscription = Bool(f, "lifetime_subscription"),
            Recurring = Bool(f, "recurring"),
            InGracePeriod = Bool(f, "in_grace_period"),
            GraceUntil = Time(f, "grace_until"),
            ReadyToRenew = Bool(f, "ready_to_renew"),
            ReadyToRenewSince = Time(f, "ready_to_renew_since"),
            FeatureLevel = Text(f, "feature_level"),
            SubscriptionPlanName = Text(f, "subscription_plan_name"),
            StoreCredit = Decimal(f, "store_credit") ?? 0m,
            StoreCreditCurrencyCode = Text(f, "store_credit_currency_code"),
            BillingFirstName = Text(f, "billing_first_name"),
            BillingLastName = Text(f, "billing_last_name"),
            Fields = f,
            Invoices = invoices is null ? null : [.. invoices.Elements().Select(Invoice)],
        };
    }

    public static SpreedlyPlan Plan(XElement e)
    {
        var f = Fields(e);
        return new SpreedlyPlan
        {
            Id = Long(f, "id") ?? 0,
            Name = Text(f, "name"),
            PlanType = Text(f, "plan_type"),
            Price = Decimal(f, "price") ?? 0m,
            CurrencyCode = Text(f, "currency_code"),
            DurationQuantity = (int)(Long(f, "duration_quantity") ?? 0),
            DurationUnits = Text(f, "duration_units"),
            FeatureLevel = Text(f, "feature_level"),
            Enabled = Bool(f, "enabled"),
            ReturnUrl = Text(f, "return_url"),
            Terms = Text(f, "terms"),
            Version = (int)(Long(f, "version") ?? 0),
            Fields = f,
        };
    }

    private static SpreedlyInvoice Invoice(XElement e)
    {
        var f = Fields(e);
        var lines = e.Elements().FirstOrDefault(c => Name(c) == "line_items")?.Elements() ?? [];
        return new SpreedlyInvoice(Text(f, "token"), Bool(f, "closed"), Decimal(f, "amount") ?? 0m, Text(f, "currency_code"), Text(f, "price"),
            [.. lines.Select(l =>
            {
                var lf = Fields(l);
                return new SpreedlyLineItem(Text(lf, "description"), Text(lf, "notes"), Decimal(lf, "amount") ?? 0m, Text(lf, "currency_code"), Text(lf, "price"));
            })]);
    }

    public static string Name(XElement e) => e.Name.LocalName.Replace('-', '_');

    /// <summary>Empty text is null, as pyspreedly read it.</summary>
    private static string? Text(Dictionary<string, string?> f, string name) => f.GetValueOrDefault(name) is { Length: > 0 } text ? text : null;

    private static bool Bool(Dictionary<string, string?> f, string name) => f.GetValueOrDefault(name) == "true";

    private static long? Long(Dictionary<string, string?> f, string name) =>
        long.TryParse(f.GetValueOrDefault(name), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static decimal? Decimal(Dictionary<string, string?> f, string name) =>
        decimal.TryParse(f.GetValueOrDefault(name), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null;

    private static DateTimeOffset? Time(Dictionary<string, string?> f, string name) =>
        DateTimeOffset.TryParseExact(f.GetValueOrDefault(name), "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;
}
