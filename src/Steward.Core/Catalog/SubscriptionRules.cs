namespace Steward.Core.Catalog;

/// <summary>What happened to a subscription by itself as time passed.</summary>
public enum TransitionKind
{
    /// <summary>A new period began: the plan is free, or store credit paid for it.</summary>
    Renewed,

    /// <summary>The period ended and a paid renewal is due (a pending charge); the grace period began.</summary>
    RenewalDue,

    /// <summary>The subscription ended.</summary>
    Lapsed,
}

/// <summary>One step of <see cref="SubscriptionRules.Advance"/>, at the time it happened.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="At">When: the end of the period, or of the grace period.</param>
/// <param name="Amount">Renewed: what was paid (0 for a free plan); renewal due: the pending charge.</param>
/// <param name="CurrencyCode">The currency of <paramref name="Amount"/>.</param>
/// <param name="PaidFromCredit">Renewed: the store credit paid.</param>
/// <param name="Reason">Lapsed: <c>trial_ended</c>, <c>complimentary_ended</c>, <c>not_recurring</c> or <c>unpaid</c>.</param>
public sealed record Transition(TransitionKind Kind, DateTimeOffset At, decimal? Amount = null, string? CurrencyCode = null, bool PaidFromCredit = false, string? Reason = null);

/// <summary>
/// The subscription state machine, as pure functions of a subscription, its plan version's terms and
/// the time, so that the background worker, every write and every read agree on where a subscription
/// stands (a read shows what the worker is about to store).
/// </summary>
public static class SubscriptionRules
{
    /// <summary>A guard against a free daily plan left alone for decades: the rest is done on the next call.</summary>
    private const int MaxSteps = 10_000;

    /// <summary>Active in Spreedly's sense (the subscriber has access): trial, paid, complimentary, lifetime or in grace.</summary>
    public static bool IsLive(SubscriptionStatus status) =>
        status is SubscriptionStatus.Trial or SubscriptionStatus.Active or SubscriptionStatus.Complimentary
            or SubscriptionStatus.Lifetime or SubscriptionStatus.InGrace;

    /// <summary>When something next happens to <paramref name="s"/> by itself; null when nothing can.</summary>
    public static DateTimeOffset? DueOf(Subscription s) => s.Status switch
    {
        SubscriptionStatus.Trial or SubscriptionStatus.Active or SubscriptionStatus.Complimentary => s.ActiveUntil,
        SubscriptionStatus.InGrace => s.GraceUntil,
        _ => null,
    };

    /// <summary>
    /// Moves <paramref name="s"/> through every deadline up to <paramref name="now"/> and returns what
    /// happened, in order. At the end of a period: a complimentary, non-recurring or free-trial
    /// subscription lapses; a recurring one on a regular plan renews at once when the plan is free or
    /// the store credit covers the price (the credit pays), else its renewal becomes due with a pending
    /// charge of the price and it stays active in grace for <paramref name="grace"/>; at the end of
    /// grace it lapses. <paramref name="terms"/> are those of the version the subscription bought;
    /// <paramref name="onStep"/> sees the subscription as it stands right after each step.
    /// </summary>
    public static List<Transition> Advance(Subscription s, PlanTerms? terms, DateTimeOffset now, TimeSpan grace, Action<Transition>? onStep = null)
    {
        var steps = new List<Transition>();
        void Step(Transition t)
        {
            steps.Add(t);
            onStep?.Invoke(t);
        }

        for (var i = 0; i < MaxSteps && DueOf(s) is { } due && due <= now; i++)
        {
            if (s.Status == SubscriptionStatus.InGrace)
            {
                Step(Lapse(s, due, "unpaid"));
                continue;
            }

            var renewable = s.Status != SubscriptionStatus.Complimentary && s.Recurring && terms is { PlanType: PlanType.Regular };
            if (!renewable)
            {
                var reason = s.Status switch
                {
                    SubscriptionStatus.Trial => "trial_ended",
                    SubscriptionStatus.Complimentary => "complimentary_ended",
                    _ => "not_recurring",
                };
                Step(Lapse(s, due, reason));
                continue;
            }

            var price = terms!.Price;
            if (price == 0)
            {
                Renew(s, terms);
                Step(new Transition(TransitionKind.Renewed, due, 0m, terms.CurrencyCode));
            }
            else if (s.StoreCredit >= price && (s.StoreCreditCurrencyCode ?? terms.CurrencyCode) == terms.CurrencyCode)
            {
                s.StoreCredit -= price;
                Renew(s, terms);
                Step(new Transition(TransitionKind.Renewed, due, price, terms.CurrencyCode, PaidFromCredit: true));
            }
            else
            {
                s.Status = SubscriptionStatus.InGrace;
                s.ReadyToRenewSince = due;
                s.PendingAmount = price;
                s.PendingCurrencyCode = terms.CurrencyCode;
                s.GraceUntil = due + grace;
                Step(new Transition(TransitionKind.RenewalDue, due, price, terms.CurrencyCode));
            }
        }

        s.DueAt = DueOf(s);
        return steps;
    }

    /// <summary>Starts the next period right after the current one (so late renewals do not shift the dates).</summary>
    public static void Renew(Subscription s, PlanTerms terms)
    {
        s.ActiveUntil = terms.AddPeriod(s.ActiveUntil!.Value);
        s.Status = SubscriptionStatus.Active;
        ClearRenewal(s);
        s.DueAt = DueOf(s);
    }

    /// <summary>Forgets a due renewal: its pending charge and grace.</summary>
    public static void ClearRenewal(Subscription s)
    {
        s.GraceUntil = null;
        s.ReadyToRenewSince = null;
        s.PendingAmount = null;
        s.PendingCurrencyCode = null;
    }

    private static Transition Lapse(Subscription s, DateTimeOffset at, string reason)
    {
        s.Status = SubscriptionStatus.Lapsed;
        s.Recurring = false;
        ClearRenewal(s);
        return new Transition(TransitionKind.Lapsed, at, Reason: reason);
    }
}
