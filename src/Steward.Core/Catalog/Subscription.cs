using System.Linq.Expressions;
using Steward.Core.Access;
using Steward.Core.Ids;
using Steward.Core.Tenancy;

namespace Steward.Core.Catalog;

/// <summary>Where a subscription stands. See docs/commerce.md for the rules that move it.</summary>
public enum SubscriptionStatus
{
    /// <summary>Never had a plan or a gift (made by an action that needs a record, such as store credit).</summary>
    Inactive = 0,

    /// <summary>On a free trial, until <see cref="Subscription.ActiveUntil"/>.</summary>
    Trial = 1,

    /// <summary>A paid (or free) period of a plan, until <see cref="Subscription.ActiveUntil"/>.</summary>
    Active = 2,

    /// <summary>Given time, until <see cref="Subscription.ActiveUntil"/>; never renewed.</summary>
    Complimentary = 3,

    /// <summary>Given for life: never expires.</summary>
    Lifetime = 4,

    /// <summary>The period ended and its renewal is due (a pending charge); still active until <see cref="Subscription.GraceUntil"/>.</summary>
    InGrace = 5,

    /// <summary>Ended: the period ran out without renewal.</summary>
    Lapsed = 6,
}

/// <summary>
/// A user's subscription: the plan version it bought, where it stands, and what belongs to the
/// subscriber (free-trial eligibility, store credit). A user has at most one; it is reused when the
/// user subscribes again after a lapse.
/// </summary>
public sealed class Subscription : IPublicEntity, ITenantScoped<Subscription>
{
    public static string IdPrefix => "sub";

    public Guid Id { get; set; }

    public Guid AccountId { get; set; }

    public Guid UserId { get; set; }

    /// <summary>The user's home organisation (users never move), for what organisation callers may see.</summary>
    public Guid? UserOrganisationId { get; set; }

    public Guid? PlanId { get; set; }

    /// <summary>The plan's integer id, kept beside <see cref="PlanId"/> (it never changes) for events and lists.</summary>
    public long? PlanNumber { get; set; }

    /// <summary>The version of the plan's terms this subscription bought.</summary>
    public Guid? PlanVersionId { get; set; }

    public string? FeatureLevel { get; set; }

    public SubscriptionStatus Status { get; set; }

    /// <summary>End of the current period (trial, paid or given); null for lifetime and never-active.</summary>
    public DateTimeOffset? ActiveUntil { get; set; }

    /// <summary>While a renewal is due: when the subscription lapses unless renewed.</summary>
    public DateTimeOffset? GraceUntil { get; set; }

    /// <summary>Renews automatically at the end of each period (auto-renew).</summary>
    public bool Recurring { get; set; }

    /// <summary>May start a free trial: true until the user has had one, again after allow-free-trial.</summary>
    public bool EligibleForFreeTrial { get; set; } = true;

    /// <summary>Money the subscriber has with the account; pays renewals it covers. Never below zero.</summary>
    public decimal StoreCredit { get; set; }

    public string? StoreCreditCurrencyCode { get; set; }

    /// <summary>When the renewal became due (the end of the period); null when none is due.</summary>
    public DateTimeOffset? ReadyToRenewSince { get; set; }

    /// <summary>The pending charge of the due renewal; Steward takes no payments, the account settles it and calls renew.</summary>
    public decimal? PendingAmount { get; set; }

    public string? PendingCurrencyCode { get; set; }

    /// <summary>When the background worker must next look at this subscription; null when nothing can happen by itself.</summary>
    public DateTimeOffset? DueAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency token, incremented on every change; the ETag.</summary>
    public int Version { get; set; }

    /// <summary>Active in Spreedly's sense: trial, paid, complimentary, lifetime, or in grace.</summary>
    public bool IsActive => SubscriptionRules.IsLive(Status);

    public bool ReadyToRenew => Status == SubscriptionStatus.InGrace;

    public static Expression<Func<Subscription, bool>> OfOrganisation(Guid organisationId) => s => s.UserOrganisationId == organisationId;

    /// <summary>A user sees its own, and those of users of organisations it is an owner or admin of (as with users).</summary>
    public static Expression<Func<Subscription, bool>> VisibleToUser(Guid userId, IQueryable<Membership> memberships) =>
        s => s.UserId == userId || memberships.Any(m =>
            m.UserId == userId && m.OrganisationId == s.UserOrganisationId && m.Role != MembershipRole.Member);
}
