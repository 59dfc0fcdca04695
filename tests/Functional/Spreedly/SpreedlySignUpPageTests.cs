using System.Net;
using Microsoft.Playwright;
using Steward.Functional.AdminConsole;
using Steward.Functional.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Steward.Functional.Spreedly;

/// <summary>
/// The sign-up page in headless Chromium, against Steward on a real port: the page shows the plan, the
/// form posts with its anti-forgery token, and the subscriber is signed up (a free trial at once, a paid
/// plan as an invoice pending payment) and sent to the plan's return URL.
/// </summary>
public sealed class SpreedlySignUpPageTests(ConsoleBrowser browser) : IClassFixture<ConsoleBrowser>
{
    [BrowserFact]
    public async Task A_new_subscriber_starts_a_free_trial_from_the_page_and_lands_on_the_return_url()
    {
        var site = await NewSiteAsync();
        var returnUrl = browser.BaseUrl + "/healthz?welcome=trial";
        var (plan, _) = await site.NewPlanAsync(new()
        {
            ["name"] = "Trial <b>plan</b>", ["plan_type"] = "free_trial", ["price"] = 0, ["duration_quantity"] = 14,
            ["duration_units"] = "days", ["feature_level"] = "Trial", ["return_url"] = returnUrl,
        });
        var id = SpreedlyKit.NewCustomerId();

        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var shown = await page.GotoAsync(site.Client.GetSignupUrl(id, plan, "jack b"));
        Assert.Equal(200, shown!.Status);
        await Expect(page.Locator("#plan")).ToHaveTextAsync("Trial <b>plan</b>");
        await Expect(page.Locator("#price")).ToHaveTextAsync("Free");
        await Expect(page.Locator("#trial")).ToHaveTextAsync("14 days");
        await Expect(page.Locator("#subscriber")).ToHaveTextAsync("jack b");
        Assert.Equal(1, await page.Locator("input[type=hidden][name=__csrf]").CountAsync());
        await ConsoleBrowser.ScreenshotAsync(page, "spreedly-sign-up");

        // Showing the page makes nothing; posting the form makes the subscriber and starts its trial.
        Assert.Empty(await site.Client.GetSubscribersAsync());
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(returnUrl);

        var subscriber = await site.Client.GetInfoAsync(id);
        Assert.Equal("jack b", subscriber.ScreenName);
        Assert.True(subscriber.OnTrial);
        Assert.False(subscriber.EligibleForFreeTrial);

        // A second visit cannot start another trial: the page says why.
        await page.GotoAsync(site.Client.GetSignupUrl(id, plan, "jack b"));
        await Expect(page.Locator("#active")).ToBeVisibleAsync();
        await page.ClickAsync("button[type=submit]");
        await Expect(page.Locator("#refusal")).ToHaveTextAsync("You have already had a free trial.");
    }

    [BrowserFact]
    public async Task A_paid_plan_is_recorded_as_pending_payment_through_the_token_link()
    {
        var site = await NewSiteAsync();
        var returnUrl = browser.BaseUrl + "/healthz?welcome=paid";
        var (plan, _) = await site.NewPaidPlanAsync(new() { ["return_url"] = returnUrl, ["setup_fee"] = new { amount = "5", description = "Set-up" } });
        var id = SpreedlyKit.NewCustomerId();
        var created = await site.Client.CreateSubscriberAsync(id, "kim");

        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(site.Client.GetSignupUrl(id, plan, "ignored", created.Token));
        await Expect(page.Locator("#price")).ToHaveTextAsync("$24.00 every 1 month");
        await Expect(page.Locator("#subscriber")).ToHaveTextAsync("kim");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(returnUrl);

        var info = await site.Client.GetInfoAsync(id);
        Assert.False(info.Active);
        var invoice = Assert.Single(info.Invoices!);
        Assert.False(invoice.Closed);
        Assert.Equal(29m, invoice.Amount);
        Assert.Equal("$29.00", invoice.Price);
        Assert.Equal("Initial 1 month", invoice.LineItems[0].Description);
        Assert.Equal("Subsequent Time Periods are $24.00 every 1 month", invoice.LineItems[0].Notes);
        Assert.Equal("Set-up", invoice.LineItems[1].Description);

        // Asking again for the same plan answers the same open invoice.
        await page.GotoAsync(site.Client.GetSignupUrl(id, plan, "ignored", created.Token));
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(returnUrl);
        Assert.Equal(invoice.Token, Assert.Single((await site.Client.GetInfoAsync(id)).Invoices!).Token);
        var asked = await site.EventsAsync("subscription.payment_pending");
        Assert.Equal(2, asked.Count);
        Assert.All(asked, e => Assert.Equal(invoice.Token, e.GetProperty("data").GetProperty("invoice_token").GetString()));
        Assert.Equal("system", asked[0].GetProperty("actor_id").GetString());
    }

    [BrowserFact]
    public async Task Wrong_links_are_404_pages_and_a_forged_post_is_refused()
    {
        var site = await NewSiteAsync();
        var (plan, _) = await site.NewTrialPlanAsync();
        var id = SpreedlyKit.NewCustomerId();
        await site.Client.CreateSubscriberAsync(id, "kim");

        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        foreach (var url in new[]
        {
            site.Client.GetSignupUrl(id, plan, "kim", new string('0', 40)),
            site.Client.GetSignupUrl(id, plan + 1000, "kim"),
            site.Client.GetSignupUrl(id, plan, "kim").Replace(site.Slug, "no-such-site", StringComparison.Ordinal),
            $"{site.Slug}/subscribers/abc/subscribe/{plan}/kim",
        })
        {
            var response = await page.GotoAsync(url);
            Assert.Equal(404, response!.Status);
            await Expect(page.Locator("h1")).ToHaveTextAsync("This sign-up link is not valid");
        }

        // The older form under the API base answers the same page, without credentials.
        var old = await page.GotoAsync($"api/v4/{site.Client.GetSignupUrl(id, plan, "kim")}");
        Assert.Equal(200, old!.Status);
        await Expect(page.Locator("#subscriber")).ToHaveTextAsync("kim");

        // A post without the page's anti-forgery token (from another site's form, say) signs nobody up.
        using var http = new HttpClient { BaseAddress = new Uri(browser.BaseUrl + "/") };
        using var forged = await http.PostAsync(new Uri(site.Client.GetSignupUrl(id, plan, "kim"), UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__csrf"] = "forged" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("text/html", forged.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.False((await site.Client.GetInfoAsync(id)).Active);
    }

    private async Task<SpreedlySite> NewSiteAsync() =>
        await browser.Server.NewSiteAsync(http: new HttpClient { BaseAddress = new Uri(browser.BaseUrl + "/") });
}
