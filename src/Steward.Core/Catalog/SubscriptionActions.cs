using Steward.Core.Access;
using Steward.Core.Results;
using Steward.Core.Storage;

namespace Steward.Core.Catalog;

/// <summary>Subscribe (or start a free trial) to a plan, by its integer id or uid.</summary>
public sealed record SubscribeInput(string? PlanId, bool? Recurring = null);

/// <summary>A length of time: <c>duration_quantity</c> of <c>duration_units</c> (days or months).</summary>
public sealed record DurationInput(int? DurationQuantity, string? DurationUnits);

/// <summary>Store credit to add (negative to take); the currency defaults to the credit's, else the plan's, else USD.</summary>
public sealed record CreditInput(decimal? Amount, string? CurrencyCode);

/// <summary>What PATCH may change: auto-renewal (false stops it, true resumes it).</summary>
public sealed record SubscriptionPatch(bool? Recurring);

// The actions on a user's subscription. Each checks its input, then runs in ActAsync's frame; the rules
// are in docs/commerce.md. Refusals carry a CatalogReasons reason so that faces can word them.
public sealed partial class SubscriptionService
{
    /// <summary>
    /// Subscribes the user to a plan's current version: on its trial days when it has some and the
    /// user is eligible (which uses the free trial), else for one period, starting now. A free-trial
    /// plan starts a free trial (<see cref="StartFreeTrialAsync"/>). Steward takes no payment: the
    /// caller says the first period is settled by subscribing.
    /// </summary>
    public Task<Result<SubscriptionView>> SubscribeAsync(Principal p, Guid userId, SubscribeInput input, CancellationToken ct = default)
    {
        var key = PlanKey(input.PlanId);
        if (!key.IsSuccess)
        {
            return Task.FromResult(Result<SubscriptionView>.Fail(key.Error!));
        }

        return ActAsync(p, userId, null, async c =>
        {
            var found = await c.FindPlanAsync(key.Value);
            if (!found.IsSuccess)
            {
                return found.Error;
            }

            var (plan, version) = found.Value;
            if (version.PlanType == PlanType.FreeTrial)
            {
                return BeginFreeTrial(c, plan, version);
            }

            if (!plan.Enabled)
            {
                return PlanDisabled();
            }

            if (c.S.IsActive)
            {
                return Error.Refused(CatalogReasons.AlreadySubscribed, "The user already has an active subscription; change its plan instead.");
            }

            BeginPlan(c, plan, version, input.Recurring ?? true);
            return null;
        }, SubscriptionEvent.Of<SubscriptionSubscribed>, ct);
    }

    /// <summary>
    /// Starts a free trial on a free-trial plan for one period of it, if the user is eligible (once,
    /// unless allowed again) and not active. The trial does not renew.
    /// </summary>
    public Task<Result<SubscriptionView>> StartFreeTrialAsync(Principal p, Guid userId, string? planId, CancellationToken ct = default)
    {
        var key = PlanKey(planId);
        if (!key.IsSuccess)
        {
            return Task.FromResult(Result<SubscriptionView>.Fail(key.Error!));
        }

        return ActAsync(p, userId, null, async c =>
        {
            var found = await c.FindPlanAsync(key.Value);
            return found.IsSuccess ? BeginFreeTrial(c, found.Value.Plan, found.Value.Version) : found.Error;
        }, SubscriptionEvent.Of<SubscriptionTrialStarted>, ct);
    }

    /// <summary>Makes the user eligible for a free trial again.</summary>
    public Task<Result<SubscriptionView>> AllowFreeTrialAsync(Principal p, Guid userId, CancellationToken ct = default) =>
        ActAsync(p, userId, null, c =>
        {
            c.S.EligibleForFreeTrial = true;
            return Task.FromResult<Error?>(null);
        }, SubscriptionEvent.Of<SubscriptionFreeTrialAllowed>, ct);

    /// <summary>Gives an inactive (or lapsed) user time for free, at a feature level (default: its last one); never renews.</summary>
    public Task<Result<SubscriptionView>> GiveComplimentaryAsync(Principal p, Guid userId, DurationInput input, string? featureLevel, CancellationToken ct = default)
    {
        var v = new Validator();
        var duration = Duration(v, input);
        var level = v.Optional("feature_level", featureLevel, Limits.ShortText);
        if (!v.IsValid)
        {
            return Task.FromResult(Result<SubscriptionView>.Fail(v.ToError()));
        }

        return ActAsync(p, userId, null, c =>
        {
            if (c.S.IsActive)
            {
                return Refused(CatalogReasons.SubscriberActive, "Complimentary subscriptions cannot be given to active subscribers.");
            }

            c.Start(SubscriptionStatus.Complimentary, PlanTerms.AddDuration(c.Now, duration.Quantity, duration.Units), recurring: false);
            c.S.FeatureLevel = level ?? c.S.FeatureLevel;
            return Task.FromResult<Error?>(null);
        }, SubscriptionEvent.Of<SubscriptionComplimentaryGiven>, ct);
    }

    /// <summary>
    /// Adds time to an active subscription's current period (trial, paid, complimentary, or in grace,
    /// which the extension ends: the due renewal is forgotten).
    /// </summary>
    public Task<Result<SubscriptionView>> ExtendAsync(Principal p, Guid userId, DurationInput input, CancellationToken ct = default)
    {
        var v = new Validator();
        var duration = Duration(v, input);
        if (!v.IsValid)
        {
            return Task.FromResult(Result<SubscriptionView>.Fail(v.ToError()));
        }

        return ActAsync(p, userId, null, c =>
        {
            if (c.S.Status == SubscriptionStatus.Lifetime)
            {
                return Refused(CatalogReasons.Lifetime, "A lifetime subscription does not expire; there is nothing to extend.");
            }

            if (!c.S.IsActive)
            {
                return Refused(CatalogReasons.SubscriberInactive, "Complimentary time extensions can only be given to active subscribers.");
            }

            var status = c.S.Status == SubscriptionStatus.InGrace ? SubscriptionStatus.Active : c.S.Status;
            c.Start(status, PlanTerms.AddDuration(c.S.ActiveUntil!.Value, duration.Quantity, duration.Units), c.S.Recurring);
            return Task.FromResult<Error?>(null);
        }, s => SubscriptionEvent.Of<SubscriptionExtended>(s), ct);
    }

    /// <summary>Gives the user a subscription that never expires, at a feature level (required).</summary>
    public Task<Result<SubscriptionView>> GiveLifetimeAsync(Principal p, Guid userId, string? featureLevel, CancellationToken ct = default)
    {
        var v = new Validator();
        var level = v.Required("feature_level", featureLevel, Limits.ShortText);
        if (!v.IsValid)
        {
            return Task.FromResult(Result<SubscriptionView>.Fail(v.ToError()));
        }

        return ActAsync(p, userId, null, c =>
        {
            c.Start(SubscriptionStatus.Lifetime, until: null, recurring: false);
            c.S.FeatureLevel = level;
            return Task.FromResult<Error?>(null);
        }, SubscriptionEvent.Of<SubscriptionLifetimeGiven>, ct);
    }

    /// <summary>Stops auto-renewal: the subscription lapses at the end of its period (or of its grace).</summary>
    public Task<Result<SubscriptionView>> StopAutoRenewAsync(Principal p, Guid userId, CancellationToken ct = default) =>
        ActAsync(p, userId, null, c =>
        {
            c.S.Recurring = false;
            return Task.FromResult<Error?>(null);
        }, SubscriptionEvent.Of<SubscriptionAutoRenewStopped>, ct);

    /// <summary>
    /// Moves an active subscription to another regular plan's current version, at once; the period
    /// keeps its end, the new price applies from the next renewal, and auto-renewal is on (except for
    /// a complimentary period). Refused while a renewal is due and for lifetime subscriptions.
    /// </summary>
    public Task<Result<SubscriptionView>> ChangePlanAsync(Principal p, Guid userId, string? planId, CancellationToken ct = default)
    {
        var key = PlanKey(planId);
        if (!key.IsSuccess)
        {
            return Task.FromResult(Result<SubscriptionView>.Fail(key.Error!));
        }

        return ActAsync(p, userId, null, async c =>
        {
            var found = await c.FindPlanAsync(key.Value);
            if (!found.IsSuccess)
            {
                return found.Error;
            }

            var (plan, version) = found.Value;
            if (!plan.Enabled)
            {
                return PlanDisabled();
            }

            if (version.PlanType != PlanType.Regular)
            {
                return Error.Refused(CatalogReasons.NotRenewable, "A subscription can only change to a regular plan; start a free trial instead.");
            }

            switch (c.S.Status)
            {
                case SubscriptionStatus.Lifetime:
                    return Error.Refused(CatalogReasons.Lifetime, "A lifetime subscription has no plan to change.");
                case SubscriptionStatus.InGrace:
                    return Error.Refused(CatalogReasons.RenewalPending, "A renewal is due: renew the subscription (or let it lapse) before changing its plan.");
                case SubscriptionStatus.Inactive or SubscriptionStatus.Lapsed:
                    return Error.Refused(CatalogReasons.SubscriberInactive, "Only an active subscription can change plan; subscribe instead.");
            }

            c.Use(plan, version);
            c.S.Recurring = c.S.Status != SubscriptionStatus.Complimentary;
            return null;
        }, SubscriptionEvent.Of<SubscriptionPlanChanged>, ct);
    }

    /// <summary>Adds store credit (or takes it, with a negative amount); the total never goes below zero.</summary>
    public Task<Result<SubscriptionView>> AddCreditAsync(Principal p, Guid userId, CreditInput input, CancellationToken ct = default)
    {
        var v = new Validator();
        if (input.Amount is null)
        {
            v.Add("amount", FieldRule.Required, "amount is required.");
        }

        var amount = PlanRules.Money(v, "amount", input.Amount, allowNegative: true);
        var currency = PlanRules.Currency(v, "currency_code", input.CurrencyCode);
        if (!v.IsValid)
        {
            return Task.FromResult(Result<SubscriptionView>.Fail(v.ToError()));
        }

        return ActAsync(p, userId, null, c =>
        {
            var held = c.S.StoreCredit != 0 ? c.S.StoreCreditCurrencyCode : null;
            var code = currency ?? held ?? c.Version?.CurrencyCode ?? PlanRules.DefaultCurrency;
            if (held is not null && held != code)
            {
                return Task.FromResult<Error?>(Error.Invalid("currency_code", FieldRule.Invalid, $"The subscriber's store credit is held in {held}."));
            }

            var total = c.S.StoreCredit + amount!.Value;
            if (total < 0 || total > PlanRules.MaxMoney)
            {
                return Task.FromResult<Error?>(Error.Invalid("amount", FieldRule.OutOfRange,
                    "Amount is invalid. The total store credit for a subscriber must be greater than or equal to 0."));
            }

            c.S.StoreCredit = total;
            c.S.StoreCreditCurrencyCode = code;
            return Task.FromResult<Error?>(null);
        }, s => SubscriptionEvent.Of<SubscriptionCreditChanged>(s) with { Amount = amount!.Value }, ct);
    }

    /// <summary>
    /// Records that the due renewal was paid (Steward takes no payments; the account's billing did):
    /// the next period starts where the last one ended, and the pending charge is closed.
    /// </summary>
    public Task<Result<SubscriptionView>> RenewAsync(Principal p, Guid userId, CancellationToken ct = default)
    {
        decimal paid = 0;
        string? currency = null;
        DateTimeOffset at = default;
        return ActAsync(p, userId, null, c =>
        {
            if (c.S.Status == SubscriptionStatus.Lifetime)
            {
                return Refused(CatalogReasons.Lifetime, "A lifetime subscription is never renewed.");
            }

            if (c.S.Status != SubscriptionStatus.InGrace || c.Version is null)
            {
                return Refused(CatalogReasons.NotReadyToRenew, "Only a subscription whose renewal is due can be renewed.");
            }

            (paid, currency, at) = (c.S.PendingAmount ?? 0, c.S.PendingCurrencyCode, c.S.ActiveUntil!.Value);
            SubscriptionRules.Renew(c.S, c.Version.Terms);
            return Task.FromResult<Error?>(null);
        }, s => SubscriptionEvent.Of<SubscriptionRenewed>(s) with { At = at, Amount = paid, CurrencyCode = currency, PaidBy = "payment" }, ct);
    }

    /// <summary>Changes what PATCH may change: auto-renewal, which only a trial or paid period of a regular plan can resume.</summary>
    public async Task<Result<SubscriptionView>> UpdateAsync(Principal p, Guid id, SubscriptionPatch patch, int? expectedVersion, CancellationToken ct = default)
    {
        var current = await GetAsync(p, id, ct);
        if (!current.IsSuccess)
        {
            return current.Error!;
        }

        return await ActAsync(p, current.Value.Subscription.UserId, expectedVersion, c =>
        {
            if (patch.Recurring is true && !c.S.Recurring)
            {
                var renewable = c.S.Status is SubscriptionStatus.Trial or SubscriptionStatus.Active or SubscriptionStatus.InGrace
                    && c.Version?.PlanType == PlanType.Regular;
                if (!renewable)
                {
                    return Refused(CatalogReasons.NotRenewable, "Only a trial or paid period of a regular plan can renew automatically.");
                }
            }

            c.S.Recurring = patch.Recurring ?? c.S.Recurring;
            return Task.FromResult<Error?>(null);
        }, SubscriptionEvent.Of<SubscriptionUpdated>, ct);
    }

    private static Error? BeginFreeTrial(Change c, Plan plan, PlanVersion version)
    {
        if (version.PlanType != PlanType.FreeTrial)
        {
            return Error.Refused(CatalogReasons.PlanNotFreeTrial, "The subscription plan must be a free trial plan.");
        }

        if (!plan.Enabled)
        {
            return PlanDisabled();
        }

        if (!c.S.EligibleForFreeTrial)
        {
            return Error.Refused(CatalogReasons.NotEligibleForFreeTrial, "The subscriber is not eligible for a free trial.");
        }

        if (c.S.IsActive)
        {
            return Error.Refused(CatalogReasons.AlreadySubscribed, "The user already has an active subscription.");
        }

        c.Use(plan, version);
        c.S.EligibleForFreeTrial = false;
        c.Start(SubscriptionStatus.Trial, version.Terms.AddPeriod(c.Now), recurring: false);
        return null;
    }

    /// <summary>Starts a regular plan now: on its trial days when it has some and the user is eligible (which uses the free trial), else one period.</summary>
    private static void BeginPlan(Change c, Plan plan, PlanVersion version, bool recurring)
    {
        c.Use(plan, version);
        if (version.TrialDays > 0 && c.S.EligibleForFreeTrial)
        {
            c.S.EligibleForFreeTrial = false;
            c.Start(SubscriptionStatus.Trial, c.Now.AddDays(version.TrialDays), recurring);
        }
        else
        {
            c.Start(SubscriptionStatus.Active, version.Terms.AddPeriod(c.Now), recurring);
        }
    }

    private static Error PlanDisabled() =>
        Error.Refused(CatalogReasons.PlanDisabled, "The subscription plan is temporarily unavailable for purchase.");

    private static Task<Error?> Refused(string reason, string message) => Task.FromResult<Error?>(Error.Refused(reason, message));

    private static Result<string> PlanKey(string? planId) =>
        string.IsNullOrWhiteSpace(planId)
            ? Error.Invalid("plan_id", FieldRule.Required, "plan_id is required: a plan's integer id or its uid.")
            : planId.Trim();

    private static (int Quantity, DurationUnit Units) Duration(Validator v, DurationInput input)
    {
        if (input.DurationQuantity is null)
        {
            v.Add("duration_quantity", FieldRule.Required, "duration_quantity is required.");
        }

        var quantity = PlanRules.Range(v, "duration_quantity", input.DurationQuantity, 1, PlanRules.MaxDurationQuantity);
        if (string.IsNullOrWhiteSpace(input.DurationUnits))
        {
            v.Add("duration_units", FieldRule.Required, "duration_units is required: 'days' or 'months'.");
        }

        var units = PlanRules.DurationUnits(v, "duration_units", input.DurationUnits);
        return (quantity ?? 0, units ?? DurationUnit.Days);
    }
}
