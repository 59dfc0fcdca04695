using System.Net;
using Steward.Functional.Infrastructure;

namespace Steward.Functional.Native;

/// <summary>
/// Billing driven by the clock: the background closer closes a period once the clock passes the
/// billing day, and the product's coins start again. This class moves its server's clock by weeks,
/// so it keeps its own server.
/// </summary>
public sealed class BillingClockTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task When_the_billing_day_passes_the_worker_closes_the_period_and_coins_start_again()
    {
        var account = await factory.NewAccountAsync();
        using var a = factory.ClientWithToken(account.Token);
        using var dm = await factory.NewPlatformMerchantAsync();
        var (_, unitId, productId) = await a.NewProductTreeAsync(billingDay: 1, allowance: 50);
        await dm.Http.ChargeAsync(BillingKit.Line(productId, "12"));
        var before = (await a.GetOkAsync("/api/v1/products/" + productId)).Coins();
        Assert.Equal(12m, before.Dec("used"));
        var periodEnd = before.Str("period_until");

        // To one hour past the billing day: every token has expired too, so log in again.
        var end = DateOnly.ParseExact(periodEnd, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        factory.Time.Advance(new DateTimeOffset(end.ToDateTime(new TimeOnly(1, 0)), TimeSpan.Zero) - factory.Time.GetUtcNow());
        using var again = factory.ClientWithToken(await factory.CreateClient().TokenAsync(account.ApiKey, account.ApiSecret));
        var closed = false;
        for (var i = 0; i < 100 && !closed; i++)
        {
            var previous = await again.GetOkAsync($"/api/v1/units/{unitId}/charges?pbp=-1");
            closed = previous.GetProperty("final").GetBoolean();
            if (!closed)
            {
                await Task.Delay(100);
            }
        }

        Assert.True(closed, "the period closer should have closed the ended period");
        var after = (await again.GetOkAsync("/api/v1/products/" + productId)).Coins();
        Assert.Equal(0m, after.Dec("used"));
        Assert.Equal(periodEnd, after.Str("period_from"));
        Assert.Equal(12m, (await again.GetOkAsync($"/api/v1/products/{productId}/charges?pbp=-1")).Totals().Dec("coins"));
    }
}
