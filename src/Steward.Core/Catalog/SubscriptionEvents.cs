using System.Text.Json.Serialization;
using Steward.Core.Events;
using Steward.Core.Identity;
using Steward.Core.Ids;
using Steward.Core.Tenancy;

namespace Steward.Core.Catalog;

/// <summary>The data of every subscription event: the subscription as it stands after the change.</summary>
public abstract record SubscriptionEvent : StewardEvent
{
    public string Id { get; init; } = "";

    public string AccountId { get; init; } = "";

    public string UserId { get; init; } = "";

    public SubscriptionStatus Status { get; init; }

    /// <summary>The plan's integer id.</summary>
    public long? PlanId { get; init; }

    public string? FeatureLevel { get; init; }

    public DateTimeOffset? ActiveUntil { get; init; }

    public DateTimeOffset? GraceUntil { get; init; }

    public bool Recurring { get; init; }

    public bool EligibleForFreeTrial { get; init; }

    public decimal StoreCredit { get; init; }

    public decimal? PendingAmount { get; init; }

    public string? PendingCurrencyCode { get; init; }

    public int Version { get; init; }

    public override string SubjectId => Id;

    public static T Of<T>(Subscription s) where T : SubscriptionEvent, new() => new()
    {
        Id = PublicId.Of<Subscription>(s.Id),
        AccountId = PublicId.Of<Account>(s.AccountId),
        UserId = PublicId.Of<User>(s.UserId),
        Status = s.Status,
        PlanId = s.PlanNumber,
        FeatureLevel = s.FeatureLevel,
        ActiveUntil = s.ActiveUntil,
        GraceUntil = s.GraceUntil,
        Recurring = s.Recurring,
        EligibleForFreeTrial = s.EligibleForFreeTrial,
        StoreCredit = s.StoreCredit,
        PendingAmount = s.PendingAmount,
        PendingCurrencyCode = s.PendingCurrencyCode,
        Version = s.Version,
    };
}

/// <summary>The user's subscription record was made (with the action that needed it).</summary>
[EventType("subscription.created")]
public sealed record SubscriptionCreated : SubscriptionEvent;

/// <summary>The user subscribed to a plan (on its trial days when eligible).</summary>
[EventType("subscription.subscribed")]
public sealed record SubscriptionSubscribed : SubscriptionEvent;

[EventType("subscription.trial_started")]
public sealed record SubscriptionTrialStarted : SubscriptionEvent;

[EventType("subscription.free_trial_allowed")]
public sealed record SubscriptionFreeTrialAllowed : SubscriptionEvent;

[EventType("subscription.complimentary_given")]
public sealed record SubscriptionComplimentaryGiven : SubscriptionEvent;

[EventType("subscription.extended")]
public sealed record SubscriptionExtended : SubscriptionEvent;

[EventType("subscription.lifetime_given")]
public sealed record SubscriptionLifetimeGiven : SubscriptionEvent;

[EventType("subscription.auto_renew_stopped")]
public sealed record SubscriptionAutoRenewStopped : SubscriptionEvent;

[EventType("subscription.updated")]
public sealed record SubscriptionUpdated : SubscriptionEvent;

[EventType("subscription.plan_changed")]
public sealed record SubscriptionPlanChanged : SubscriptionEvent;

/// <summary>Store credit was added (or taken, with a negative amount).</summary>
[EventType("subscription.credit_changed")]
public sealed record SubscriptionCreditChanged : SubscriptionEvent
{
    public decimal Amount { get; init; }
}

/// <summary>A period ended and its renewal is due: a pending charge, and the grace period until <see cref="SubscriptionEvent.GraceUntil"/>.</summary>
[EventType("subscription.renewal_due")]
public sealed record SubscriptionRenewalDue : SubscriptionEvent
{
    public DateTimeOffset At { get; init; }
}

/// <summary>A new period began: by the worker (free plan, or store credit paid) or because the account recorded the payment.</summary>
[EventType("subscription.renewed")]
public sealed record SubscriptionRenewed : SubscriptionEvent
{
    public DateTimeOffset At { get; init; }

    public decimal Amount { get; init; }

    public string? CurrencyCode { get; init; }

    /// <summary><c>free</c>, <c>store_credit</c> or <c>payment</c> (recorded by the account).</summary>
    public string PaidBy { get; init; } = "";
}

[EventType("subscription.lapsed")]
public sealed record SubscriptionLapsed : SubscriptionEvent
{
    public DateTimeOffset At { get; init; }

    /// <summary><c>trial_ended</c>, <c>complimentary_ended</c>, <c>not_recurring</c> or <c>unpaid</c>.</summary>
    public string Reason { get; init; } = "";
}

/// <summary>Makes the typed event of a <see cref="Transition"/>.</summary>
internal static class TransitionEvents
{
    public static SubscriptionEvent Of(Subscription s, Transition t) => t.Kind switch
    {
        TransitionKind.Renewed => SubscriptionEvent.Of<SubscriptionRenewed>(s) with
        {
            At = t.At,
            Amount = t.Amount ?? 0,
            CurrencyCode = t.CurrencyCode,
            PaidBy = t.PaidFromCredit ? "store_credit" : "free",
        },
        TransitionKind.RenewalDue => SubscriptionEvent.Of<SubscriptionRenewalDue>(s) with { At = t.At },
        _ => SubscriptionEvent.Of<SubscriptionLapsed>(s) with { At = t.At, Reason = t.Reason ?? "" },
    };
}
