using Steward.Core.Catalog;

namespace Steward.Server.Faces.Spreedly;

/// <summary>
/// Renders the core's subscribers and plans as Spreedly's XML: the subscriber's 35 fields (and its
/// invoices on a single read), the plan's 26, in the order the real service wrote them (the fields rspreedly's
/// captures show first, then the rest), with the types of docs/spreedly.md.
/// </summary>
internal static class SpreedlyViews
{
    public static string Subscriber(SubscriberView view, bool withInvoices) =>
        WriteSubscriber(new SpreedlyXmlWriter(), view, withInvoices).ToString();

    /// <summary><c>&lt;subscribers type="array"&gt;</c>, or <c>&lt;nil-classes type="array"/&gt;</c> when there are none.</summary>
    public static string Subscribers(IReadOnlyList<SubscriberView> views) =>
        List("subscribers", views, (xml, v) => WriteSubscriber(xml, v, withInvoices: false));

    public static string Plans(IReadOnlyList<Plan> plans) => List("subscription-plans", plans, WritePlan);

    private static string List<T>(string name, IReadOnlyList<T> items, Action<SpreedlyXmlWriter, T> write) =>
        new SpreedlyXmlWriter().Array(items.Count == 0 ? "nil-classes" : name, items, write).ToString();

    private static SpreedlyXmlWriter WriteSubscriber(SpreedlyXmlWriter xml, SubscriberView view, bool withInvoices)
    {
        var s = view.Subscriber;
        var sub = view.Subscription?.Subscription;
        var status = sub?.Status ?? SubscriptionStatus.Inactive;
        var updated = sub is not null && sub.UpdatedAt > s.UpdatedAt ? sub.UpdatedAt : s.UpdatedAt;
        if (view.User.UpdatedAt > updated)
        {
            updated = view.User.UpdatedAt;
        }

        xml.Open("subscriber")
            .DateTime("active-until", sub?.ActiveUntil)
            .Text("billing-first-name", s.BillingFirstName)
            .Text("billing-last-name", s.BillingLastName)
            .DateTime("created-at", s.CreatedAt)
            .Text("customer-id", s.CustomerId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Boolean("eligible-for-free-trial", sub?.EligibleForFreeTrial ?? true)
            .Text("email", view.User.Email)
            .DateTime("grace-until", sub?.GraceUntil)
            .Boolean("lifetime-subscription", status == SubscriptionStatus.Lifetime)
            .Boolean("ready-to-renew", sub?.ReadyToRenew ?? false)
            .Text("screen-name", s.ScreenName)
            .Decimal("store-credit", sub?.StoreCredit ?? 0m)
            .Text("store-credit-currency-code", sub?.StoreCreditCurrencyCode ?? view.Subscription?.PlanVersion?.CurrencyCode ?? PlanRules.DefaultCurrency)
            .Text("token", s.Token)
            .DateTime("updated-at", updated)
            .Boolean("recurring", sub?.Recurring ?? false)
            .Boolean("card-expires-before-next-auto-renew", false)
            .TextOrEmpty("subscription-plan-name", sub?.PlanId is null ? null : view.Subscription?.Plan?.Name)
            .Boolean("active", sub?.IsActive ?? false)
            .Boolean("in-grace-period", status == SubscriptionStatus.InGrace)
            .Boolean("on-trial", status == SubscriptionStatus.Trial)
            .TextOrEmpty("feature-level", sub?.IsActive == true ? sub.FeatureLevel : null, "string")
            .Integer("pagination-id", s.Number)
            .Boolean("on-gift", status == SubscriptionStatus.Complimentary)
            .Boolean("on-metered", false)
            .Boolean("eligible-for-setup-fee", sub?.PlanId is null)
            .DateTime("ready-to-renew-since", sub?.ReadyToRenewSince)
            .Boolean("payment-account-on-file", false)
            .Text("payment-account-display", null)
            .Text("billing-address1", s.BillingAddress1)
            .Text("billing-city", s.BillingCity)
            .Text("billing-state", s.BillingState)
            .Text("billing-zip", s.BillingZip)
            .Text("billing-country", s.BillingCountry)
            .Text("billing-phone-number", s.BillingPhoneNumber);
        if (withInvoices)
        {
            xml.Array("invoices", view.Invoices, WriteInvoice);
        }

        return xml.Close("subscriber");
    }

    private static void WriteInvoice(SpreedlyXmlWriter xml, SubscriberInvoice invoice) =>
        xml.Open("invoice")
            .Boolean("closed", invoice.Closed)
            .DateTime("created-at", invoice.CreatedAt)
            .Text("token", invoice.Token)
            .DateTime("updated-at", invoice.UpdatedAt)
            .Text("price", SubscriptionService.PriceText(invoice.Amount, invoice.CurrencyCode))
            .Decimal("amount", invoice.Amount)
            .Text("currency-code", invoice.CurrencyCode)
            .Text("response-client-message", null)
            .Text("response-customer-message", null)
            .Text("response-message", null)
            .Array("line-items", invoice.Lines, (x, line) => x.Open("line-item")
                .Decimal("amount", line.Amount)
                .Text("currency-code", line.CurrencyCode)
                .Text("description", line.Description)
                .Text("notes", line.Notes)
                .Text("price", SubscriptionService.PriceText(line.Amount, line.CurrencyCode))
                .Close("line-item"))
            .Close("invoice");

    private static void WritePlan(SpreedlyXmlWriter xml, Plan plan)
    {
        var terms = plan.Current;
        var regular = terms.PlanType == PlanType.Regular;
        var units = terms.DurationUnits == DurationUnit.Days ? "days" : "months";
        xml.Open("subscription-plan")
            .Decimal("amount", terms.Price)
            .Boolean("charge-after-first-period", regular)
            .Integer("charge-later-duration-quantity", regular ? terms.DurationQuantity : null)
            .Text("charge-later-duration-units", regular ? units : null)
            .DateTime("created-at", plan.CreatedAt)
            .Text("currency-code", terms.CurrencyCode)
            .Text("description", plan.Description)
            .Integer("duration-quantity", terms.DurationQuantity)
            .Text("duration-units", units)
            .Boolean("enabled", plan.Enabled)
            .Text("feature-level", terms.FeatureLevel)
            .Boolean("force-recurring", regular)
            .Integer("id", plan.Number)
            .Text("name", plan.Name)
            .Boolean("needs-to-be-renewed", regular)
            .Text("plan-type", regular ? "regular" : "free_trial")
            .Text("return-url", plan.ReturnUrl)
            .DateTime("updated-at", plan.UpdatedAt)
            .TextOrEmpty("terms", terms.Terms.Describe(), "string")
            .Decimal("price", terms.Price)
            .Integer("version", plan.TermsVersion)
            .Array("versions", plan.Versions, (x, v) => x.Open("version")
                .Integer("version", v.Number)
                .Text("plan-type", v.PlanType == PlanType.Regular ? "regular" : "free_trial")
                .Decimal("price", v.Price)
                .Text("currency-code", v.CurrencyCode)
                .Integer("duration-quantity", v.DurationQuantity)
                .Text("duration-units", v.DurationUnits == DurationUnit.Days ? "days" : "months")
                .Text("feature-level", v.FeatureLevel)
                .DateTime("created-at", v.CreatedAt)
                .Close("version"))
            .Decimal("setup-fee-amount", terms.SetupFeeAmount)
            .Text("setup-fee-currency-code", terms.SetupFeeCurrencyCode)
            .Text("setup-fee-description", terms.SetupFeeDescription)
            .Decimal("minimum-needed-for-charge", 0m)
            .Close("subscription-plan");
    }
}
