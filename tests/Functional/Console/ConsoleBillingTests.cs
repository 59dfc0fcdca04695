using System.Net;
using Steward.Functional.Infrastructure;
using Steward.Functional.Native;

namespace Steward.Functional.AdminConsole;

/// <summary>
/// The console's commerce pages: products with their coins, a product's and a unit's charges and burn
/// rate per day as SVG charts, by billing period; another tenant's products and units answer 404.
/// </summary>
public sealed class ConsoleBillingTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    private DateTimeOffset Now => factory.Time.GetUtcNow();

    private DateOnly MonthStart(int months)
    {
        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        return new DateOnly(today.Year, today.Month, 1).AddMonths(months);
    }

    private static DateTimeOffset Noon(DateOnly day) => new(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);

    private static Dictionary<string, object?> Storage(string productId, string coins, string burnRate, DateTimeOffset at)
    {
        var line = BillingKit.Line(productId, coins, kind: "storage", timestamp: at);
        line["burn_rate"] = burnRate;
        return line;
    }

    [StewardFact]
    public async Task Another_tenants_products_and_unit_billing_answer_404_and_lists_show_only_own_products()
    {
        using var a = await factory.NewTenantAsync();
        using var b = await factory.NewTenantAsync();
        using var dm = await factory.NewPlatformMerchantAsync();
        var (_, aUnit, aProduct) = await a.Http.NewProductTreeAsync();
        var (_, bUnit, bProduct) = await b.Http.NewProductTreeAsync();
        await dm.Http.ChargeAsync(BillingKit.Line(bProduct, "7", timestamp: Now));
        var aName = (await a.Http.GetOkAsync("/api/v1/products/" + aProduct)).Str("name");
        var bName = (await b.Http.GetOkAsync("/api/v1/products/" + bProduct)).Str("name");

        using var console = await ConsoleClient.SignInAsync(factory, a.Account);
        foreach (var list in new[] { "/console/products", "/console/products?q=" + bName, "/console/products?unit=" + aUnit, "/console/units" })
        {
            var page = await console.GetAsync(list);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            var shown = page.Html.Replace("value=\"" + bName, "", StringComparison.Ordinal);
            Assert.DoesNotContain(bName, shown, StringComparison.Ordinal);
            Assert.DoesNotContain(bProduct, shown, StringComparison.Ordinal);
            Assert.DoesNotContain(bUnit, shown, StringComparison.Ordinal);
        }

        Assert.Contains(aName, (await console.GetAsync("/console/products")).Html, StringComparison.Ordinal);
        Assert.Contains(aName, (await console.GetAsync("/console/products?unit=" + aUnit)).Html, StringComparison.Ordinal);
        Assert.Contains("/console/units/" + aUnit + "/billing", (await console.GetAsync("/console/units")).Html, StringComparison.Ordinal);

        foreach (var url in new[]
        {
            "/console/products/" + bProduct,
            "/console/products/" + bProduct + "?pbp=-1",
            "/console/products/" + bProduct + "/charges-per-day.svg",
            "/console/products/" + bProduct + "/burn-rate.svg",
            "/console/products?unit=" + bUnit,
            "/console/units/" + bUnit + "/billing",
            "/console/units/" + bUnit + "/charges-per-day.svg",
            "/console/units/" + bUnit + "/burn-rate.svg",
        })
        {
            var page = await console.GetAsync(url);
            Assert.True(page.Status == HttpStatusCode.NotFound, $"{url} answered {(int)page.Status}");
            Assert.DoesNotContain(bName, page.Html, StringComparison.Ordinal);
        }

        // Root sees both tenants' products.
        using var root = await ConsoleClient.SignInAsRootAsync(factory);
        Assert.Equal(HttpStatusCode.OK, (await root.GetAsync("/console/products/" + bProduct)).Status);
    }

    [StewardFact]
    public async Task A_products_page_shows_its_coins_detail_charts_and_lines_by_billing_period()
    {
        using var a = await factory.NewTenantAsync();
        using var dm = await factory.NewPlatformMerchantAsync();
        var (_, unitId, productId) = await a.Http.NewProductTreeAsync(billingDay: 1, allowance: 100, limit: 150);
        await dm.Http.ChargeAsync(
            BillingKit.Line(productId, "10", "job-now", timestamp: Now),
            Storage(productId, "4", "4", Now.AddMinutes(-1)),
            BillingKit.Line(productId, "30", "job-last-month", timestamp: Noon(MonthStart(-1).AddDays(3))));

        using var console = await ConsoleClient.SignInAsync(factory, a.Account);
        var list = await console.GetAsync("/console/products?unit=" + unitId);
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Contains($"/console/products/{productId}\"", list.Html, StringComparison.Ordinal);
        Assert.Contains("<td>100</td><td>150</td><td>14</td><td>no</td>", list.Html, StringComparison.Ordinal);

        var page = await console.GetAsync("/console/products/" + productId);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var detail = await a.Http.GetOkAsync("/api/v1/products/" + productId);
        Assert.Contains("data-field=\"used\">14<", page.Html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"limit\">150<", page.Html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"allowance\">100<", page.Html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"at_limit\">no<", page.Html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"current_burn_rate\">4 coins per day<", page.Html, StringComparison.Ordinal);
        Assert.Contains($"data-field=\"billing_prediction\">{BillingKit.Coins(detail).Dec("billing_prediction"):0.#########} ", page.Html, StringComparison.Ordinal);
        Assert.Contains($"data-field=\"remaining_days\">{BillingKit.Coins(detail).Number("remaining_days")}<", page.Html, StringComparison.Ordinal);
        Assert.Contains($"src=\"/console/products/{productId}/charges-per-day.svg?pbp=0\"", page.Html, StringComparison.Ordinal);
        Assert.Contains($"src=\"/console/products/{productId}/burn-rate.svg?pbp=0\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("<code>job-now</code>", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("job-last-month", page.Html, StringComparison.Ordinal);
        Assert.Contains("<dd class=\"coins\">14</dd>", page.Html, StringComparison.Ordinal);

        // The period before: its own totals and lines; the coins detail stays the current period's.
        var previous = await console.GetAsync($"/console/products/{productId}?pbp=-1");
        Assert.Equal(HttpStatusCode.OK, previous.Status);
        Assert.Contains("<dd class=\"coins\">30</dd>", previous.Html, StringComparison.Ordinal);
        Assert.Contains("<code>job-last-month</code>", previous.Html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"-1\" selected>", previous.Html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"used\">14<", previous.Html, StringComparison.Ordinal);

        foreach (var chart in new[] { "charges-per-day.svg", "charges-per-day.svg?pbp=-1", "burn-rate.svg", "burn-rate.svg?pbp=-2" })
        {
            var svg = await console.GetAsync($"/console/products/{productId}/{chart}");
            Assert.Equal(HttpStatusCode.OK, svg.Status);
            Assert.Equal("image/svg+xml", svg.Response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("<svg", svg.Html, StringComparison.Ordinal);
            Assert.Contains(MonthStart(chart.Contains("pbp=-1", StringComparison.Ordinal) ? -1 : chart.Contains("pbp=-2", StringComparison.Ordinal) ? -2 : 0).ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture), svg.Html, StringComparison.Ordinal);
        }

        // A period out of reach is refused with a reason, not a 500.
        var tooOld = await console.GetAsync($"/console/products/{productId}?pbp=-99");
        Assert.Equal(HttpStatusCode.BadRequest, tooOld.Status);
        Assert.Contains("pbp must be between", tooOld.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await console.GetAsync($"/console/products/{productId}/burn-rate.svg?pbp=1")).Status);
    }

    [StewardFact]
    public async Task A_units_billing_shows_each_products_totals_and_the_units_charts()
    {
        using var a = await factory.NewTenantAsync();
        using var dm = await factory.NewPlatformMerchantAsync();
        var (_, unitId, first) = await a.Http.NewProductTreeAsync();
        var second = (await a.Http.NewProductAsync(unitId, 50, name: NativeKit.Unique("second"))).Str("id");
        await dm.Http.ChargeAsync(
            BillingKit.Line(first, "2.5", timestamp: Now),
            Storage(first, "1", "1.5", Now.AddMinutes(-2)),
            Storage(second, "3", "2", Now.AddMinutes(-1)));

        using var console = await ConsoleClient.SignInAsync(factory, a.Account);
        var page = await console.GetAsync($"/console/units/{unitId}/billing");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("<dd class=\"coins\">6.5</dd>", page.Html, StringComparison.Ordinal);
        Assert.Contains($"/console/products/{first}?pbp=0", page.Html, StringComparison.Ordinal);
        Assert.Contains($"/console/products/{second}?pbp=0", page.Html, StringComparison.Ordinal);
        Assert.Contains("<td>3.5</td><td>2.5</td>", page.Html, StringComparison.Ordinal);
        Assert.Contains("<td>3</td><td>0</td>", page.Html, StringComparison.Ordinal);
        Assert.Contains($"src=\"/console/units/{unitId}/charges-per-day.svg?pbp=0\"", page.Html, StringComparison.Ordinal);
        Assert.Contains($"src=\"/console/units/{unitId}/burn-rate.svg?pbp=0\"", page.Html, StringComparison.Ordinal);

        foreach (var chart in new[] { "charges-per-day.svg", "burn-rate.svg", "burn-rate.svg?pbp=-1" })
        {
            var svg = await console.GetAsync($"/console/units/{unitId}/{chart}");
            Assert.Equal(HttpStatusCode.OK, svg.Status);
            Assert.Contains("<svg", svg.Html, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, (await console.GetAsync($"/console/units/{unitId}/billing?pbp=-3")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await console.GetAsync($"/console/units/{unitId}/billing?pbp=-24")).Status);
    }
}
