using System.Net;
using System.Net.Http.Json;
using Steward.Client.Spreedly;
using Steward.Functional.Infrastructure;

namespace Steward.Functional.Spreedly;

/// <summary>Every call of the contract through the SDK (<see cref="SpreedlyClient"/>, seed 004's functions), over real HTTP.</summary>
public sealed class SpreedlyCallTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task Subscribers_are_created_read_listed_and_created_once()
    {
        var site = await factory.NewSiteAsync();
        var client = site.Client;
        var id = SpreedlyKit.NewCustomerId();

        var created = await client.CreateSubscriberAsync(id, "jack");
        Assert.Equal(id, created.CustomerId);
        Assert.Equal("jack", created.ScreenName);
        Assert.Null(created.Email);
        Assert.True(created.EligibleForFreeTrial);
        Assert.False(created.Active);
        Assert.Equal(35, created.Fields.Count);

        // create_subscriber falls back to get_info on the 403 "already exists".
        var again = await client.CreateSubscriberAsync(id, "someone else");
        Assert.Equal("jack", again.ScreenName);
        Assert.Equal(created.Token, again.Token);
        Assert.NotNull(again.Invoices);

        var info = await client.GetInfoAsync(id);
        Assert.Equal(created.Token, info.Token);
        Assert.Empty(info.Invoices!);

        var missing = await Assert.ThrowsAsync<SpreedlyException>(() => client.GetInfoAsync(id + 1));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var made = await client.GetOrCreateSubscriberAsync(id + 1, "kim");
        Assert.Equal("kim", made.ScreenName);
        Assert.Equal("kim", (await client.GetOrCreateSubscriberAsync(id + 1, "ignored")).ScreenName);

        var all = await client.GetSubscribersAsync();
        Assert.Equal([id, id + 1], all.Select(s => s.CustomerId));
        Assert.Equal([1L, 2L], all.Select(s => s.PaginationId!.Value));
    }

    [StewardFact]
    public async Task Set_info_changes_the_given_fields_and_the_customer_id_unless_taken()
    {
        var site = await factory.NewSiteAsync();
        var client = site.Client;
        var id = SpreedlyKit.NewCustomerId();
        var other = id + 7;
        await client.CreateSubscriberAsync(id, "jack");
        await client.CreateSubscriberAsync(other, "chloe");

        var status = await client.SetInfoAsync(id, new Dictionary<string, string?>
        {
            ["email"] = "jack@bauer.com",
            ["screen_name"] = "jb",
            ["billing_first_name"] = "Jack",
            ["some_unknown_kwarg"] = "ignored",
        });
        Assert.Equal(HttpStatusCode.OK, status);
        var info = await client.GetInfoAsync(id);
        Assert.Equal("jack@bauer.com", info.Email);
        Assert.Equal("jb", info.ScreenName);
        Assert.Equal("Jack", info.BillingFirstName);

        // Dashes work as well as underscores; the customer id moves with new-customer-id.
        var renamed = id + 1000;
        using (var moved = await site.SendAsync(HttpMethod.Put, $"subscribers/{id}.xml", $"<subscriber><new-customer-id>{renamed}</new-customer-id></subscriber>"))
        {
            await moved.ExpectEmptyAsync(HttpStatusCode.OK);
        }

        Assert.Equal("jb", (await client.GetInfoAsync(renamed)).ScreenName);
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<SpreedlyException>(() => client.GetInfoAsync(id))).StatusCode);

        using (var taken = await site.SendAsync(HttpMethod.Put, $"subscribers/{renamed}.xml", $"<subscriber><new_customer_id>{other}</new_customer_id></subscriber>"))
        {
            await taken.ExpectTextAsync(HttpStatusCode.Forbidden, $"A subscriber with a customer-id of {other} already exists.");
        }

        Assert.Equal("chloe", (await client.GetInfoAsync(other)).ScreenName);
        Assert.Equal(HttpStatusCode.NotFound, await client.SetInfoAsync(id, new Dictionary<string, string?> { ["email"] = "x@example.com" }));

        // An empty element clears a field.
        await client.SetInfoAsync(renamed, new Dictionary<string, string?> { ["email"] = "" });
        Assert.Null((await client.GetInfoAsync(renamed)).Email);
    }

    [StewardFact]
    public async Task A_free_trial_is_once_unless_allowed_again()
    {
        var site = await factory.NewSiteAsync();
        var client = site.Client;
        var (trialPlan, _) = await site.NewTrialPlanAsync(days: 14);
        var (paidPlan, _) = await site.NewPaidPlanAsync();
        var id = SpreedlyKit.NewCustomerId();
        await client.CreateSubscriberAsync(id, "jack");

        var notTrial = await Assert.ThrowsAsync<SpreedlyException>(() => client.SubscribeAsync(id, paidPlan));
        Assert.Equal(HttpStatusCode.Forbidden, notTrial.StatusCode);
        Assert.Equal("The subscription plan must be a free trial plan.", notTrial.Body);

        var onTrial = await client.SubscribeAsync(id, trialPlan);
        Assert.True(onTrial.OnTrial);
        Assert.True(onTrial.Active);
        Assert.False(onTrial.EligibleForFreeTrial);
        Assert.False(onTrial.Recurring);
        Assert.Equal("Trial", onTrial.FeatureLevel);
        Assert.Equal("Standard", onTrial.SubscriptionPlanName);
        Assert.Equal(35, onTrial.Fields.Count);

        var twice = await Assert.ThrowsAsync<SpreedlyException>(() => client.SubscribeAsync(id, trialPlan));
        Assert.Equal(HttpStatusCode.Forbidden, twice.StatusCode);
        Assert.Equal("The subscriber is not eligible for a free trial", twice.Body);

        var allowed = await client.AllowFreeTrialAsync(id);
        Assert.True(allowed.EligibleForFreeTrial);

        // Allowed again, but still on the first trial: a free trial is for inactive subscribers.
        var active = await Assert.ThrowsAsync<SpreedlyException>(() => client.SubscribeAsync(id, trialPlan));
        Assert.Equal(HttpStatusCode.Forbidden, active.StatusCode);

        using var native = await site.NativeAsync();
        using (var disabled = await native.PatchAsync(new Uri($"/api/v1/plans/{trialPlan}", UriKind.Relative), JsonContent.Create(new { enabled = false })))
        {
            Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        }

        var other = id + 1;
        await client.CreateSubscriberAsync(other, "kim");
        var unavailable = await Assert.ThrowsAsync<SpreedlyException>(() => client.SubscribeAsync(other, trialPlan));
        Assert.Equal(HttpStatusCode.Forbidden, unavailable.StatusCode);
        Assert.Equal("The subscription plan is temporarily unavailable for purchase. Please try again later.", unavailable.Body);
    }

    [StewardFact]
    public async Task Complimentary_time_is_for_inactive_subscribers_and_extensions_for_active_ones()
    {
        var site = await factory.NewSiteAsync();
        var client = site.Client;
        var id = SpreedlyKit.NewCustomerId();
        await client.CreateSubscriberAsync(id, "jack");

        var inactive = await client.ComplimentaryTimeExtensionsAsync(id, 7, "days");
        Assert.Equal(HttpStatusCode.Forbidden, inactive.StatusCode);
        Assert.Equal("Complimentary subscriptions cannot be given to inactive subscribers.", inactive.Body);

        var given = await client.CreateComplimentarySubscriptionAsync(id, 2, "months", "Pro");
        Assert.Equal(HttpStatusCode.Created, given.StatusCode);
        Assert.Contains("<on-gift type=\"boolean\">true</on-gift>", given.Body, StringComparison.Ordinal);
        var info = await client.GetInfoAsync(id);
        Assert.True(info.Active);
        Assert.True(info.OnGift);
        Assert.Equal("Pro", info.FeatureLevel);
        var until = info.ActiveUntil!.Value;

        var active = await client.CreateComplimentarySubscriptionAsync(id, 1, "months", "Pro");
        Assert.Equal(HttpStatusCode.Forbidden, active.StatusCode);
        Assert.Equal("Complimentary subscriptions cannot be given to active subscribers.", active.Body);

        var extended = await client.ComplimentaryTimeExtensionsAsync(id, 7, "days");
        Assert.Equal(HttpStatusCode.Created, extended.StatusCode);
        Assert.Equal(until.AddDays(7), (await client.GetInfoAsync(id)).ActiveUntil);

        var lifetime = await client.CreateLifetimeComplimentarySubscriptionAsync(id, "Gold");
        Assert.Equal(HttpStatusCode.Created, lifetime.StatusCode);
        info = await client.GetInfoAsync(id);
        Assert.True(info.LifetimeSubscription);
        Assert.Null(info.ActiveUntil);
        Assert.Equal("Gold", info.FeatureLevel);

        using var blank = await site.SendAsync(HttpMethod.Post, $"subscribers/{id}/lifetime_complimentary_subscriptions.xml",
            "<lifetime-complimentary-subscription><feature-level></feature-level></lifetime-complimentary-subscription>");
        await blank.ExpectErrorsAsync(HttpStatusCode.UnprocessableEntity, "Feature level can't be blank");
    }

    [StewardFact]
    public async Task Complimentary_validation_answers_plain_text_one_error_a_line()
    {
        var site = await factory.NewSiteAsync();
        var id = SpreedlyKit.NewCustomerId();
        await site.CreateRawAsync(id);
        using var invalid = await site.SendAsync(HttpMethod.Post, $"subscribers/{id}/complimentary_subscriptions.xml",
            "<complimentary-subscription><duration-units>weeks</duration-units></complimentary-subscription>");
        await invalid.ExpectTextAsync(HttpStatusCode.UnprocessableEntity, "Duration quantity can't be blank\nDuration units must be either 'days' or 'months'");

        using var notANumber = await site.SendAsync(HttpMethod.Post, $"subscribers/{id}/complimentary_time_extensions.xml",
            "<complimentary_time_extension><duration_quantity>seven</duration_quantity><duration_units>days</duration_units></complimentary_time_extension>");
        await notANumber.ExpectTextAsync(HttpStatusCode.UnprocessableEntity, "Duration quantity is not a number");
    }

    [StewardFact]
    public async Task Fees_only_on_active_recurring_subscribers_and_they_show_on_an_open_invoice()
    {
        var site = await factory.NewSiteAsync();
        var client = site.Client;
        var (trialPlan, _) = await site.NewTrialPlanAsync();
        var (paidPlan, _) = await site.NewPaidPlanAsync();
        var trial = SpreedlyKit.NewCustomerId();
        await client.CreateSubscriberAsync(trial, "jack");

        // As pyspreedly's own test: a subscriber on a free trial takes no fee.
        var inactive = await client.AddFeeAsync(trial, "Bandwidth", "Excess bandwidth", "usage", 2.5m);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, inactive.StatusCode);
        Assert.Contains("<error>Fees can only be added to active subscribers.</error>", inactive.Body, StringComparison.Ordinal);
        await client.SubscribeAsync(trial, trialPlan);
        var onTrial = await client.AddFeeAsync(trial, "Bandwidth", "Excess bandwidth", "usage", 2.5m);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, onTrial.StatusCode);
        Assert.Contains("recurring", onTrial.Body, StringComparison.Ordinal);

        // A recurring subscriber: subscribed through the native API (Steward takes no payments).
        var payer = trial + 1;
        var created = await client.CreateSubscriberAsync(payer, "kim");
        await site.SubscribeNativelyAsync(payer, paidPlan);

        var fee = await client.AddFeeAsync(payer, "Bandwidth", "Excess bandwidth", "usage", 2.5m);
        Assert.Equal(HttpStatusCode.Created, fee.StatusCode);
        Assert.Equal("", fee.Body);
        Assert.Equal(HttpStatusCode.Created, (await client.AddFeeAsync(payer, "Support", "Phone support", "services", 10m)).StatusCode);
        var invoice = Assert.Single((await client.GetInfoAsync(payer)).Invoices!);
        Assert.False(invoice.Closed);
        Assert.Equal(12.5m, invoice.Amount);
        Assert.Equal("$12.50", invoice.Price);
        Assert.Equal(["Bandwidth", "Support"], invoice.LineItems.Select(l => l.Description));
        Assert.Equal("$2.50", invoice.LineItems[0].Price);

        using var raw = await site.SendAsync(HttpMethod.Get, $"subscribers/{payer}.xml");
        var body = await raw.ExpectXmlAsync(HttpStatusCode.OK);
        Assert.Contains("""
              <invoices type="array">
                <invoice>
                  <closed type="boolean">false</closed>
            """.Replace("\r", "", StringComparison.Ordinal), body, StringComparison.Ordinal);
        Assert.Contains("      <response-message nil=\"true\"></response-message>\n      <line-items type=\"array\">\n        <line-item>\n          <amount type=\"decimal\">2.5</amount>\n", body, StringComparison.Ordinal);
        Assert.NotNull(created.Token);

        var zero = await client.AddFeeAsync(payer, "Nothing", "", "", 0m);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, zero.StatusCode);
    }

    [StewardFact]
    public async Task Store_credit_never_goes_below_zero()
    {
        var site = await factory.NewSiteAsync();
        var client = site.Client;
        var id = SpreedlyKit.NewCustomerId();
        await client.CreateSubscriberAsync(id, "jack");
        Assert.Equal(HttpStatusCode.Created, (await client.AddCreditAsync(id, 10m)).StatusCode);
        Assert.Equal(10m, (await client.GetInfoAsync(id)).StoreCredit);

        var below = await site.SendAsync(HttpMethod.Post, $"subscribers/{id}/credits.xml", "<credit><amount>-10.01</amount></credit>");
        await below.ExpectErrorsAsync(HttpStatusCode.UnprocessableEntity,
            "Amount is invalid. The total store credit for a subscriber must be greater than or equal to 0.");
        Assert.Equal(HttpStatusCode.Created, (await client.AddCreditAsync(id, -10m)).StatusCode);
        var info = await client.GetInfoAsync(id);
        Assert.Equal(0m, info.StoreCredit);
        Assert.Contains("<store-credit type=\"decimal\">0.0</store-credit>", (await (await site.SendAsync(HttpMethod.Get, $"subscribers/{id}.xml")).Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [StewardFact]
    public async Task Change_plan_and_stop_auto_renew()
    {
        var site = await factory.NewSiteAsync();
        var client = site.Client;
        var (trialPlan, _) = await site.NewTrialPlanAsync();
        var (gold, _) = await site.NewPaidPlanAsync(new() { ["name"] = "Gold", ["feature_level"] = "Gold", ["price"] = "49" });
        var id = SpreedlyKit.NewCustomerId();
        await client.CreateSubscriberAsync(id, "jack");

        var inactive = await Assert.ThrowsAsync<SpreedlyException>(() => client.ChangePlanAsync(id, gold));
        Assert.Equal(HttpStatusCode.Forbidden, inactive.StatusCode);
        var unknown = await Assert.ThrowsAsync<SpreedlyException>(() => client.ChangePlanAsync(id + 1, gold));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        await client.SubscribeAsync(id, trialPlan);
        Assert.Equal(HttpStatusCode.OK, await client.ChangePlanAsync(id, gold));
        var info = await client.GetInfoAsync(id);
        Assert.Equal("Gold", info.SubscriptionPlanName);
        Assert.Equal("Gold", info.FeatureLevel);
        Assert.True(info.Recurring);

        Assert.Equal(HttpStatusCode.OK, await client.StopAutoRenewAsync(id));
        Assert.False((await client.GetInfoAsync(id)).Recurring);

        // POST is answered too, with the manual's underscore root.
        using var post = await site.SendAsync(HttpMethod.Post, $"subscribers/{id}/change_subscription_plan.xml", $"<subscription-plan><id>{gold}</id></subscription-plan>");
        await post.ExpectEmptyAsync(HttpStatusCode.OK);
    }

    [StewardFact]
    public async Task Deletes_work_on_test_sites_only()
    {
        var live = await factory.NewSiteAsync();
        var id = SpreedlyKit.NewCustomerId();
        await live.Client.CreateSubscriberAsync(id, "jack");
        Assert.Equal(HttpStatusCode.Forbidden, await live.Client.DeleteSubscriberAsync(id));
        Assert.Equal(HttpStatusCode.Forbidden, await live.Client.CleanupAsync());
        using (var refused = await live.SendAsync(HttpMethod.Delete, "subscribers.xml"))
        {
            await refused.ExpectTextAsync(HttpStatusCode.Forbidden, "Subscribers can only be deleted on test sites.");
        }

        Assert.Equal("jack", (await live.Client.GetInfoAsync(id)).ScreenName);

        var test = await factory.NewSiteAsync(test: true);
        await test.Client.CreateSubscriberAsync(id, "jack");
        await test.Client.CreateSubscriberAsync(id + 1, "kim");
        await test.Client.CreateSubscriberAsync(id + 2, "chloe");
        Assert.Equal(HttpStatusCode.OK, await test.Client.DeleteSubscriberAsync(id));
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<SpreedlyException>(() => test.Client.GetInfoAsync(id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, await test.Client.DeleteSubscriberAsync(id));

        Assert.Equal(HttpStatusCode.OK, await test.Client.CleanupAsync());
        Assert.Empty(await test.Client.GetSubscribersAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<SpreedlyException>(() => test.Client.GetInfoAsync(id + 2))).StatusCode);
        Assert.Equal(3, (await test.EventsAsync("subscriber.deleted")).Count);
        Assert.Equal(3, (await test.EventsAsync("user.deleted")).Count);

        // The live site's subscriber with the same customer id is untouched.
        Assert.Equal("jack", (await live.Client.GetInfoAsync(id)).ScreenName);
    }

    [StewardFact]
    public async Task The_sign_up_url_has_the_forms_pyspreedly_built()
    {
        var site = await factory.NewSiteAsync();
        Assert.Equal($"{site.Slug}/subscribers/42/subscribe/7/jack%20b", site.Client.GetSignupUrl(42, 7, "jack b"));
        Assert.Equal($"{site.Slug}/subscribers/42/abc/subscribe/7", site.Client.GetSignupUrl(42, 7, "jack", "abc"));
    }
}
