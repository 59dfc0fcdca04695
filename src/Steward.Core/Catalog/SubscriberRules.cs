using System.Globalization;
using System.Security.Cryptography;
using Steward.Core.Results;
using Steward.Core.Storage;

namespace Steward.Core.Catalog;

/// <summary>
/// A subscriber's details as a site sends them. Text, as it came: the core checks the customer id's
/// form. On update, a null field is left as it is and an empty one is cleared.
/// </summary>
public sealed record SubscriberInput(
    string? CustomerId = null,
    string? ScreenName = null,
    string? Email = null,
    string? BillingFirstName = null,
    string? BillingLastName = null,
    string? BillingAddress1 = null,
    string? BillingCity = null,
    string? BillingState = null,
    string? BillingZip = null,
    string? BillingCountry = null,
    string? BillingPhoneNumber = null,
    string? NewCustomerId = null);

/// <summary>A subscriber's details once checked; <see cref="Apply"/> writes the given ones.</summary>
internal sealed record SubscriberDraft(long? CustomerId, long? NewCustomerId, SubscriberInput Given, string? Email, IReadOnlyDictionary<string, string?> Details)
{
    /// <summary>Writes the given screen name and billing details; the email lives on the user.</summary>
    public void Apply(Subscriber s)
    {
        if (Given.ScreenName is not null)
        {
            s.ScreenName = Details["screen_name"];
        }

        s.BillingFirstName = Pick(Given.BillingFirstName, "billing_first_name", s.BillingFirstName);
        s.BillingLastName = Pick(Given.BillingLastName, "billing_last_name", s.BillingLastName);
        s.BillingAddress1 = Pick(Given.BillingAddress1, "billing_address1", s.BillingAddress1);
        s.BillingCity = Pick(Given.BillingCity, "billing_city", s.BillingCity);
        s.BillingState = Pick(Given.BillingState, "billing_state", s.BillingState);
        s.BillingZip = Pick(Given.BillingZip, "billing_zip", s.BillingZip);
        s.BillingCountry = Pick(Given.BillingCountry, "billing_country", s.BillingCountry);
        s.BillingPhoneNumber = Pick(Given.BillingPhoneNumber, "billing_phone_number", s.BillingPhoneNumber);
    }

    private string? Pick(string? given, string field, string? current) => given is null ? current : Details[field];
}

/// <summary>What a subscriber may hold, and the checks of subscriber input.</summary>
public static class SubscriberRules
{
    public const int TokenLength = 40;
    public const int ShortField = 40;

    /// <summary>Customer ids are at most 18 digits, so that every one is a 64-bit integer.</summary>
    public const int CustomerIdDigits = 18;

    /// <summary>The user a subscriber is: account-level, named by the customer id (renamed with it).</summary>
    public static string UsernameOf(long customerId) => "customer-" + customerId.ToString(CultureInfo.InvariantCulture);

    /// <summary>A fresh token for a subscriber or an invoice: 40 lower-case hex digits (160 random bits).</summary>
    public static string NewToken() => RandomNumberGenerator.GetHexString(TokenLength, lowercase: true);

    /// <summary>A customer id as text: digits only (at most 18), as the sites' clients read it back as an integer.</summary>
    public static long? CustomerId(Validator v, string field, string? raw, bool required)
    {
        var text = raw?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                v.Add(field, FieldRule.Required, $"{field} is required.");
            }

            return null;
        }

        if (TryParseCustomerId(text, out var id))
        {
            return id;
        }

        v.Add(field, FieldRule.Format, $"{field} must be a number of at most {CustomerIdDigits} digits.");
        return null;
    }

    /// <summary>Parses a customer id (digits only, at most 18) without reporting.</summary>
    public static bool TryParseCustomerId(string? text, out long id)
    {
        id = 0;
        return text is { Length: > 0 and <= CustomerIdDigits } && text.All(char.IsAsciiDigit)
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id);
    }

    internal static Result<SubscriberDraft> Validate(SubscriberInput input, bool creating)
    {
        var v = new Validator();
        var customerId = CustomerId(v, "customer_id", input.CustomerId, required: creating);
        var newCustomerId = creating ? null : CustomerId(v, "new_customer_id", input.NewCustomerId, required: false);
        var email = v.Email("email", input.Email, required: false);
        var details = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["screen_name"] = v.Name("screen_name", input.ScreenName, Limits.Name, required: false),
            ["billing_first_name"] = v.Name("billing_first_name", input.BillingFirstName, Limits.Name, required: false),
            ["billing_last_name"] = v.Name("billing_last_name", input.BillingLastName, Limits.Name, required: false),
            ["billing_address1"] = v.Optional("billing_address1", input.BillingAddress1, Limits.Name),
            ["billing_city"] = v.Optional("billing_city", input.BillingCity, Limits.ShortText),
            ["billing_state"] = v.Optional("billing_state", input.BillingState, Limits.ShortText),
            ["billing_zip"] = v.Optional("billing_zip", input.BillingZip, ShortField),
            ["billing_country"] = v.Optional("billing_country", input.BillingCountry, Limits.ShortText),
            ["billing_phone_number"] = v.Optional("billing_phone_number", input.BillingPhoneNumber, ShortField),
        };
        return v.IsValid ? new SubscriberDraft(customerId, newCustomerId, input, email, details) : v.ToError();
    }

    /// <summary>The refusal of a customer id another subscriber of the account has.</summary>
    public static Error CustomerIdTaken(string field, long customerId) =>
        Error.Conflict(field, $"A subscriber with customer id {customerId.ToString(CultureInfo.InvariantCulture)} already exists.");
}
