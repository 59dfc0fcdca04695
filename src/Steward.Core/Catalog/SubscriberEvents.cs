using Steward.Core.Events;
using Steward.Core.Identity;
using Steward.Core.Ids;
using Steward.Core.Tenancy;

namespace Steward.Core.Catalog;

/// <summary>The data of every subscriber event: the subscriber as it stands after the change.</summary>
public abstract record SubscriberEvent : StewardEvent
{
    public string Id { get; init; } = "";

    public string AccountId { get; init; } = "";

    public string UserId { get; init; } = "";

    public long CustomerId { get; init; }

    public string? ScreenName { get; init; }

    public int Version { get; init; }

    public override string SubjectId => Id;

    public static T Of<T>(Subscriber s) where T : SubscriberEvent, new() => new()
    {
        Id = PublicId.Of<Subscriber>(s.Id),
        AccountId = PublicId.Of<Account>(s.AccountId),
        UserId = PublicId.Of<User>(s.UserId),
        CustomerId = s.CustomerId,
        ScreenName = s.ScreenName,
        Version = s.Version,
    };
}

[EventType("subscriber.created")]
public sealed record SubscriberCreated : SubscriberEvent;

/// <summary>The subscriber's details changed; <see cref="PreviousCustomerId"/> is set when its customer id did.</summary>
[EventType("subscriber.updated")]
public sealed record SubscriberUpdated : SubscriberEvent
{
    public long? PreviousCustomerId { get; init; }
}

/// <summary>The subscriber and its user, subscription and invoices were deleted (test sites only).</summary>
[EventType("subscriber.deleted")]
public sealed record SubscriberDeleted : SubscriberEvent;

/// <summary>A fee was added to the subscriber's open fees invoice, owed with the next renewal.</summary>
[EventType("subscription.fee_added")]
public sealed record SubscriptionFeeAdded : SubscriptionEvent
{
    public string InvoiceToken { get; init; } = "";

    public string Name { get; init; } = "";

    public string? Group { get; init; }

    public decimal Amount { get; init; }

    public string CurrencyCode { get; init; } = "";
}

/// <summary>The subscriber asked for a paid plan on the sign-up page: an invoice for its first period, pending payment.</summary>
[EventType("subscription.payment_pending")]
public sealed record SubscriptionPaymentPending : SubscriptionEvent
{
    public string InvoiceToken { get; init; } = "";

    /// <summary>The plan asked for (its integer id); the subscription itself is unchanged until the payment is recorded.</summary>
    public long RequestedPlanId { get; init; }

    public decimal Amount { get; init; }

    public string CurrencyCode { get; init; } = "";
}
