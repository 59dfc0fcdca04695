using System.Net;
using System.Text.Json;
using Steward.Functional.Infrastructure;
using Steward.Functional.Native;

namespace Steward.Functional.Catalog;

/// <summary>
/// What time does to subscriptions, with the server's fake clock: reads show it at once, and the
/// background worker stores it with its events (actor <c>system</c>) with no request needed.
/// Advancing the clock expires every token, so each step signs in again.
/// </summary>
public sealed class SubscriptionTimeTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task A_due_renewal_waits_in_grace_is_renewed_when_paid_and_lapses_when_not()
    {
        var account = await factory.NewAccountAsync();
        var http = factory.ClientWithToken(account.Token);
        var plan = await http.NewPlanAsync(new() { ["price"] = "24.00" });
        var payer = (await http.NewUserAsync()).Str("id");
        var sleeper = (await http.NewUserAsync()).Str("id");
        var paid = await http.SubscribeAsync(payer, plan.Str("uid"));
        await http.SubscribeAsync(sleeper, plan.Str("uid"));
        var end = paid.Time("active_until");

        factory.Time.Advance(end - factory.Time.GetUtcNow() + TimeSpan.FromHours(1));
        http = await SignInAsync(account);
        var due = await http.GetOkAsync("/api/v1/subscriptions/" + paid.Str("id"));
        Assert.Equal("in_grace", due.Str("status"));
        Assert.True(due.Flag("active"));
        Assert.True(due.Flag("in_grace_period"));
        Assert.True(due.Flag("ready_to_renew"));
        Assert.Equal(end, due.Time("ready_to_renew_since"));
        Assert.Equal(end.AddDays(3), due.Time("grace_until"));
        Assert.Equal(24m, due.Money("pending_amount"));
        Assert.Equal("USD", due.Str("pending_currency_code"));

        var dueEvent = await WaitForEventAsync(http, "subscription.renewal_due", paid.Str("id"));
        Assert.Equal("system", dueEvent.Str("actor_id"));
        Assert.Equal(24m, dueEvent.GetProperty("data").Money("pending_amount"));

        var renewed = await http.ActOkAsync(payer, "renewal");
        Assert.Equal("active", renewed.Str("status"));
        Assert.Equal(end.AddMonths(1), renewed.Time("active_until"));
        Assert.False(renewed.Flag("ready_to_renew"));
        Assert.Equal(JsonValueKind.Null, renewed.GetProperty("pending_amount").ValueKind);
        var renewal = (await http.EventsAsync()).Last(e => e.Str("type") == "subscription.renewed");
        Assert.Equal("payment", renewal.GetProperty("data").Str("paid_by"));
        Assert.Equal(24m, renewal.GetProperty("data").Money("amount"));

        // The other never pays: at the end of grace it lapses, by the worker.
        factory.Time.Advance(TimeSpan.FromDays(3));
        http = await SignInAsync(account);
        var lapsed = await WaitForEventAsync(http, "subscription.lapsed", null, e => e.GetProperty("data").Str("user_id") == sleeper);
        Assert.Equal("unpaid", lapsed.GetProperty("data").Str("reason"));
        var gone = Assert.Single((await http.GetOkAsync($"/api/v1/users/{sleeper}/subscriptions")).Items());
        Assert.Equal("lapsed", gone.Str("status"));
        Assert.False(gone.Flag("active"));
        Assert.False(gone.Flag("recurring"));
        Assert.Equal("active", (await http.GetOkAsync("/api/v1/subscriptions/" + paid.Str("id"))).Str("status"));

        // A lapsed user may be given time, and subscribe again later.
        var gift = await http.ActOkAsync(sleeper, "complimentary", new { duration_quantity = 5, duration_units = "days" });
        Assert.Equal("complimentary", gift.Str("status"));
        http.Dispose();
    }

    [StewardFact]
    public async Task Free_plans_renew_by_themselves_and_store_credit_pays_a_renewal()
    {
        var account = await factory.NewAccountAsync();
        var http = factory.ClientWithToken(account.Token);
        var free = await http.NewPlanAsync(new() { ["price"] = 0, ["duration_quantity"] = 10, ["duration_units"] = "days" });
        var paid = await http.NewPlanAsync(new() { ["price"] = 5, ["duration_quantity"] = 10, ["duration_units"] = "days" });
        var freeUser = (await http.NewUserAsync()).Str("id");
        var creditUser = (await http.NewUserAsync()).Str("id");
        var onFree = await http.SubscribeAsync(freeUser, free.Str("uid"));
        await http.ActOkAsync(creditUser, "credits", new { amount = 12 });
        var onPaid = await http.SubscribeAsync(creditUser, paid.Str("uid"));

        factory.Time.Advance(TimeSpan.FromDays(10.5));
        http = await SignInAsync(account);
        var renewedFree = await WaitForEventAsync(http, "subscription.renewed", onFree.Str("id"));
        Assert.Equal("free", renewedFree.GetProperty("data").Str("paid_by"));
        var renewedPaid = await WaitForEventAsync(http, "subscription.renewed", onPaid.Str("id"));
        Assert.Equal("store_credit", renewedPaid.GetProperty("data").Str("paid_by"));

        var after = await http.GetOkAsync("/api/v1/subscriptions/" + onPaid.Str("id"));
        Assert.Equal("active", after.Str("status"));
        Assert.Equal(7m, after.Money("store_credit"));
        Assert.Equal(onPaid.Time("active_until").AddDays(10), after.Time("active_until"));
        Assert.Equal(onFree.Time("active_until").AddDays(10), (await http.GetOkAsync("/api/v1/subscriptions/" + onFree.Str("id"))).Time("active_until"));
        http.Dispose();
    }

    [StewardFact]
    public async Task A_trial_ends_and_a_stopped_subscription_lapses_at_the_end_of_its_period()
    {
        var account = await factory.NewAccountAsync();
        var http = factory.ClientWithToken(account.Token);
        var trialPlan = await http.NewFreeTrialPlanAsync(days: 7);
        var plan = await http.NewPlanAsync(new() { ["duration_quantity"] = 7, ["duration_units"] = "days" });
        var trialUser = (await http.NewUserAsync()).Str("id");
        var stopper = (await http.NewUserAsync()).Str("id");
        var trial = await http.ActOkAsync(trialUser, "free-trial", new { plan_id = trialPlan.Str("uid") });
        var stopped = await http.SubscribeAsync(stopper, plan.Str("uid"));
        await http.ActOkAsync(stopper, "stop-auto-renew");

        factory.Time.Advance(TimeSpan.FromDays(7.1));
        http = await SignInAsync(account);
        var trialEnd = await WaitForEventAsync(http, "subscription.lapsed", trial.Str("id"));
        Assert.Equal("trial_ended", trialEnd.GetProperty("data").Str("reason"));
        var stopEnd = await WaitForEventAsync(http, "subscription.lapsed", stopped.Str("id"));
        Assert.Equal("not_recurring", stopEnd.GetProperty("data").Str("reason"));

        var read = await http.GetOkAsync("/api/v1/subscriptions/" + trial.Str("id"));
        Assert.Equal("lapsed", read.Str("status"));
        Assert.False(read.Flag("eligible_for_free_trial"));
        await http.ActRefusedAsync(trialUser, "free-trial", "not_eligible_for_free_trial", new { plan_id = trialPlan.Str("uid") });
        await http.ActRefusedAsync(trialUser, "extension", "subscriber_inactive", new { duration_quantity = 1, duration_units = "days" });

        // Subscribing again after a lapse reuses the user's subscription.
        var back = await http.SubscribeAsync(stopper, plan.Str("uid"));
        Assert.Equal(stopped.Str("id"), back.Str("id"));
        Assert.Equal("active", back.Str("status"));
        http.Dispose();
    }

    private async Task<HttpClient> SignInAsync(TestAccount account) =>
        factory.ClientWithToken(await factory.CreateClient().TokenAsync(account.ApiKey, account.ApiSecret));

    /// <summary>Polls the event log (the worker runs in the background) until an event of the type shows.</summary>
    private static async Task<JsonElement> WaitForEventAsync(HttpClient http, string type, string? subjectId, Func<JsonElement, bool>? match = null)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var found = (await http.EventsAsync()).FirstOrDefault(e =>
                e.Str("type") == type && (subjectId is null || e.Str("subject_id") == subjectId) && (match is null || match(e)));
            if (found.ValueKind != JsonValueKind.Undefined)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException($"No {type} event for {subjectId} within 10 seconds.");
    }
}
