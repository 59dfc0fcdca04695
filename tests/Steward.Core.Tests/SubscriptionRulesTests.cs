using Microsoft.Extensions.Time.Testing;
using Steward.Core.Catalog;

namespace Steward.Core.Tests;

/// <summary>The subscription state machine (<see cref="SubscriptionRules"/>), driven by a fake clock.</summary>
public sealed class SubscriptionRulesTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Grace = TimeSpan.FromDays(3);

    private readonly FakeTimeProvider time = new(Start);

    private static PlanTerms Terms(decimal price = 20m, PlanType type = PlanType.Regular, int quantity = 1, DurationUnit units = DurationUnit.Months) =>
        new(type, price, "USD", quantity, units, 0, "Pro", null, null, null, null);

    private static Subscription Sub(SubscriptionStatus status, DateTimeOffset? until, bool recurring = true, decimal credit = 0m)
    {
        var s = new Subscription { Status = status, ActiveUntil = until, Recurring = recurring, StoreCredit = credit };
        s.DueAt = SubscriptionRules.DueOf(s);
        return s;
    }

    private List<Transition> Advance(Subscription s, PlanTerms? terms, TimeSpan by, TimeSpan? grace = null)
    {
        time.Advance(by);
        return SubscriptionRules.Advance(s, terms, time.GetUtcNow(), grace ?? Grace);
    }

    [Fact]
    public void A_free_trial_lasts_its_period_then_lapses()
    {
        var terms = Terms(0m, PlanType.FreeTrial, 14, DurationUnit.Days);
        var s = Sub(SubscriptionStatus.Trial, terms.AddPeriod(Start), recurring: false);

        Assert.Empty(Advance(s, terms, TimeSpan.FromDays(14) - TimeSpan.FromTicks(1)));
        Assert.Equal(SubscriptionStatus.Trial, s.Status);
        Assert.True(s.IsActive);

        var step = Assert.Single(Advance(s, terms, TimeSpan.FromTicks(1)));
        Assert.Equal(TransitionKind.Lapsed, step.Kind);
        Assert.Equal("trial_ended", step.Reason);
        Assert.Equal(Start.AddDays(14), step.At);
        Assert.Equal(SubscriptionStatus.Lapsed, s.Status);
        Assert.False(s.IsActive);
        Assert.Null(s.DueAt);
    }

    [Fact]
    public void A_paid_period_ends_in_grace_with_a_pending_charge_then_lapses_unpaid()
    {
        var terms = Terms(20m);
        var end = Start.AddMonths(1);
        var s = Sub(SubscriptionStatus.Active, end);

        var due = Assert.Single(Advance(s, terms, end - Start + TimeSpan.FromMinutes(1)));
        Assert.Equal(TransitionKind.RenewalDue, due.Kind);
        Assert.Equal(end, due.At);
        Assert.Equal(20m, due.Amount);
        Assert.Equal(SubscriptionStatus.InGrace, s.Status);
        Assert.True(s.IsActive);
        Assert.True(s.ReadyToRenew);
        Assert.Equal(end, s.ReadyToRenewSince);
        Assert.Equal(20m, s.PendingAmount);
        Assert.Equal("USD", s.PendingCurrencyCode);
        Assert.Equal(end + Grace, s.GraceUntil);
        Assert.Equal(end + Grace, s.DueAt);

        Assert.Empty(Advance(s, terms, TimeSpan.FromDays(2)));
        Assert.Equal(SubscriptionStatus.InGrace, s.Status);

        var lapse = Assert.Single(Advance(s, terms, TimeSpan.FromDays(1)));
        Assert.Equal(TransitionKind.Lapsed, lapse.Kind);
        Assert.Equal("unpaid", lapse.Reason);
        Assert.Equal(end + Grace, lapse.At);
        Assert.Equal(SubscriptionStatus.Lapsed, s.Status);
        Assert.False(s.Recurring);
        Assert.Null(s.PendingAmount);
        Assert.Null(s.GraceUntil);
        Assert.False(s.ReadyToRenew);
    }

    [Fact]
    public void Paying_in_grace_starts_the_next_period_where_the_last_one_ended()
    {
        var terms = Terms(20m);
        var end = Start.AddMonths(1);
        var s = Sub(SubscriptionStatus.Active, end);
        Advance(s, terms, end - Start + TimeSpan.FromDays(2));

        SubscriptionRules.Renew(s, terms);

        Assert.Equal(SubscriptionStatus.Active, s.Status);
        Assert.Equal(end.AddMonths(1), s.ActiveUntil);
        Assert.Equal(end.AddMonths(1), s.DueAt);
        Assert.Null(s.PendingAmount);
        Assert.Null(s.ReadyToRenewSince);
        Assert.Empty(Advance(s, terms, TimeSpan.FromDays(10)));
    }

    [Fact]
    public void Without_grace_a_due_renewal_lapses_at_once()
    {
        var end = Start.AddDays(1);
        var s = Sub(SubscriptionStatus.Active, end);

        var steps = Advance(s, Terms(5m), TimeSpan.FromDays(2), TimeSpan.Zero);

        Assert.Equal([TransitionKind.RenewalDue, TransitionKind.Lapsed], steps.Select(t => t.Kind));
        Assert.All(steps, t => Assert.Equal(end, t.At));
        Assert.Equal(SubscriptionStatus.Lapsed, s.Status);
    }

    [Fact]
    public void A_free_plan_renews_every_period_that_has_passed()
    {
        var terms = Terms(0m, quantity: 7, units: DurationUnit.Days);
        var s = Sub(SubscriptionStatus.Active, Start.AddDays(7));

        var steps = Advance(s, terms, TimeSpan.FromDays(22));

        Assert.Equal(3, steps.Count);
        Assert.All(steps, t => Assert.Equal(TransitionKind.Renewed, t.Kind));
        Assert.Equal([Start.AddDays(7), Start.AddDays(14), Start.AddDays(21)], steps.Select(t => t.At));
        Assert.Equal(SubscriptionStatus.Active, s.Status);
        Assert.Equal(Start.AddDays(28), s.ActiveUntil);
    }

    [Fact]
    public void Store_credit_pays_the_renewals_it_covers_then_the_renewal_is_due()
    {
        var terms = Terms(10m, quantity: 1, units: DurationUnit.Days);
        var s = Sub(SubscriptionStatus.Active, Start.AddDays(1), credit: 25m);

        var steps = Advance(s, terms, TimeSpan.FromDays(3.5));

        Assert.Equal([TransitionKind.Renewed, TransitionKind.Renewed, TransitionKind.RenewalDue], steps.Select(t => t.Kind));
        Assert.All(steps.Take(2), t => Assert.True(t.PaidFromCredit));
        Assert.Equal(5m, s.StoreCredit);
        Assert.Equal(SubscriptionStatus.InGrace, s.Status);
        Assert.Equal(10m, s.PendingAmount);
        Assert.Equal(Start.AddDays(3), s.ReadyToRenewSince);
    }

    [Fact]
    public void Credit_in_another_currency_does_not_pay()
    {
        var s = Sub(SubscriptionStatus.Active, Start.AddDays(1), credit: 100m);
        s.StoreCreditCurrencyCode = "EUR";

        var step = Assert.Single(Advance(s, Terms(10m, quantity: 1, units: DurationUnit.Days), TimeSpan.FromDays(1)));

        Assert.Equal(TransitionKind.RenewalDue, step.Kind);
        Assert.Equal(100m, s.StoreCredit);
    }

    [Fact]
    public void Lifetime_never_changes()
    {
        var s = Sub(SubscriptionStatus.Lifetime, null, recurring: false);

        Assert.Null(s.DueAt);
        Assert.Empty(Advance(s, Terms(), TimeSpan.FromDays(365 * 100)));
        Assert.Equal(SubscriptionStatus.Lifetime, s.Status);
        Assert.True(s.IsActive);
    }

    [Fact]
    public void Complimentary_time_ends_in_a_lapse_even_with_a_renewable_plan()
    {
        var s = Sub(SubscriptionStatus.Complimentary, Start.AddMonths(2), recurring: true);

        var step = Assert.Single(Advance(s, Terms(0m), TimeSpan.FromDays(70)));

        Assert.Equal("complimentary_ended", step.Reason);
        Assert.Equal(SubscriptionStatus.Lapsed, s.Status);
    }

    [Fact]
    public void A_stopped_subscription_lapses_at_the_end_of_its_period()
    {
        var s = Sub(SubscriptionStatus.Active, Start.AddMonths(1), recurring: false);

        var step = Assert.Single(Advance(s, Terms(), TimeSpan.FromDays(40)));

        Assert.Equal("not_recurring", step.Reason);
        Assert.Equal(Start.AddMonths(1), step.At);
    }

    [Fact]
    public void A_regular_plans_trial_becomes_a_due_renewal_at_its_end()
    {
        var s = Sub(SubscriptionStatus.Trial, Start.AddDays(30), recurring: true);

        var step = Assert.Single(Advance(s, Terms(12m), TimeSpan.FromDays(31)));

        Assert.Equal(TransitionKind.RenewalDue, step.Kind);
        Assert.Equal(SubscriptionStatus.InGrace, s.Status);
    }

    [Fact]
    public void An_extension_moves_the_end_so_time_passes_it_by()
    {
        var s = Sub(SubscriptionStatus.Active, Start.AddDays(10));
        Assert.Empty(Advance(s, Terms(), TimeSpan.FromDays(5)));

        s.ActiveUntil = PlanTerms.AddDuration(s.ActiveUntil!.Value, 7, DurationUnit.Days);
        s.DueAt = SubscriptionRules.DueOf(s);

        Assert.Empty(Advance(s, Terms(), TimeSpan.FromDays(11)));
        Assert.Equal(SubscriptionStatus.Active, s.Status);
        Assert.Single(Advance(s, Terms(), TimeSpan.FromDays(1)));
        Assert.Equal(SubscriptionStatus.InGrace, s.Status);
    }

    [Fact]
    public void Each_step_is_observed_with_the_state_right_after_it()
    {
        var s = Sub(SubscriptionStatus.Active, Start.AddDays(1));
        var seen = new List<(TransitionKind, SubscriptionStatus)>();

        time.Advance(TimeSpan.FromDays(10));
        SubscriptionRules.Advance(s, Terms(5m), time.GetUtcNow(), Grace, t => seen.Add((t.Kind, s.Status)));

        Assert.Equal([(TransitionKind.RenewalDue, SubscriptionStatus.InGrace), (TransitionKind.Lapsed, SubscriptionStatus.Lapsed)], seen);
    }

    [Fact]
    public void Nothing_is_due_for_inactive_or_lapsed_subscriptions()
    {
        Assert.Null(SubscriptionRules.DueOf(Sub(SubscriptionStatus.Inactive, null)));
        Assert.Null(SubscriptionRules.DueOf(Sub(SubscriptionStatus.Lapsed, Start)));
        Assert.False(SubscriptionRules.IsLive(SubscriptionStatus.Lapsed));
        Assert.False(SubscriptionRules.IsLive(SubscriptionStatus.Inactive));
    }
}
