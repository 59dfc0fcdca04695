using System.Globalization;
using Steward.Core.Catalog;
using Steward.Core.Results;

namespace Steward.Server.Faces.Spreedly;

/// <summary>
/// The request elements of the Spreedly calls (underscore names; dashes are read the same) and their
/// conversion to core input. A value of the wrong type (<c>&lt;amount&gt;abc&lt;/amount&gt;</c>) is a field
/// error worded as Rails did (<c>Amount is not a number</c>); the core checks everything else.
/// </summary>
internal static class SpreedlyWire
{
    /// <summary>The elements of <c>&lt;subscriber&gt;</c> that create and update read.</summary>
    private static readonly string[] SubscriberFields =
    [
        "customer_id", "new_customer_id", "screen_name", "email", "billing_first_name", "billing_last_name", "billing_address1",
        "billing_city", "billing_state", "billing_zip", "billing_country", "billing_phone_number",
    ];

    /// <summary>Whether the body names any subscriber field (an update without one is refused).</summary>
    public static bool HasSubscriberFields(SpreedlyDocument doc) => SubscriberFields.Any(doc.Has);

    /// <summary>
    /// The subscriber's fields. A nil or empty element clears the field on update: it is passed as "" (an
    /// absent one as null, left as it is).
    /// </summary>
    public static SubscriberInput Subscriber(SpreedlyDocument doc)
    {
        string? Field(string name) => doc.Has(name) ? doc[name] ?? "" : null;
        return new SubscriberInput(
            Field("customer_id"),
            Field("screen_name"),
            Field("email"),
            Field("billing_first_name"),
            Field("billing_last_name"),
            Field("billing_address1"),
            Field("billing_city"),
            Field("billing_state"),
            Field("billing_zip"),
            Field("billing_country"),
            Field("billing_phone_number"),
            Field("new_customer_id"));
    }

    /// <summary>The <c>&lt;id&gt;</c> of a <c>&lt;subscription_plan&gt;</c> body, trimmed; null when absent or blank.</summary>
    public static string? PlanId(SpreedlyDocument doc) => doc["id"]?.Trim() is { Length: > 0 } id ? id : null;

    /// <summary>Plans are named by integer ids on this wire: anything else names no plan.</summary>
    public static bool IsPlanNumber(string id) => id.Length <= 18 && id.All(char.IsAsciiDigit);

    /// <summary>Duration quantity and units of the complimentary calls; the quantity must be an integer.</summary>
    public static Result<DurationInput> Duration(SpreedlyDocument doc)
    {
        var errors = new Validator();
        var quantity = Integer(doc, "duration_quantity", errors);
        return errors.IsValid ? new DurationInput(quantity, doc["duration_units"]) : errors.ToError();
    }

    /// <summary>A fee: name, description, group and a decimal amount.</summary>
    public static Result<FeeInput> Fee(SpreedlyDocument doc)
    {
        var errors = new Validator();
        var amount = Decimal(doc, "amount", errors);
        return errors.IsValid ? new FeeInput(doc["name"], doc["description"], doc["group"], amount, doc["currency_code"]) : errors.ToError();
    }

    /// <summary>Store credit: a decimal amount (negative takes credit back).</summary>
    public static Result<CreditInput> Credit(SpreedlyDocument doc)
    {
        var errors = new Validator();
        var amount = Decimal(doc, "amount", errors);
        return errors.IsValid ? new CreditInput(amount, doc["currency_code"]) : errors.ToError();
    }

    private static int? Integer(SpreedlyDocument doc, string field, Validator errors)
    {
        var text = doc[field]?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(field, FieldRule.Format, $"{field} is not a number.");
        return null;
    }

    private static decimal? Decimal(SpreedlyDocument doc, string field, Validator errors)
    {
        var text = doc[field]?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.Length <= 40 && decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(field, FieldRule.Format, $"{field} is not a number.");
        return null;
    }
}
