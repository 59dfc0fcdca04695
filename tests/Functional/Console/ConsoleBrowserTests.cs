using Microsoft.Playwright;
using Steward.Functional.Infrastructure;
using Steward.Functional.Native;
using static Microsoft.Playwright.Assertions;

namespace Steward.Functional.AdminConsole;

/// <summary>The console in headless Chromium: what an operator does and sees, against Steward on a real port.</summary>
public sealed class ConsoleBrowserTests(ConsoleBrowser browser) : IClassFixture<ConsoleBrowser>
{
    [BrowserFact]
    public async Task Sign_in_create_a_user_and_see_it_in_the_list_and_the_live_event_log()
    {
        var account = await browser.Server.NewAccountAsync(NativeKit.Unique("acme"));
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, account.ApiKey, account.ApiSecret, screenshot: true);

        // A second tab follows the live event log while the first creates a user.
        var log = await context.NewPageAsync();
        await log.RunAndWaitForRequestAsync(() => log.GotoAsync("/console/events"), "**/console/events/stream?after=*");
        await Expect(log.Locator(".live.connected")).ToBeVisibleAsync();

        var username = NativeKit.Unique("ada");
        await page.GotoAsync("/console/users");
        await page.FillAsync("input[name=username]", username);
        await page.FillAsync("input[name=email]", username + "@example.com");
        await page.FillAsync("input[name=first_name]", "Ada");
        await page.FillAsync("input[name=last_name]", "Lovelace");
        await page.ClickAsync("button:has-text('Create user')");
        await Expect(page.Locator(".secret")).ToContainTextAsync("UAK");
        await Expect(page.Locator("table")).ToContainTextAsync(username);
        await ConsoleBrowser.ScreenshotAsync(page, "users");

        var userId = await page.Locator($"tr:has-text('{username}') code").First.TextContentAsync();
        Assert.StartsWith("user-", userId, StringComparison.Ordinal);
        // Added live (class "new": the page was loaded before the user existed), with its credential's event above it.
        var created = log.Locator("table.events tbody tr.new", new() { HasText = "user.created" });
        await Expect(created).ToContainTextAsync(userId!);
        await ConsoleBrowser.ScreenshotAsync(log, "events");

        // The list finds it by search, and its page shows it.
        await page.GotoAsync("/console/users?q=" + username);
        await page.ClickAsync($"a:has-text('{username}')");
        await Expect(page.Locator("h1")).ToHaveTextAsync(username);

        await page.GotoAsync("/console/dashboard");
        await Expect(page.Locator("img.chart")).ToBeVisibleAsync();
        Assert.True(await page.EvalOnSelectorAsync<int>("img.chart", "img => img.naturalWidth") > 0, "the chart did not load");
        await ConsoleBrowser.ScreenshotAsync(page, "dashboard");
    }

    [BrowserFact]
    public async Task A_products_page_shows_its_coins_and_its_charts_per_day()
    {
        using var a = await browser.Server.NewTenantAsync();
        using var dm = await browser.Server.NewPlatformMerchantAsync();
        var (_, unitId, productId) = await a.Http.NewProductTreeAsync(allowance: 100, limit: 150);
        var now = browser.Server.Time.GetUtcNow();
        var storage = BillingKit.Line(productId, "4", kind: "storage", timestamp: now.AddHours(-1));
        storage["burn_rate"] = "4";
        await dm.Http.ChargeAsync(BillingKit.Line(productId, "12.5", "nightly-backup", timestamp: now), storage);

        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, a.Account.ApiKey, a.Account.ApiSecret);

        await page.GotoAsync("/console/products");
        var name = (await a.Http.GetOkAsync("/api/v1/products/" + productId)).Str("name");
        await page.ClickAsync($"a:has-text('{name}')");
        await Expect(page.Locator("h1")).ToHaveTextAsync(name);
        await Expect(page.Locator("[data-field=used]")).ToHaveTextAsync("16.5");
        await Expect(page.Locator("[data-field=current_burn_rate]")).ToContainTextAsync("4");
        await Expect(page.Locator("main")).ToContainTextAsync("nightly-backup");
        foreach (var chart in await page.Locator("img.chart").AllAsync())
        {
            await Expect(chart).ToBeVisibleAsync();
            Assert.True(await chart.EvaluateAsync<int>("img => img.complete ? img.naturalWidth : new Promise(r => img.onload = () => r(img.naturalWidth))") > 0, "a chart did not load");
        }

        await ConsoleBrowser.ScreenshotAsync(page, "product");

        // The unit's billing, from its link; the previous period from the selector.
        await page.ClickAsync("dd a[href$='/billing']");
        await page.WaitForURLAsync($"**/console/units/{unitId}/billing");
        await Expect(page.Locator("main")).ToContainTextAsync(name);
        await page.SelectOptionAsync("select[name=pbp]", "-1");
        await page.ClickAsync("button:has-text('Show')");
        await page.WaitForURLAsync("**pbp=-1");
        await Expect(page.Locator("main")).ToContainTextAsync("No charges in this period.");
        await ConsoleBrowser.ScreenshotAsync(page, "unit-billing");
    }

    [BrowserFact]
    public async Task A_signed_in_tenant_never_sees_another_tenants_organisation_or_user()
    {
        using var a = await browser.Server.NewTenantAsync();
        using var b = await browser.Server.NewTenantAsync();
        var aOrg = await a.Http.NewOrganisationAsync(NativeKit.Unique("mine"));
        var bOrg = await b.Http.NewOrganisationAsync(NativeKit.Unique("theirs"));
        var bUser = await b.Http.NewUserAsync(NativeKit.Unique("stranger"), organisationId: bOrg.Str("id"));

        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, a.Account.ApiKey, a.Account.ApiSecret);

        await page.GotoAsync("/console/organisations");
        await Expect(page.Locator("main")).ToContainTextAsync(aOrg.Str("name"));
        await Expect(page.Locator("main")).Not.ToContainTextAsync(bOrg.Str("name"));
        await page.GotoAsync("/console/users?q=" + bUser.Str("username"));
        await Expect(page.Locator("main")).ToContainTextAsync("No users match.");

        var org = await page.GotoAsync("/console/organisations/" + bOrg.Str("id"));
        Assert.Equal(404, org!.Status);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Not found");
        var user = await page.GotoAsync("/console/users/" + bUser.Str("id"));
        Assert.Equal(404, user!.Status);
    }

    [BrowserFact]
    public async Task The_session_cookie_is_httponly_and_strict_and_a_post_without_the_token_is_refused()
    {
        var account = await browser.Server.NewAccountAsync();
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, account.ApiKey, account.ApiSecret);

        var session = (await context.CookiesAsync()).Single(c => c.Name == "steward_console");
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, session.SameSite);
        Assert.Equal("/console", session.Path);
        Assert.False(session.Secure); // plain http here; over https it is Secure (ConsoleSessionTests)
        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => String(document.cookie.match(/steward_console=/) ?? undefined)"));

        // The same browser session, posting a form without its anti-forgery token.
        var username = NativeKit.Unique("forged");
        var forged = await page.APIRequest.PostAsync("/console/users", new APIRequestContextOptions
        {
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/x-www-form-urlencoded" },
            Data = "username=" + username,
        });
        Assert.Equal(400, forged.Status);
        await page.GotoAsync("/console/users?q=" + username);
        await Expect(page.Locator("main")).ToContainTextAsync("No users match.");
    }

    private static async Task SignInAsync(IPage page, string key, string secret, bool screenshot = false)
    {
        var signIn = await page.GotoAsync("/console");
        Assert.Equal(200, signIn!.Status);
        await page.FillAsync("input[name=api_key]", key);
        await page.FillAsync("input[name=api_secret]", secret);
        if (screenshot)
        {
            await ConsoleBrowser.ScreenshotAsync(page, "sign-in");
        }

        await page.ClickAsync("button:has-text('Sign in')");
        await page.WaitForURLAsync("**/console/dashboard");
    }
}
