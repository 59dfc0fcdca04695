namespace Steward.Core.Catalog;

/// <summary>
/// Why the catalog refused a change (<see cref="Results.Error.Reason"/>, with code conflict), so each
/// face can answer in its own words: the Spreedly face maps these to its 403 texts.
/// </summary>
public static class CatalogReasons
{
    /// <summary>A plan with subscriptions cannot be deleted.</summary>
    public const string PlanInUse = "plan_in_use";

    /// <summary>The plan is disabled: listed, but not for sale.</summary>
    public const string PlanDisabled = "plan_disabled";

    /// <summary>A free trial needs a plan of type free_trial.</summary>
    public const string PlanNotFreeTrial = "plan_not_free_trial";

    /// <summary>The user has had a free trial and was not allowed another.</summary>
    public const string NotEligibleForFreeTrial = "not_eligible_for_free_trial";

    /// <summary>The user already has a live subscription (trial, active, complimentary, lifetime or in grace).</summary>
    public const string AlreadySubscribed = "already_subscribed";

    /// <summary>Complimentary subscriptions are for inactive subscribers only.</summary>
    public const string SubscriberActive = "subscriber_active";

    /// <summary>Time extensions (and plan changes) are for active subscribers only.</summary>
    public const string SubscriberInactive = "subscriber_inactive";

    /// <summary>A lifetime subscription does not expire: nothing to extend, renew or change.</summary>
    public const string Lifetime = "lifetime";

    /// <summary>Only a subscription whose renewal is due (in grace) can be renewed.</summary>
    public const string NotReadyToRenew = "not_ready_to_renew";

    /// <summary>A renewal is due: pay it (renew) or let it lapse before changing plan.</summary>
    public const string RenewalPending = "renewal_pending";

    /// <summary>Auto-renewal needs a regular plan to renew.</summary>
    public const string NotRenewable = "not_renewable";

    /// <summary>Fees are for recurring subscriptions only (they are owed with the next renewal).</summary>
    public const string NotRecurring = "not_recurring";

    /// <summary>Subscribers can be deleted on test accounts (Spreedly test sites) only; with code forbidden.</summary>
    public const string NotTestAccount = "not_test_account";
}
