using System.Net;
using Steward.Functional.Infrastructure;

namespace Steward.Functional.Spreedly;

/// <summary>
/// <c>active</c>, <c>active-until</c>, <c>on-trial</c>, <c>recurring</c>, <c>in-grace-period</c>,
/// <c>grace-until</c> and <c>ready-to-renew</c> as the server's fake clock moves across the end of a
/// period and of the grace period (3 days by default). The tests of a class run one after another, and each
/// measures from its own subscriptions, so they share the server and its clock.
/// </summary>
public sealed class SpreedlyTimeTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task A_free_trial_ends_and_the_subscriber_is_inactive_and_not_eligible_again()
    {
        var site = await factory.NewSiteAsync();
        var (plan, _) = await site.NewTrialPlanAsync(days: 14);
        var id = SpreedlyKit.NewCustomerId();
        await site.Client.CreateSubscriberAsync(id, "jack");
        var trial = await site.Client.SubscribeAsync(id, plan);
        var end = trial.ActiveUntil!.Value;
        Assert.InRange(end - factory.Time.GetUtcNow(), TimeSpan.FromDays(14) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(14));

        factory.Time.Advance(TimeSpan.FromDays(13));
        Assert.True((await site.Client.GetInfoAsync(id)).OnTrial);

        factory.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(5));
        using var raw = await site.SendAsync(HttpMethod.Get, $"subscribers/{id}.xml");
        var body = await raw.ExpectXmlAsync(HttpStatusCode.OK);
        Assert.Contains("  <active type=\"boolean\">false</active>\n", body, StringComparison.Ordinal);
        Assert.Contains("  <on-trial type=\"boolean\">false</on-trial>\n", body, StringComparison.Ordinal);
        Assert.Contains("  <eligible-for-free-trial type=\"boolean\">false</eligible-for-free-trial>\n", body, StringComparison.Ordinal);
        Assert.Contains($"  <active-until type=\"datetime\">{SpreedlyKit.Value(body, "active-until")}</active-until>\n", body, StringComparison.Ordinal);
        Assert.Equal(end, SpreedlyKit.Time(body, "active-until"));
        Assert.Contains("  <feature-level type=\"string\"></feature-level>\n", body, StringComparison.Ordinal);

        // The background worker stored the lapse with its event, actor system.
        var lapsed = await WaitForAsync(site, "subscription.lapsed");
        Assert.Equal("system", lapsed.GetProperty("actor_id").GetString());
        Assert.Equal("trial_ended", lapsed.GetProperty("data").GetProperty("reason").GetString());
    }

    [StewardFact]
    public async Task A_due_renewal_waits_in_grace_then_lapses()
    {
        var site = await factory.NewSiteAsync();
        var (plan, _) = await site.NewPaidPlanAsync(new() { ["price"] = "5", ["duration_quantity"] = 10, ["duration_units"] = "days" });
        var id = SpreedlyKit.NewCustomerId();
        await site.Client.CreateSubscriberAsync(id, "jack");
        await site.SubscribeNativelyAsync(id, plan);
        var active = await site.Client.GetInfoAsync(id);
        Assert.True(active.Active);
        Assert.True(active.Recurring);
        Assert.False(active.ReadyToRenew);
        var end = active.ActiveUntil!.Value;

        factory.Time.Advance(end - factory.Time.GetUtcNow() + TimeSpan.FromHours(1));
        using (var raw = await site.SendAsync(HttpMethod.Get, $"subscribers/{id}.xml"))
        {
            var body = await raw.ExpectXmlAsync(HttpStatusCode.OK);
            Assert.Contains("  <active type=\"boolean\">true</active>\n", body, StringComparison.Ordinal);
            Assert.Contains("  <in-grace-period type=\"boolean\">true</in-grace-period>\n", body, StringComparison.Ordinal);
            Assert.Contains("  <ready-to-renew type=\"boolean\">true</ready-to-renew>\n", body, StringComparison.Ordinal);
            Assert.Equal(end, SpreedlyKit.Time(body, "ready-to-renew-since"));
            Assert.Equal(end.AddDays(3), SpreedlyKit.Time(body, "grace-until"));
            Assert.Matches(SpreedlyKit.TimeFormat(), SpreedlyKit.Value(body, "grace-until"));
        }

        factory.Time.Advance(TimeSpan.FromDays(3));
        var lapsed = await site.Client.GetInfoAsync(id);
        Assert.False(lapsed.Active);
        Assert.False(lapsed.InGracePeriod);
        Assert.False(lapsed.ReadyToRenew);
        Assert.False(lapsed.Recurring);
        Assert.Null(lapsed.GraceUntil);
        Assert.Equal(HttpStatusCode.Forbidden, (await site.Client.ComplimentaryTimeExtensionsAsync(id, 7, "days")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await site.Client.CreateComplimentarySubscriptionAsync(id, 7, "days", "Pro")).StatusCode);
        Assert.True((await site.Client.GetInfoAsync(id)).Active);
    }

    [StewardFact]
    public async Task An_extension_in_grace_forgives_the_renewal_and_store_credit_pays_one()
    {
        var site = await factory.NewSiteAsync();
        var (plan, _) = await site.NewPaidPlanAsync(new() { ["price"] = "5", ["duration_quantity"] = 10, ["duration_units"] = "days" });
        var late = SpreedlyKit.NewCustomerId();
        var saver = late + 1;
        await site.Client.CreateSubscriberAsync(late, "jack");
        await site.Client.CreateSubscriberAsync(saver, "kim");
        await site.SubscribeNativelyAsync(late, plan);
        await site.SubscribeNativelyAsync(saver, plan);
        Assert.Equal(HttpStatusCode.Created, (await site.Client.AddCreditAsync(saver, 12m)).StatusCode);
        var end = (await site.Client.GetInfoAsync(late)).ActiveUntil!.Value;

        factory.Time.Advance(end - factory.Time.GetUtcNow() + TimeSpan.FromHours(1));
        Assert.True((await site.Client.GetInfoAsync(late)).InGracePeriod);
        Assert.Equal(HttpStatusCode.Created, (await site.Client.ComplimentaryTimeExtensionsAsync(late, 7, "days")).StatusCode);
        var extended = await site.Client.GetInfoAsync(late);
        Assert.False(extended.InGracePeriod);
        Assert.True(extended.Active);
        Assert.Equal(end.AddDays(7), extended.ActiveUntil);

        var paid = await site.Client.GetInfoAsync(saver);
        Assert.False(paid.InGracePeriod);
        Assert.Equal(end.AddDays(10), paid.ActiveUntil);
        Assert.Equal(7m, paid.StoreCredit);
    }

    [StewardFact]
    public async Task Complimentary_time_ends_and_a_lifetime_subscription_never_does()
    {
        var site = await factory.NewSiteAsync();
        var gift = SpreedlyKit.NewCustomerId();
        var forever = gift + 1;
        await site.Client.CreateSubscriberAsync(gift, "jack");
        await site.Client.CreateSubscriberAsync(forever, "kim");
        await site.Client.CreateComplimentarySubscriptionAsync(gift, 1, "months", "Pro");
        await site.Client.CreateLifetimeComplimentarySubscriptionAsync(forever, "Gold");

        factory.Time.Advance(TimeSpan.FromDays(40));
        var ended = await site.Client.GetInfoAsync(gift);
        Assert.False(ended.Active);
        Assert.False(ended.OnGift);
        var lifetime = await site.Client.GetInfoAsync(forever);
        Assert.True(lifetime.Active);
        Assert.True(lifetime.LifetimeSubscription);
        Assert.Null(lifetime.ActiveUntil);
        Assert.Equal("Gold", lifetime.FeatureLevel);
    }

    private static async Task<System.Text.Json.JsonElement> WaitForAsync(SpreedlySite site, string type)
    {
        for (var i = 0; i < 100; i++)
        {
            var found = await site.EventsAsync(type);
            if (found.Count > 0)
            {
                return found[0];
            }

            // The worker runs every 30 s of the fake clock; nudge it along.
            site.Factory.Time.Advance(TimeSpan.FromSeconds(30));
            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"no {type} event arrived");
    }
}
