using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Steward.Core.Billing;
using Steward.Functional.Infrastructure;

namespace Steward.Functional.Native;

/// <summary>Reading the ledger: periods (<c>pbp</c>), date ranges, closing a period and post-final lines, per product, unit, organisation and account.</summary>
public sealed class ChargeQueriesTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    private DateTimeOffset Now => factory.Time.GetUtcNow();

    private DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    /// <summary>First of the month, <paramref name="months"/> from this one (a billing day of 1).</summary>
    private DateOnly MonthStart(int months) => new DateOnly(Today.Year, Today.Month, 1).AddMonths(months);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private DateTimeOffset Noon(DateOnly day) => new(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);

    [StewardFact]
    public async Task Periods_by_offset_close_at_their_end_and_later_lines_are_post_final()
    {
        using var a = await factory.NewTenantAsync();
        using var dm = await factory.NewPlatformMerchantAsync();
        var (_, unitId, productId) = await a.Http.NewProductTreeAsync(billingDay: 1, allowance: 1000);
        await dm.Http.ChargeAsync(
            BillingKit.Line(productId, "1", timestamp: Now),
            BillingKit.Line(productId, "10", timestamp: Noon(MonthStart(-1).AddDays(3))),
            BillingKit.Line(productId, "20", "storage-day", "storage", Noon(MonthStart(-1).AddDays(4))),
            BillingKit.Line(productId, "100", timestamp: Noon(MonthStart(-2))));

        var current = await a.Http.GetOkAsync($"/api/v1/products/{productId}/charges");
        Assert.Equal(Iso(MonthStart(0)), current.Str("from"));
        Assert.Equal(Iso(MonthStart(1)), current.Str("until"));
        Assert.Equal(0, current.Number("pbp"));
        Assert.Equal(1m, current.Totals().Dec("coins"));
        Assert.False(current.GetProperty("final").GetBoolean());
        Assert.Single(current.GetProperty("lines").EnumerateArray());

        var previous = await a.Http.GetOkAsync($"/api/v1/products/{productId}/charges?pbp=-1");
        Assert.Equal(Iso(MonthStart(-1)), previous.Str("from"));
        Assert.Equal(30m, previous.Totals().Dec("coins"));
        Assert.Equal(10m, previous.Totals().Dec("processing"));
        Assert.Equal(20m, previous.Totals().Dec("storage"));
        Assert.Equal(2, previous.Totals().GetProperty("lines").GetInt64());
        Assert.Equal(100m, (await a.Http.GetOkAsync($"/api/v1/products/{productId}/charges?pbp=-2")).Totals().Dec("coins"));
        Assert.Equal(0m, (await a.Http.GetOkAsync($"/api/v1/products/{productId}/charges?pbp=-23")).Totals().Dec("coins"));

        // The periods that have ended close; the current one stays open.
        Assert.True(await factory.Services.GetRequiredService<PeriodCloser>().CloseDueAsync() >= 2);
        previous = await a.Http.GetOkAsync($"/api/v1/products/{productId}/charges?pbp=-1");
        Assert.True(previous.GetProperty("final").GetBoolean());
        Assert.NotEqual(JsonValueKind.Null, previous.GetProperty("closed_at").ValueKind);
        Assert.False((await a.Http.GetOkAsync($"/api/v1/products/{productId}/charges")).GetProperty("final").GetBoolean());

        // A late line for a closed period is recorded, but the frozen statement does not change.
        await dm.Http.ChargeAsync(BillingKit.Line(productId, "5", "late", timestamp: Noon(MonthStart(-1).AddDays(20))));
        previous = await a.Http.GetOkAsync($"/api/v1/products/{productId}/charges?pbp=-1");
        Assert.Equal(30m, previous.Totals().Dec("coins"));
        Assert.Equal(5m, previous.Totals().Dec("post_final_coins"));
        Assert.Equal(1, previous.Totals().GetProperty("post_final_lines").GetInt64());
        var late = previous.GetProperty("lines").EnumerateArray().Single(l => l.Str("external_id") == "late");
        Assert.True(late.GetProperty("post_final").GetBoolean());
        Assert.Equal(dm.Id, late.Str("merchant_id"));
        Assert.Equal(1m, (await a.Http.GetOkAsync("/api/v1/products/" + productId)).Coins().Dec("used"));

        var unitPrevious = await a.Http.GetOkAsync($"/api/v1/units/{unitId}/charges?pbp=-1");
        Assert.True(unitPrevious.GetProperty("final").GetBoolean());
        Assert.Equal(30m, unitPrevious.Totals().Dec("coins"));

        // A date range reads day rows: everything from two months back, post-final apart.
        var range = await a.Http.GetOkAsync($"/api/v1/products/{productId}/charges?from={Iso(MonthStart(-2))}&until={Iso(Today.AddDays(1))}");
        Assert.Equal(JsonValueKind.Null, range.GetProperty("pbp").ValueKind);
        Assert.Equal(131m, range.Totals().Dec("coins"));
        Assert.Equal(5m, range.Totals().Dec("post_final_coins"));
        Assert.Equal(5, range.GetProperty("lines").GetArrayLength());

        var events = (await a.Http.EventsAsync()).Select(e => e.Str("type")).ToList();
        Assert.Contains("billing_period.closed", events);
        Assert.Contains("charges.recorded", events);
    }

    [StewardFact]
    public async Task Units_organisations_and_accounts_sum_their_parts_each_unit_on_its_own_billing_day()
    {
        using var a = await factory.NewTenantAsync();
        using var dm = await factory.NewPlatformMerchantAsync();
        var orgId = (await a.Http.NewOrganisationAsync()).Str("id");
        var unit1 = (await a.Http.NewUnitAsync(orgId, billingDay: 1)).Str("id");
        var unit2 = (await a.Http.NewUnitAsync(orgId, billingDay: 15)).Str("id");
        var p1 = (await a.Http.NewProductAsync(unit1)).Str("id");
        var p2 = (await a.Http.NewProductAsync(unit1)).Str("id");
        var p3 = (await a.Http.NewProductAsync(unit2)).Str("id");
        var otherOrg = (await a.Http.NewOrganisationAsync()).Str("id");
        var p4 = (await a.Http.NewProductAsync((await a.Http.NewUnitAsync(otherOrg)).Str("id"))).Str("id");
        await dm.Http.ChargeAsync(BillingKit.Line(p1, "1.5"), BillingKit.Line(p2, "2"), BillingKit.Line(p2, "3", kind: "fee"), BillingKit.Line(p3, "4"), BillingKit.Line(p4, "8"));

        var unit = await a.Http.GetOkAsync($"/api/v1/units/{unit1}/charges");
        Assert.Equal(6.5m, unit.Totals().Dec("coins"));
        Assert.Equal(3m, unit.Totals().Dec("fees"));
        var byProduct = unit.GetProperty("products").EnumerateArray().ToDictionary(p => p.Str("product_id"), p => p.Totals().Dec("coins"));
        Assert.Equal(1.5m, byProduct[p1]);
        Assert.Equal(5m, byProduct[p2]);
        Assert.Equal(3, unit.GetProperty("lines").GetArrayLength());

        var org = await a.Http.GetOkAsync($"/api/v1/organisations/{orgId}/charges");
        Assert.Equal(10.5m, org.Totals().Dec("coins"));
        var units = org.GetProperty("units").EnumerateArray().ToDictionary(u => u.Str("unit_id"));
        Assert.Equal(15, units[unit2].Number("billing_day"));
        Assert.Equal(Iso(BillingDay.Period(Today, 15, 0).From), units[unit2].Str("from"));
        Assert.Equal(Iso(MonthStart(0)), units[unit1].Str("from"));
        Assert.Equal(4m, units[unit2].Totals().Dec("coins"));

        var account = await a.Http.GetOkAsync("/api/v1/charges");
        Assert.Equal(18.5m, account.Totals().Dec("coins"));
        var orgs = account.GetProperty("organisations").EnumerateArray().ToDictionary(o => o.Str("organisation_id"), o => o.Totals().Dec("coins"));
        Assert.Equal(10.5m, orgs[orgId]);
        Assert.Equal(8m, orgs[otherOrg]);

        var ranged = await a.Http.GetOkAsync($"/api/v1/charges?from={Iso(Today)}&until={Iso(Today.AddDays(1))}");
        Assert.Equal(18.5m, ranged.Totals().Dec("coins"));
        Assert.Equal(10.5m, (await a.Http.GetOkAsync($"/api/v1/organisations/{orgId}/charges?from={Iso(Today)}")).Totals().Dec("coins"));

        // A deleted product's charges stay in its unit's view.
        await a.Http.ExpectAsync(HttpMethod.Delete, "/api/v1/products/" + p2, HttpStatusCode.NoContent);
        unit = await a.Http.GetOkAsync($"/api/v1/units/{unit1}/charges");
        Assert.Equal(6.5m, unit.Totals().Dec("coins"));
        Assert.True(unit.GetProperty("products").EnumerateArray().Single(p => p.Str("product_id") == p2).GetProperty("deleted").GetBoolean());

        using var root = await factory.RootClientAsync();
        Assert.Equal(18.5m, (await root.GetOkAsync("/api/v1/charges?account_id=" + a.Id)).Totals().Dec("coins"));
        using (var noAccount = await root.GetAsync(new Uri("/api/v1/charges", UriKind.Relative)))
        {
            await noAccount.ExpectValidationAsync("account_id");
        }
    }

    [StewardFact]
    public async Task Lines_are_paged_and_bad_windows_are_named()
    {
        using var a = await factory.NewTenantAsync();
        using var dm = await factory.NewPlatformMerchantAsync();
        var (orgId, unitId, productId) = await a.Http.NewProductTreeAsync();
        await dm.Http.ChargeAsync(Enumerable.Range(0, 7).Select(i => (object)BillingKit.Line(productId, i.ToString(CultureInfo.InvariantCulture), $"l{i}")).ToArray());

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await a.Http.GetOkAsync($"/api/v1/products/{productId}/charges?limit=3" + (cursor is null ? "" : "&cursor=" + cursor));
            seen.AddRange(page.GetProperty("lines").EnumerateArray().Select(l => l.Str("external_id")));
            Assert.Equal(21m, page.Totals().Dec("coins"));
            cursor = page.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"l{i}"), seen);

        foreach (var (query, field) in new[]
        {
            ("pbp=1", "pbp"), ("pbp=-24", "pbp"), ("pbp=soon", "pbp"), ("from=yesterday", "from"), ("until=2026-13-01", "until"),
            ("from=2026-03-02&until=2026-03-01", "until"), ("from=2020-01-01&until=2026-01-01", "until"), ("pbp=-1&from=2026-01-01", "pbp"),
            ("limit=0", "limit"), ("cursor=nonsense", "cursor"),
        })
        {
            using var response = await a.Http.GetAsync(new Uri($"/api/v1/products/{productId}/charges?{query}", UriKind.Relative));
            await response.ExpectValidationAsync(field);
        }

        using (var response = await a.Http.GetAsync(new Uri($"/api/v1/organisations/{orgId}/charges?pbp=2", UriKind.Relative)))
        {
            await response.ExpectValidationAsync("pbp");
        }

        using (var response = await a.Http.GetAsync(new Uri($"/api/v1/units/{unitId}/charges?from=x", UriKind.Relative)))
        {
            await response.ExpectValidationAsync("from");
        }

        // Merchants post charges; they do not read the ledger.
        await dm.Http.ExpectProblemAsync(HttpMethod.Get, $"/api/v1/products/{productId}/charges", HttpStatusCode.Forbidden, code: "forbidden");
        await dm.Http.ExpectProblemAsync(HttpMethod.Get, $"/api/v1/units/{unitId}/charges", HttpStatusCode.NotFound, code: "not-found");
    }
}
