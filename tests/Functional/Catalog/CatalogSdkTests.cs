using System.Globalization;
using System.Net;
using Steward.Client;
using Steward.Functional.Infrastructure;

namespace Steward.Functional.Catalog;

/// <summary>The catalog driven through the SDK: <c>ProductTypes</c>, <c>Plans</c>, <c>Subscriptions</c>, and the account's slug.</summary>
public sealed class CatalogSdkTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task The_SDK_manages_product_types_plans_and_subscriptions()
    {
        var account = await factory.NewAccountAsync();
        using var http = factory.CreateClient();
        var steward = await StewardClient.ConnectAsync(http, account.ApiKey, account.ApiSecret);

        var types = await steward.ProductTypes.ListAsync();
        Assert.Equal("DATA_MANAGER_PROJECT_TIER_SUBSCRIPTION", types.Items[0].Code);
        var own = await steward.ProductTypes.CreateAsync("SDK_TIER", "tier", ["SMALL", "LARGE"], "DATA_MANAGER");
        Assert.Equal(["SMALL", "LARGE"], own.Flavours);
        Assert.Equal("tier", (await steward.ProductTypes.GetAsync("SDK_TIER")).Kind);

        var plan = await steward.Plans.CreateAsync(new PlanFields(
            Name: "SDK plan", Uid: "sdk-plan", Tags: ["sdk"], Price: 12.5m, TrialDays: 0, FeatureLevel: "Pro",
            Features: [new PlanFeatureFields("One"), new PlanFeatureFields("Two", Blurb: "second")],
            ResellerCost: new ResellerCost(50, 100), SetupFee: new SetupFeeFields(3m, Description: "once")));
        Assert.Equal(12.5m, plan.Price);
        Assert.Equal("sdk-plan", plan.Uid);
        Assert.Equal(["One", "Two"], plan.Features.Select(f => f.Name));
        Assert.Equal(3m, plan.SetupFee?.Amount);
        Assert.Equal(plan.Id, Assert.Single((await steward.Plans.ListAsync(tag: "sdk")).Items).Id);
        Assert.Empty((await steward.Plans.ListAsync(tag: "sdk", enabled: false)).Items);

        var repriced = await steward.Plans.UpdateAsync("sdk-plan", new PlanFields(Price: 15m), ifMatchVersion: plan.Version);
        Assert.Equal(2, repriced.TermsVersion);
        Assert.Equal([12.5m, 15m], repriced.Versions.Select(v => v.Price));

        var user = await steward.Users.CreateAsync(new UserFields(Username: "sdk-subscriber"));
        var sub = await steward.Subscriptions.SubscribeAsync(user.Id, plan.Id.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("active", sub.Status);
        Assert.Equal(2, sub.PlanVersion);
        Assert.Equal(sub.Id, Assert.Single((await steward.Subscriptions.ListForUserAsync(user.Id)).Items).Id);

        var credited = await steward.Subscriptions.AddCreditAsync(user.Id, 4.25m);
        Assert.Equal(4.25m, credited.StoreCredit);
        var extended = await steward.Subscriptions.ExtendAsync(user.Id, 3, "days");
        Assert.Equal(sub.ActiveUntil!.Value.AddDays(3), extended.ActiveUntil);
        var stopped = await steward.Subscriptions.StopAutoRenewAsync(user.Id);
        Assert.False(stopped.Recurring);
        var resumed = await steward.Subscriptions.UpdateAsync(sub.Id, recurring: true, ifMatchVersion: stopped.Version);
        Assert.True(resumed.Recurring);
        var life = await steward.Subscriptions.GiveLifetimeAsync(user.Id, "Forever");
        Assert.True(life.Lifetime);
        Assert.Equal(life.Id, (await steward.Subscriptions.GetAsync(sub.Id)).Id);

        var refused = await Assert.ThrowsAsync<StewardApiException>(() => steward.Subscriptions.GiveComplimentaryAsync(user.Id, 1, "months"));
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Equal("subscriber_active", refused.Problem?.Reason);

        var inUse = await Assert.ThrowsAsync<StewardApiException>(() => steward.Plans.DeleteAsync("sdk-plan"));
        Assert.Equal("plan_in_use", inUse.Problem?.Reason);
    }

    [StewardFact]
    public async Task The_SDK_sets_an_accounts_slug_and_test_flag()
    {
        using var http = factory.CreateClient();
        var root = new StewardClient(http, await factory.RootTokenAsync());
        var slug = "sdk-" + Guid.NewGuid().ToString("N")[..8];
        var created = await root.Accounts.CreateAsync("SDK site", "sdk@example.com", slug: slug, test: true);
        Assert.Equal(slug, created.Slug);
        Assert.True(created.Test);

        var updated = await root.Accounts.UpdateAsync(created.Id, slug: slug + "-b", test: false, ifMatchVersion: created.Version);
        Assert.Equal(slug + "-b", updated.Slug);
        Assert.False(updated.Test);
        Assert.Equal(slug + "-b", (await root.Accounts.GetAsync(created.Id)).Slug);
    }
}
