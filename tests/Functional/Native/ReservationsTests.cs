using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Steward.Client;
using Steward.Core.Billing;
using Steward.Functional.Infrastructure;

namespace Steward.Functional.Native;

/// <summary>
/// The spend check over HTTP: <c>POST /api/v1/products/{id}/reservations</c> holds coins against the
/// product's limit or answers 409 limit-reached; a reservation is settled into a charge line, released,
/// or expires; <c>coins.reserved</c> shows what open reservations hold.
/// </summary>
public sealed class ReservationsTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task A_merchant_reserves_coins_and_settles_them_into_a_charge_line_once()
    {
        using var a = await factory.NewTenantAsync();
        using var dm = await factory.NewPlatformMerchantAsync();
        var (_, _, productId) = await a.Http.NewProductTreeAsync(allowance: 10, limit: 20);

        var now = factory.Time.GetUtcNow();
        var held = await dm.Http.ReserveAsync(productId, "2.5");
        var id = held.Str("id");
        Assert.StartsWith("resv-", id, StringComparison.Ordinal);
        Assert.Equal("2.5", held.Str("coins"));
        Assert.Equal("open", held.Str("state"));
        Assert.Equal(productId, held.Str("product_id"));
        Assert.Equal(dm.Id, held.Str("merchant_id"));
        var expiresAt = held.GetProperty("expires_at").GetDateTimeOffset();
        Assert.InRange(expiresAt, now.AddSeconds(299), now.AddSeconds(301));

        var coins = (await a.Http.GetOkAsync("/api/v1/products/" + productId)).Coins();
        Assert.Equal(0m, coins.Dec("used"));
        Assert.Equal(2.5m, coins.Dec("reserved"));
        Assert.Equal(17.5m, coins.Dec("available"));
        Assert.Equal(20m, coins.Dec("limit"));

        // Settled for the actual amount (a JSON number this time); settled again, nothing more happens.
        using (var settled = await dm.Http.PostJsonAsync($"/api/v1/reservations/{id}/settle", new { coins = 1.75m }))
        {
            var body = await settled.ExpectJsonAsync(HttpStatusCode.OK);
            Assert.Equal("settled", body.Str("state"));
            Assert.Equal("1.75", body.Str("settled_coins"));
        }

        using (var again = await dm.Http.PostJsonAsync($"/api/v1/reservations/{id}/settle", new { coins = "5" }))
        {
            Assert.Equal("1.75", (await again.ExpectJsonAsync(HttpStatusCode.OK)).Str("settled_coins"));
        }

        coins = (await a.Http.GetOkAsync("/api/v1/products/" + productId)).Coins();
        Assert.Equal(1.75m, coins.Dec("used"));
        Assert.Equal(0m, coins.Dec("reserved"));
        var lines = (await a.Http.GetOkAsync($"/api/v1/products/{productId}/charges")).GetProperty("lines").EnumerateArray().ToList();
        var line = Assert.Single(lines);
        Assert.Equal(id, line.Str("external_id"));
        Assert.Equal("processing", line.Str("kind"));

        // Released after settling: refused, the line stays.
        var refused = await dm.Http.ExpectProblemAsync(HttpMethod.Delete, "/api/v1/reservations/" + id, HttpStatusCode.Conflict, code: "conflict");
        Assert.Equal(ReservationService.ReasonSettled, refused.Str("reason"));

        var types = (await a.Http.EventsAsync()).Select(e => e.Str("type")).ToList();
        Assert.Contains("reservations.created", types);
        Assert.Contains("reservation.settled", types);
        Assert.Contains("charges.recorded", types);
    }

    [StewardFact]
    public async Task Used_plus_reserved_never_passes_the_limit_and_a_release_gives_the_coins_back()
    {
        using var a = await factory.NewTenantAsync();
        using var dm = await factory.NewPlatformMerchantAsync();
        var (_, _, productId) = await a.Http.NewProductTreeAsync(allowance: 10);
        await dm.Http.ChargeAsync(BillingKit.Line(productId, "3"));

        var first = (await dm.Http.ReserveAsync(productId, 4)).Str("id");
        await dm.Http.ReserveAsync(productId, "2.999999999");
        var problem = await dm.Http.ExpectLimitReachedAsync(productId, "0.000000002");
        Assert.Contains("limit", problem.Str("detail"), StringComparison.OrdinalIgnoreCase);
        await dm.Http.ReserveAsync(productId, "0.000000001");
        await dm.Http.ExpectLimitReachedAsync(productId, "0.000000001");

        // Released twice: the second changes nothing; the coins are back for the next check.
        Assert.Equal("released", (await dm.Http.ExpectAsync(HttpMethod.Delete, "/api/v1/reservations/" + first, HttpStatusCode.OK)).Str("state"));
        Assert.Equal("released", (await dm.Http.ExpectAsync(HttpMethod.Delete, "/api/v1/reservations/" + first, HttpStatusCode.OK)).Str("state"));
        var settle = await dm.Http.ExpectProblemAsync(HttpMethod.Post, $"/api/v1/reservations/{first}/settle", HttpStatusCode.Conflict, new { coins = 1 }, "conflict");
        Assert.Equal(ReservationService.ReasonReleased, settle.Str("reason"));
        await dm.Http.ExpectLimitReachedAsync(productId, "4.000000001");
        await dm.Http.ReserveAsync(productId, 4);

        // Charges posted directly count at once; at_limit follows used only.
        var coins = (await a.Http.GetOkAsync("/api/v1/products/" + productId)).Coins();
        Assert.Equal(3m, coins.Dec("used"));
        Assert.Equal(7m, coins.Dec("reserved"));
        Assert.False(coins.GetProperty("at_limit").GetBoolean());
        Assert.Equal(0m, coins.Dec("available"));
    }

    [StewardFact]
    public async Task Many_parallel_reservations_at_one_product_never_pass_the_limit()
    {
        using var a = await factory.NewTenantAsync();
        using var dm = await factory.NewPlatformMerchantAsync();
        using var other = await factory.NewPlatformMerchantAsync();
        var (_, _, productId) = await a.Http.NewProductTreeAsync(allowance: 50);
        await dm.Http.ChargeAsync(BillingKit.Line(productId, "7.5"));

        // 300 checks at once from two merchants, 0.25 to 1 coin each, against 42.5 coins left.
        var asks = Enumerable.Range(0, 300).Select(i => (Client: i % 2 == 0 ? dm.Http : other.Http, Coins: 0.25m * (1 + (i % 4)))).ToList();
        var answers = await Task.WhenAll(asks.Select(async ask =>
        {
            using var response = await ask.Client.PostReservationAsync(productId, ask.Coins.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return (response.StatusCode, ask.Coins);
        }));

        Assert.True(answers.All(x => x.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict), string.Join("\n", factory.Logs.Entries.Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error).Select(e => e.Message + " " + e.Exception)));
        var granted = answers.Where(x => x.StatusCode == HttpStatusCode.Created).Sum(x => x.Coins);
        Assert.True(granted <= 42.5m, $"granted {granted} of 42.5 coins");

        // All of it was granted but for less than the largest ask; with leases (PostgreSQL) less than two:
        // the instance's unused lease and the database's room may each be a little less than an ask.
        var slack = TestDatabase.Provider == "Postgres" ? 2m : 1m;
        Assert.True(granted > 42.5m - slack, $"granted only {granted} of 42.5 coins");
        Assert.Equal(granted, (await a.Http.GetOkAsync("/api/v1/products/" + productId)).Coins().Dec("reserved"));
    }

    [StewardFact]
    public async Task A_raised_limit_counts_at_the_next_check()
    {
        using var a = await factory.NewTenantAsync();
        using var dm = await factory.NewPlatformMerchantAsync();
        var (_, _, productId) = await a.Http.NewProductTreeAsync(allowance: 10);
        await dm.Http.ReserveAsync(productId, 10);
        await dm.Http.ExpectLimitReachedAsync(productId, 5);

        using (var raised = await a.Http.PatchJsonAsync("/api/v1/products/" + productId, new { limit = 15 }))
        {
            await raised.ExpectJsonAsync(HttpStatusCode.OK);
        }

        await dm.Http.ReserveAsync(productId, 5);
        await dm.Http.ExpectLimitReachedAsync(productId, "0.1");
    }

    [StewardFact]
    public async Task An_expired_reservation_frees_its_coins_and_cannot_be_settled()
    {
        using var a = await factory.NewTenantAsync();
        using var dm = await factory.NewPlatformMerchantAsync();
        var (_, _, productId) = await a.Http.NewProductTreeAsync(allowance: 10);
        var id = (await dm.Http.ReserveAsync(productId, 8, ttlSeconds: 30)).Str("id");
        await dm.Http.ExpectLimitReachedAsync(productId, 5);

        factory.Time.Advance(TimeSpan.FromSeconds(31));
        await dm.Http.ReserveAsync(productId, 5);
        Assert.Equal("expired", (await dm.Http.GetOkAsync("/api/v1/reservations/" + id)).Str("state"));
        var refused = await dm.Http.ExpectProblemAsync(HttpMethod.Post, $"/api/v1/reservations/{id}/settle", HttpStatusCode.Conflict, new { coins = 8 }, "conflict");
        Assert.Equal(ReservationService.ReasonExpired, refused.Str("reason"));
        Assert.Equal(5m, (await a.Http.GetOkAsync("/api/v1/products/" + productId)).Coins().Dec("reserved"));

        // The sweeper stores it as expired, with its event; releasing it then changes nothing.
        await factory.Services.GetRequiredService<ReservationSweeper>().ExpireDueAsync();
        Assert.Contains((await a.Http.EventsAsync()), e => e.Str("type") == "reservation.expired" && e.Str("subject_id") == id);
        Assert.Equal("expired", (await dm.Http.ExpectAsync(HttpMethod.Delete, "/api/v1/reservations/" + id, HttpStatusCode.OK)).Str("state"));
    }

    [StewardFact]
    public async Task The_SDK_reserves_settles_and_releases()
    {
        var account = await factory.NewAccountAsync();
        using var http = factory.CreateClient();
        var steward = await StewardClient.ConnectAsync(http, account.ApiKey, account.ApiSecret);
        var merchant = await steward.Merchants.CreateAsync("dm", "dm.example.com");
        var org = await steward.Organisations.CreateAsync(NativeKit.Unique("org-"));
        var unit = await steward.Units.CreateAsync(org.Id, "billing", billingDay: 1);
        var product = await steward.Products.CreateAsync(unit.Id, "storage", "DATA_MANAGER_STORAGE_SUBSCRIPTION", allowance: 10m);
        var dm = await StewardClient.ConnectAsync(http, merchant.ApiKey, merchant.ApiSecret);

        var held = await dm.Reservations.ReserveAsync(product.Id, 6m, ttlSeconds: 60, username: "alice", name: "render");
        Assert.Equal(6m, held.Coins);
        Assert.Equal("open", held.State);
        var refused = await Assert.ThrowsAsync<StewardApiException>(() => dm.Reservations.ReserveAsync(product.Id, 5m));
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Equal("limit-reached", refused.Problem?.Code);
        Assert.Equal(6m, (await steward.Products.GetAsync(product.Id)).Coins.Reserved);

        var settled = await dm.Reservations.SettleAsync(held.Id, 4.5m);
        Assert.Equal("settled", settled.State);
        Assert.Equal(4.5m, settled.SettledCoins);
        Assert.Equal("settled", (await steward.Reservations.GetAsync(held.Id)).State);
        var line = (await steward.Charges.ForProductAsync(product.Id)).Lines.Single();
        Assert.Equal(("alice", "render"), (line.Username, line.Name));

        var second = await dm.Reservations.ReserveAsync(product.Id, 5.5m);
        Assert.Equal("released", (await dm.Reservations.ReleaseAsync(second.Id)).State);
        Assert.Equal(4.5m, (await steward.Products.GetAsync(product.Id)).Coins.Used);
    }
}
