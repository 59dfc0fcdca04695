using System.Net;
using Steward.Client.Spreedly;
using Steward.Functional.Infrastructure;

namespace Steward.Functional.Spreedly;

/// <summary>
/// A site's token works on that site only, and one site never reaches another's subscribers or plans:
/// the same customer id on two sites names two subscribers, and another site's subscriber is not found.
/// </summary>
public sealed class SpreedlyTenancyTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task A_token_works_on_its_own_site_only()
    {
        var a = await factory.NewSiteAsync();
        var b = await factory.NewSiteAsync();
        foreach (var (token, slug) in new[] { (a.Token, b.Slug), (b.Token, a.Slug), (a.Token, "no-such-site"), (a.Account.ApiKey, a.Slug) })
        {
            using var response = await a.SendAsync(HttpMethod.Get, "subscribers.xml", token: token, slug: slug);
            await response.ExpectTextAsync(HttpStatusCode.Unauthorized, "HTTP Basic: Access denied.");
        }

        // Root's secret is no site's token.
        using var root = await a.SendAsync(HttpMethod.Get, "subscribers.xml", token: StewardFactory.RootSecret);
        await root.ExpectTextAsync(HttpStatusCode.Unauthorized, "HTTP Basic: Access denied.");

        // Any password is taken, as Spreedly ignored it.
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/v4/{a.Slug}/subscribers.xml", UriKind.Relative));
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(a.Token + ":anything")));
        using var anyPassword = await a.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, anyPassword.StatusCode);
    }

    [StewardFact]
    public async Task Another_sites_subscribers_and_plans_are_out_of_reach()
    {
        var a = await factory.NewSiteAsync(test: true);
        var b = await factory.NewSiteAsync(test: true);
        var (aPlan, _) = await a.NewTrialPlanAsync();
        var id = SpreedlyKit.NewCustomerId();
        var onlyA = id + 1;
        await a.Client.CreateSubscriberAsync(id, "alice");
        await b.Client.CreateSubscriberAsync(id, "bob");
        await a.Client.CreateSubscriberAsync(onlyA, "ann");

        Assert.Equal("alice", (await a.Client.GetInfoAsync(id)).ScreenName);
        Assert.Equal("bob", (await b.Client.GetInfoAsync(id)).ScreenName);
        Assert.Equal(["bob"], (await b.Client.GetSubscribersAsync()).Select(s => s.ScreenName));
        Assert.Empty(await b.Client.GetPlansAsync());

        // Every call on a subscriber of another site is 404, and changes nothing there.
        foreach (var (method, path, body) in new (HttpMethod, string, string?)[]
        {
            (HttpMethod.Get, $"subscribers/{onlyA}.xml", null),
            (HttpMethod.Put, $"subscribers/{onlyA}.xml", "<subscriber><screen-name>stolen</screen-name></subscriber>"),
            (HttpMethod.Delete, $"subscribers/{onlyA}.xml", null),
            (HttpMethod.Post, $"subscribers/{onlyA}/allow_free_trial.xml", ""),
            (HttpMethod.Post, $"subscribers/{onlyA}/complimentary_subscriptions.xml", "<complimentary_subscription><duration_quantity>1</duration_quantity><duration_units>days</duration_units></complimentary_subscription>"),
            (HttpMethod.Post, $"subscribers/{onlyA}/lifetime_complimentary_subscriptions.xml", "<lifetime_complimentary_subscription><feature_level>x</feature_level></lifetime_complimentary_subscription>"),
            (HttpMethod.Post, $"subscribers/{onlyA}/credits.xml", "<credit><amount>5</amount></credit>"),
            (HttpMethod.Post, $"subscribers/{onlyA}/stop_auto_renew.xml", ""),
        })
        {
            using var response = await b.SendAsync(method, path, body);
            await response.ExpectTextAsync(HttpStatusCode.NotFound, $"There is no subscriber with a customer id of {onlyA}");
        }

        // Another site's plan is no plan here.
        using (var theirPlan = await b.SendAsync(HttpMethod.Post, $"subscribers/{id}/subscribe_to_free_trial.xml", $"<subscription_plan><id>{aPlan}</id></subscription_plan>"))
        {
            await theirPlan.ExpectTextAsync(HttpStatusCode.NotFound, $"There is no subscription plan with an ID of {aPlan} for the site you're accessing");
        }

        // Cleaning one test site up leaves the other's subscribers.
        Assert.Equal(HttpStatusCode.OK, await b.Client.CleanupAsync());
        var ann = await a.Client.GetInfoAsync(onlyA);
        Assert.Equal("ann", ann.ScreenName);
        Assert.False(ann.Active);
        Assert.Equal(0m, ann.StoreCredit);
        Assert.Equal(2, (await a.Client.GetSubscribersAsync()).Count);
        await Assert.ThrowsAsync<SpreedlyException>(() => b.Client.GetInfoAsync(id));
    }
}
