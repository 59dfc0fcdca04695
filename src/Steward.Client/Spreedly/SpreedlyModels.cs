using System.Net;

namespace Steward.Client.Spreedly;

/// <summary>A subscriber as Spreedly describes it (<c>&lt;subscriber&gt;</c>); unset values are null.</summary>
public sealed record SpreedlySubscriber
{
    /// <summary>The site's id for the subscriber (<c>customer-id</c>).</summary>
    public long CustomerId { get; init; }

    /// <summary><c>screen-name</c>.</summary>
    public string? ScreenName { get; init; }

    /// <summary><c>email</c>.</summary>
    public string? Email { get; init; }

    /// <summary>The subscriber's token (<c>token</c>), for the token form of the sign-up URL.</summary>
    public string? Token { get; init; }

    /// <summary><c>created-at</c>.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary><c>updated-at</c>.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary><c>pagination-id</c>: 1, 2, 3… in order of creation.</summary>
    public long? PaginationId { get; init; }

    /// <summary><c>active</c>: on a trial, a paid or given period, a lifetime subscription, or in grace.</summary>
    public bool Active { get; init; }

    /// <summary><c>active-until</c>: the end of the current period; null for lifetime and inactive subscribers.</summary>
    public DateTimeOffset? ActiveUntil { get; init; }

    /// <summary><c>on-trial</c>.</summary>
    public bool OnTrial { get; init; }

    /// <summary><c>on-gift</c>: on complimentary time.</summary>
    public bool OnGift { get; init; }

    /// <summary><c>on-metered</c> (always false on Steward).</summary>
    public bool OnMetered { get; init; }

    /// <summary><c>eligible-for-free-trial</c>.</summary>
    public bool EligibleForFreeTrial { get; init; }

    /// <summary><c>eligible-for-setup-fee</c>.</summary>
    public bool EligibleForSetupFee { get; init; }

    /// <summary><c>lifetime-subscription</c>.</summary>
    public bool LifetimeSubscription { get; init; }

    /// <summary><c>recurring</c>: renews automatically.</summary>
    public bool Recurring { get; init; }

    /// <summary><c>in-grace-period</c>: the renewal is due and unpaid.</summary>
    public bool InGracePeriod { get; init; }

    /// <summary><c>grace-until</c>.</summary>
    public DateTimeOffset? GraceUntil { get; init; }

    /// <summary><c>ready-to-renew</c>.</summary>
    public bool ReadyToRenew { get; init; }

    /// <summary><c>ready-to-renew-since</c>.</summary>
    public DateTimeOffset? ReadyToRenewSince { get; init; }

    /// <summary><c>feature-level</c>.</summary>
    public string? FeatureLevel { get; init; }

    /// <summary><c>subscription-plan-name</c>.</summary>
    public string? SubscriptionPlanName { get; init; }

    /// <summary><c>store-credit</c>.</summary>
    public decimal StoreCredit { get; init; }

    /// <summary><c>store-credit-currency-code</c>.</summary>
    public string? StoreCreditCurrencyCode { get; init; }

    /// <summary><c>billing-first-name</c>.</summary>
    public string? BillingFirstName { get; init; }

    /// <summary><c>billing-last-name</c>.</summary>
    public string? BillingLastName { get; init; }

    /// <summary>Every field as the wire named it (underscores for dashes), as text; null when nil.</summary>
    public IReadOnlyDictionary<string, string?> Fields { get; init; } = new Dictionary<string, string?>();

    /// <summary><c>invoices</c> (only when the subscriber was read on its own, with <c>get_info</c>).</summary>
    public IReadOnlyList<SpreedlyInvoice>? Invoices { get; init; }
}

/// <summary>A subscription plan (<c>&lt;subscription-plan&gt;</c>).</summary>
public sealed record SpreedlyPlan
{
    /// <summary><c>id</c>: the plan's integer id.</summary>
    public long Id { get; init; }

    /// <summary><c>name</c>.</summary>
    public string? Name { get; init; }

    /// <summary><c>plan-type</c>: <c>regular</c> or <c>free_trial</c>.</summary>
    public string? PlanType { get; init; }

    /// <summary><c>price</c>.</summary>
    public decimal Price { get; init; }

    /// <summary><c>currency-code</c>.</summary>
    public string? CurrencyCode { get; init; }

    /// <summary><c>duration-quantity</c>.</summary>
    public int DurationQuantity { get; init; }

    /// <summary><c>duration-units</c>: <c>days</c> or <c>months</c>.</summary>
    public string? DurationUnits { get; init; }

    /// <summary><c>feature-level</c>.</summary>
    public string? FeatureLevel { get; init; }

    /// <summary><c>enabled</c>.</summary>
    public bool Enabled { get; init; }

    /// <summary><c>return-url</c>.</summary>
    public string? ReturnUrl { get; init; }

    /// <summary><c>terms</c>, in words.</summary>
    public string? Terms { get; init; }

    /// <summary><c>version</c>: the number of the plan's current terms.</summary>
    public int Version { get; init; }

    /// <summary>Every field as the wire named it (underscores for dashes), as text; null when nil.</summary>
    public IReadOnlyDictionary<string, string?> Fields { get; init; } = new Dictionary<string, string?>();
}

/// <summary>An invoice of a subscriber (<c>&lt;invoice&gt;</c>): money owed, open until the site's billing settles it.</summary>
/// <param name="Token">The invoice's token.</param>
/// <param name="Closed">Settled.</param>
/// <param name="Amount">The total.</param>
/// <param name="CurrencyCode">Its currency.</param>
/// <param name="Price">The total in words, such as <c>$24.00</c>.</param>
/// <param name="LineItems">What it is for.</param>
public sealed record SpreedlyInvoice(string? Token, bool Closed, decimal Amount, string? CurrencyCode, string? Price, IReadOnlyList<SpreedlyLineItem> LineItems);

/// <summary>One line of an invoice.</summary>
/// <param name="Description">What is charged (<c>Initial 1 month</c>, a fee's name).</param>
/// <param name="Notes">More about it.</param>
/// <param name="Amount">The amount.</param>
/// <param name="CurrencyCode">Its currency.</param>
/// <param name="Price">The amount in words.</param>
public sealed record SpreedlyLineItem(string? Description, string? Notes, decimal Amount, string? CurrencyCode, string? Price);

/// <summary>An answer the client returns as it came (pyspreedly returned the response object for these calls).</summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="Body">The body, as text.</param>
public sealed record SpreedlyResponse(HttpStatusCode StatusCode, string Body);

/// <summary>
/// A call answered with another status than it expects (pyspreedly's <c>HTTPError</c>):
/// <see cref="HttpRequestException.StatusCode"/> says which, <see cref="Body"/> what the server said.
/// </summary>
public sealed class SpreedlyException : HttpRequestException
{
    /// <summary>Creates the exception for an answer.</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="body">The body of the answer.</param>
    public SpreedlyException(HttpStatusCode statusCode, string body)
        : base($"The Spreedly API answered HTTP {(int)statusCode}: {body}", null, statusCode)
    {
        Body = body;
    }

    /// <summary>Creates the exception with a message alone.</summary>
    public SpreedlyException()
        : this(HttpStatusCode.InternalServerError, "")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public SpreedlyException(string message)
        : base(message)
    {
        Body = "";
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public SpreedlyException(string message, Exception innerException)
        : base(message, innerException)
    {
        Body = "";
    }

    /// <summary>The body of the answer: the server's reason.</summary>
    public string Body { get; }
}
