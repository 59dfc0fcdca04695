using System.Net;
using System.Text.Json;
using Steward.Functional.Infrastructure;
using Steward.Functional.Native;

namespace Steward.Functional.Catalog;

/// <summary>Users' subscriptions: subscribing, trials, gifts, extensions, lifetime, plan changes, store credit.</summary>
public sealed class SubscriptionsTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task Subscribing_starts_one_period_of_the_plan_and_reads_back_everywhere()
    {
        using var a = await factory.NewTenantAsync();
        var plan = await a.Http.NewPlanAsync();
        var userId = (await a.Http.NewUserAsync()).Str("id");
        var before = factory.Time.GetUtcNow();

        using var response = await a.Http.PostJsonAsync($"/api/v1/users/{userId}/subscriptions", new { plan_id = plan.GetProperty("id").GetInt64() });
        var sub = await response.ExpectJsonAsync(HttpStatusCode.Created);
        var id = sub.Str("id");
        Assert.StartsWith("sub-", id, StringComparison.Ordinal);
        Assert.Equal("/api/v1/subscriptions/" + id, response.Headers.Location?.OriginalString);
        Assert.Equal(userId, sub.Str("user_id"));
        Assert.Equal(a.Id, sub.Str("account_id"));
        Assert.Equal("active", sub.Str("status"));
        Assert.True(sub.Flag("active"));
        Assert.False(sub.Flag("on_trial"));
        Assert.True(sub.Flag("recurring"));
        Assert.True(sub.Flag("eligible_for_free_trial"));
        Assert.Equal(plan.GetProperty("id").GetInt64(), sub.GetProperty("plan_id").GetInt64());
        Assert.Equal(plan.Str("uid"), sub.Str("plan_uid"));
        Assert.Equal("Standard", sub.Str("plan_name"));
        Assert.Equal(1, sub.Number("plan_version"));
        Assert.Equal("Pro", sub.Str("feature_level"));
        Assert.InRange(sub.Time("active_until"), before.AddMonths(1), factory.Time.GetUtcNow().AddMonths(1));
        Assert.Equal(0m, sub.Money("store_credit"));

        Assert.Equal(sub.GetRawText(), (await a.Http.GetOkAsync("/api/v1/subscriptions/" + id)).GetRawText());
        Assert.Equal(id, Assert.Single((await a.Http.GetOkAsync($"/api/v1/users/{userId}/subscriptions")).Items()).Str("id"));
        Assert.Contains(id, (await a.Http.ListAllAsync("/api/v1/subscriptions")).Select(s => s.Str("id")));

        // The user reads its own subscription; subscribing again is refused.
        using var user = factory.ClientWithToken(await a.Http.MintUserTokenAsync(userId));
        Assert.Equal(id, (await user.GetOkAsync("/api/v1/subscriptions/" + id)).Str("id"));
        using var again = await a.Http.PostJsonAsync($"/api/v1/users/{userId}/subscriptions", new { plan_id = plan.Str("uid") });
        Assert.Equal("already_subscribed", (await again.ExpectProblemAsync(HttpStatusCode.Conflict, "conflict")).Str("reason"));

        var types = (await a.Http.EventsAsync()).Where(e => e.Str("subject_id") == id).Select(e => e.Str("type")).ToList();
        Assert.Equal(["subscription.created", "subscription.subscribed"], types);
    }

    [StewardFact]
    public async Task Trial_days_start_a_trial_once_and_subscriptions_keep_the_version_they_bought()
    {
        using var a = await factory.NewTenantAsync();
        var plan = await a.Http.NewPlanAsync(new() { ["trial_days"] = 30 });
        var first = (await a.Http.NewUserAsync()).Str("id");
        var sub = await a.Http.SubscribeAsync(first, plan.Str("uid"));
        Assert.Equal("trial", sub.Str("status"));
        Assert.True(sub.Flag("on_trial"));
        Assert.True(sub.Flag("recurring"));
        Assert.False(sub.Flag("eligible_for_free_trial"));
        Assert.InRange(sub.Time("active_until") - factory.Time.GetUtcNow(), TimeSpan.FromDays(29.9), TimeSpan.FromDays(30));

        using (var repriced = await a.Http.PatchJsonAsync("/api/v1/plans/" + plan.Str("uid"), new { price = 30 }))
        {
            Assert.Equal(2, (await repriced.ExpectJsonAsync(HttpStatusCode.OK)).Number("terms_version"));
        }

        Assert.Equal(1, (await a.Http.GetOkAsync("/api/v1/subscriptions/" + sub.Str("id"))).Number("plan_version"));
        var second = (await a.Http.NewUserAsync()).Str("id");
        Assert.Equal(2, (await a.Http.SubscribeAsync(second, plan.Str("uid"))).Number("plan_version"));
    }

    [StewardFact]
    public async Task A_free_trial_needs_a_free_trial_plan_that_is_enabled_and_an_eligible_user()
    {
        using var a = await factory.NewTenantAsync();
        var regular = await a.Http.NewPlanAsync();
        var trial = await a.Http.NewFreeTrialPlanAsync(days: 14);
        var disabled = await a.Http.NewPlanAsync(new() { ["plan_type"] = "free_trial", ["enabled"] = false });
        var userId = (await a.Http.NewUserAsync()).Str("id");

        await a.Http.ActRefusedAsync(userId, "free-trial", "plan_not_free_trial", new { plan_id = regular.Str("uid") });
        await a.Http.ActRefusedAsync(userId, "free-trial", "plan_disabled", new { plan_id = disabled.Str("uid") });
        using (var unknown = await a.Http.ActAsync(userId, "free-trial", new { plan_id = 999_999_999 }))
        {
            await unknown.ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
        }

        // Nothing was written by the refusals: the user still has no subscription.
        Assert.Empty((await a.Http.GetOkAsync($"/api/v1/users/{userId}/subscriptions")).Items());

        var sub = await a.Http.ActOkAsync(userId, "free-trial", new { plan_id = trial.GetProperty("id").GetInt64() });
        Assert.Equal("trial", sub.Str("status"));
        Assert.False(sub.Flag("recurring"));
        Assert.False(sub.Flag("eligible_for_free_trial"));
        Assert.Equal("Trial", sub.Str("feature_level"));
        Assert.InRange(sub.Time("active_until") - factory.Time.GetUtcNow(), TimeSpan.FromDays(13.9), TimeSpan.FromDays(14));

        await a.Http.ActRefusedAsync(userId, "free-trial", "not_eligible_for_free_trial", new { plan_id = trial.Str("uid") });
        var allowed = await a.Http.ActOkAsync(userId, "allow-free-trial");
        Assert.True(allowed.Flag("eligible_for_free_trial"));

        // Eligible again, but still on its trial: an active user cannot start another.
        await a.Http.ActRefusedAsync(userId, "free-trial", "already_subscribed", new { plan_id = trial.Str("uid") });
    }

    [StewardFact]
    public async Task Complimentary_time_is_for_inactive_users_and_extensions_for_active_ones()
    {
        using var a = await factory.NewTenantAsync();
        var plan = await a.Http.NewPlanAsync();
        var userId = (await a.Http.NewUserAsync()).Str("id");

        var inactiveExtension = await a.Http.ActRefusedAsync(userId, "extension", "subscriber_inactive", new { duration_quantity = 7, duration_units = "days" });
        Assert.Contains("active", inactiveExtension.Str("detail"), StringComparison.Ordinal);
        Assert.Empty((await a.Http.GetOkAsync($"/api/v1/users/{userId}/subscriptions")).Items());

        var gift = await a.Http.ActOkAsync(userId, "complimentary", new { duration_quantity = 2, duration_units = "months", feature_level = "Gold" });
        Assert.Equal("complimentary", gift.Str("status"));
        Assert.True(gift.Flag("on_gift"));
        Assert.True(gift.Flag("active"));
        Assert.False(gift.Flag("recurring"));
        Assert.Equal("Gold", gift.Str("feature_level"));
        var until = gift.Time("active_until");

        await a.Http.ActRefusedAsync(userId, "complimentary", "subscriber_active", new { duration_quantity = 1, duration_units = "days" });
        var extended = await a.Http.ActOkAsync(userId, "extension", new { duration_quantity = 7, duration_units = "days" });
        Assert.Equal(until.AddDays(7), extended.Time("active_until"));
        Assert.Equal("complimentary", extended.Str("status"));

        // A paid subscriber is extended too, and stays on its plan.
        var payer = (await a.Http.NewUserAsync()).Str("id");
        var paid = await a.Http.SubscribeAsync(payer, plan.Str("uid"));
        var longer = await a.Http.ActOkAsync(payer, "extension", new { duration_quantity = 1, duration_units = "months" });
        Assert.Equal(paid.Time("active_until").AddMonths(1), longer.Time("active_until"));
        Assert.Equal("active", longer.Str("status"));
    }

    [StewardFact]
    public async Task Lifetime_never_expires_and_cannot_be_extended_or_changed()
    {
        using var a = await factory.NewTenantAsync();
        var plan = await a.Http.NewPlanAsync();
        var userId = (await a.Http.NewUserAsync()).Str("id");
        await a.Http.SubscribeAsync(userId, plan.Str("uid"));

        var life = await a.Http.ActOkAsync(userId, "lifetime", new { feature_level = "Forever" });
        Assert.Equal("lifetime", life.Str("status"));
        Assert.True(life.Flag("lifetime"));
        Assert.True(life.Flag("active"));
        Assert.False(life.Flag("recurring"));
        Assert.Equal("Forever", life.Str("feature_level"));
        Assert.Equal(JsonValueKind.Null, life.GetProperty("active_until").ValueKind);

        await a.Http.ActRefusedAsync(userId, "extension", "lifetime", new { duration_quantity = 1, duration_units = "days" });
        await a.Http.ActRefusedAsync(userId, "change-plan", "lifetime", new { plan_id = plan.Str("uid") });
        await a.Http.ActRefusedAsync(userId, "renewal", "lifetime");

        using var blank = await a.Http.ActAsync(userId, "lifetime", new { feature_level = "" });
        await blank.ExpectValidationAsync("feature_level");
    }

    [StewardFact]
    public async Task Changing_plan_keeps_the_period_and_needs_an_enabled_regular_plan()
    {
        using var a = await factory.NewTenantAsync();
        var basic = await a.Http.NewPlanAsync(new() { ["feature_level"] = "Basic" });
        var pro = await a.Http.NewPlanAsync(new() { ["feature_level"] = "Pro", ["price"] = 50 });
        var off = await a.Http.NewPlanAsync(new() { ["enabled"] = false });
        var trial = await a.Http.NewFreeTrialPlanAsync();
        var userId = (await a.Http.NewUserAsync()).Str("id");

        await a.Http.ActRefusedAsync(userId, "change-plan", "subscriber_inactive", new { plan_id = pro.Str("uid") });
        var sub = await a.Http.SubscribeAsync(userId, basic.Str("uid"));
        await a.Http.ActRefusedAsync(userId, "change-plan", "plan_disabled", new { plan_id = off.Str("uid") });
        await a.Http.ActRefusedAsync(userId, "change-plan", "not_renewable", new { plan_id = trial.Str("uid") });

        var changed = await a.Http.ActOkAsync(userId, "change-plan", new { plan_id = pro.GetProperty("id").GetInt64() });
        Assert.Equal(pro.GetProperty("id").GetInt64(), changed.GetProperty("plan_id").GetInt64());
        Assert.Equal("Pro", changed.Str("feature_level"));
        Assert.Equal(sub.Time("active_until"), changed.Time("active_until"));
        Assert.Equal("active", changed.Str("status"));
    }

    [StewardFact]
    public async Task Auto_renewal_stops_and_resumes()
    {
        using var a = await factory.NewTenantAsync();
        var plan = await a.Http.NewPlanAsync();
        var userId = (await a.Http.NewUserAsync()).Str("id");
        var sub = await a.Http.SubscribeAsync(userId, plan.Str("uid"));

        var stopped = await a.Http.ActOkAsync(userId, "stop-auto-renew");
        Assert.False(stopped.Flag("recurring"));
        Assert.Equal("active", stopped.Str("status"));

        var url = "/api/v1/subscriptions/" + sub.Str("id");
        using (var resumed = await a.Http.PatchJsonAsync(url, new { recurring = true }, ifMatch: "\"" + stopped.Number("version") + "\""))
        {
            Assert.True((await resumed.ExpectJsonAsync(HttpStatusCode.OK)).Flag("recurring"));
        }

        using (var stale = await a.Http.PatchJsonAsync(url, new { recurring = false }, ifMatch: "\"" + stopped.Number("version") + "\""))
        {
            await stale.ExpectProblemAsync(HttpStatusCode.PreconditionFailed, "version-conflict");
        }

        // A gift does not renew, so it cannot be set to.
        var gifted = (await a.Http.NewUserAsync()).Str("id");
        var gift = await a.Http.ActOkAsync(gifted, "complimentary", new { duration_quantity = 1, duration_units = "months" });
        using var refused = await a.Http.PatchJsonAsync("/api/v1/subscriptions/" + gift.Str("id"), new { recurring = true });
        Assert.Equal("not_renewable", (await refused.ExpectProblemAsync(HttpStatusCode.Conflict, "conflict")).Str("reason"));
    }

    [StewardFact]
    public async Task Store_credit_is_added_and_taken_but_never_goes_below_zero()
    {
        using var a = await factory.NewTenantAsync();
        var userId = (await a.Http.NewUserAsync()).Str("id");

        var credited = await a.Http.ActOkAsync(userId, "credits", new { amount = "10.50" });
        Assert.Equal(10.5m, credited.Money("store_credit"));
        Assert.Equal("USD", credited.Str("store_credit_currency_code"));
        Assert.Equal("inactive", credited.Str("status"));
        Assert.False(credited.Flag("active"));

        Assert.Equal(6m, (await a.Http.ActOkAsync(userId, "credits", new { amount = -4.5 })).Money("store_credit"));

        using (var overdrawn = await a.Http.ActAsync(userId, "credits", new { amount = -7 }))
        {
            var problem = await overdrawn.ExpectValidationAsync("amount");
            Assert.Contains("greater than or equal to 0", problem.GetProperty("errors").GetProperty("amount")[0].GetString(), StringComparison.Ordinal);
        }

        using (var otherCurrency = await a.Http.ActAsync(userId, "credits", new { amount = 1, currency_code = "EUR" }))
        {
            await otherCurrency.ExpectValidationAsync("currency_code");
        }

        var sub = Assert.Single((await a.Http.GetOkAsync($"/api/v1/users/{userId}/subscriptions")).Items());
        Assert.Equal(6m, sub.Money("store_credit"));
        var changes = (await a.Http.EventsAsync()).Where(e => e.Str("type") == "subscription.credit_changed" && e.Str("subject_id") == sub.Str("id"))
            .Select(e => e.GetProperty("data").Money("amount")).ToList();
        Assert.Equal([10.5m, -4.5m], changes);
    }

    [StewardFact]
    public async Task Renewal_is_refused_when_none_is_due()
    {
        using var a = await factory.NewTenantAsync();
        var plan = await a.Http.NewPlanAsync();
        var userId = (await a.Http.NewUserAsync()).Str("id");
        await a.Http.ActRefusedAsync(userId, "renewal", "not_ready_to_renew");
        await a.Http.SubscribeAsync(userId, plan.Str("uid"));
        await a.Http.ActRefusedAsync(userId, "renewal", "not_ready_to_renew");
    }

    [StewardFact]
    public async Task Only_the_account_changes_subscriptions_and_users_with_subscriptions_can_be_deleted()
    {
        using var a = await factory.NewTenantAsync();
        var plan = await a.Http.NewPlanAsync();
        var userId = (await a.Http.NewUserAsync()).Str("id");
        using var user = factory.ClientWithToken(await a.Http.MintUserTokenAsync(userId));
        await user.ExpectProblemAsync(HttpMethod.Post, $"/api/v1/users/{userId}/subscriptions", HttpStatusCode.Forbidden, new { plan_id = plan.Str("uid") }, "forbidden");
        await user.ExpectProblemAsync(HttpMethod.Post, $"/api/v1/users/{userId}/subscriptions/credits", HttpStatusCode.Forbidden, new { amount = 100 }, "forbidden");

        var sub = await a.Http.SubscribeAsync(userId, plan.Str("uid"));
        await user.ExpectProblemAsync(HttpMethod.Patch, "/api/v1/subscriptions/" + sub.Str("id"), HttpStatusCode.Forbidden, new { recurring = false }, "forbidden");

        await a.Http.ExpectAsync(HttpMethod.Delete, "/api/v1/users/" + userId, HttpStatusCode.NoContent);
        await a.Http.ExpectProblemAsync(HttpMethod.Get, "/api/v1/subscriptions/" + sub.Str("id"), HttpStatusCode.NotFound, code: "not-found");

        // The plan is free to go once its only subscriber is.
        await a.Http.ExpectAsync(HttpMethod.Delete, "/api/v1/plans/" + plan.Str("uid"), HttpStatusCode.NoContent);
    }

    [StewardFact]
    public async Task Deleting_an_account_removes_its_catalog_and_subscriptions()
    {
        using var a = await factory.NewTenantAsync();
        var plan = await a.Http.NewPlanAsync();
        var userId = (await a.Http.NewUserAsync()).Str("id");
        var sub = await a.Http.SubscribeAsync(userId, plan.Str("uid"));
        await a.Http.PostJsonAsync("/api/v1/product-types", new { code = "EXTRA_TIER", kind = "tier", flavours = new[] { "ONE" } });

        using var root = await factory.RootClientAsync();
        await root.ExpectAsync(HttpMethod.Delete, "/api/v1/accounts/" + a.Id, HttpStatusCode.NoContent);
        await root.ExpectProblemAsync(HttpMethod.Get, "/api/v1/subscriptions/" + sub.Str("id"), HttpStatusCode.NotFound, code: "not-found");
        await root.ExpectProblemAsync(HttpMethod.Get, "/api/v1/plans/" + plan.GetProperty("id").GetInt64(), HttpStatusCode.NotFound, code: "not-found");
    }
}
