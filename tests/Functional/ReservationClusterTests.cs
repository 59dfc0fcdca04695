#if STEWARD_POSTGRES
using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Steward.Core.Billing;
using Steward.Core.Storage;
using Steward.Functional.Infrastructure;
using Steward.Functional.Native;

namespace Steward.Functional;

/// <summary>
/// The spend check on two instances sharing one PostgreSQL database: each reserves within a lease of
/// the product's budget taken from the database, so that together they never pass the limit; a
/// reservation closed on the other instance frees its coins on the one that granted it; the lease of an
/// instance that stopped is taken back.
/// </summary>
public sealed class ReservationClusterTests(StewardFactory first) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task Concurrent_reservations_on_two_instances_never_pass_the_limit_together()
    {
        using var second = first.Peer();
        var (a, productId, token) = await SetUpAsync(limit: 40);
        using var onFirst = first.ClientWithToken(token);
        using var onSecond = second.ClientWithToken(token);
        await onFirst.ChargeAsync(BillingKit.Line(productId, "5"));

        // Both instances hold a lease before the burst: 1 coin reserved on each.
        await onFirst.ReserveAsync(productId, 1);
        await onSecond.ReserveAsync(productId, 1);

        var asks = Enumerable.Range(0, 400).Select(i => (Client: i % 2 == 0 ? onFirst : onSecond, Coins: 0.25m * (1 + (i % 4)))).ToList();
        var answers = await Task.WhenAll(asks.Select(async ask =>
        {
            using var response = await ask.Client.PostReservationAsync(productId, ask.Coins.ToString(CultureInfo.InvariantCulture));
            return (response.StatusCode, ask.Coins, OnFirst: ask.Client == onFirst);
        }));

        Assert.All(answers, x => Assert.Contains(x.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        var granted = 2m + answers.Where(x => x.StatusCode == HttpStatusCode.Created).Sum(x => x.Coins);
        Assert.True(granted <= 35m, $"granted {granted} of 35 coins");

        // Nearly all of it was granted (which instance got how much depends on who asked first).
        Assert.True(granted > 30m, $"granted only {granted} of 35 coins");
        Assert.Equal(granted, (await a.GetOkAsync("/api/v1/products/" + productId)).Coins().Dec("reserved"));

        // The database's invariant: used + every lease <= limit.
        await using var db = await first.Services.GetRequiredService<IDbContextFactory<StewardDb>>().CreateDbContextAsync();
        var id = Guid.Parse(productId["product-".Length..]);
        var leased = (await db.SpendLeases.AsNoTracking().Where(l => l.ProductId == id).ToListAsync()).Sum(l => l.Coins);
        Assert.True(5m + leased <= 40m, $"used 5 + leased {leased} passes the limit of 40");
        Assert.True(leased >= granted);
    }

    [StewardFact]
    public async Task A_reservation_settled_or_released_on_the_other_instance_frees_its_coins_where_it_was_granted()
    {
        using var second = first.Peer();
        var (a, productId, token) = await SetUpAsync(limit: 10);
        using var onFirst = first.ClientWithToken(token);
        using var onSecond = second.ClientWithToken(token);

        var six = (await onFirst.ReserveAsync(productId, 6)).Str("id");
        var four = (await onSecond.ReserveAsync(productId, 4)).Str("id");
        await onFirst.ExpectLimitReachedAsync(productId, 1);
        await onSecond.ExpectLimitReachedAsync(productId, 1);

        // Each closed on the instance that did not grant it.
        using (var settled = await onSecond.PostJsonAsync($"/api/v1/reservations/{six}/settle", new { coins = 2 }))
        {
            Assert.Equal("settled", (await settled.ExpectJsonAsync(HttpStatusCode.OK)).Str("state"));
        }

        Assert.Equal("released", (await onFirst.ExpectAsync(HttpMethod.Delete, "/api/v1/reservations/" + four, HttpStatusCode.OK)).Str("state"));

        // After each instance's next sweep: 10 - 2 used = 8 coins, 4 in each lease.
        await first.Services.GetRequiredService<ReservationSweeper>().SweepAsync();
        await second.Services.GetRequiredService<ReservationSweeper>().SweepAsync();
        await onFirst.ReserveAsync(productId, 4);
        await onSecond.ReserveAsync(productId, 4);
        await onFirst.ExpectLimitReachedAsync(productId, "0.5");
        var coins = (await a.GetOkAsync("/api/v1/products/" + productId)).Coins();
        Assert.Equal((2m, 8m), (coins.Dec("used"), coins.Dec("reserved")));
    }

    [StewardFact]
    public async Task The_lease_of_an_instance_that_stopped_is_taken_back_but_its_reservations_still_hold()
    {
        using var second = first.Peer();
        var (a, productId, token) = await SetUpAsync(limit: 10);
        using (var third = first.Peer())
        {
            using var onThird = third.ClientWithToken(token);

            // Its lease is half the room (5), of which 2 are reserved.
            await onThird.ReserveAsync(productId, 2);
        }

        using var onSecond = second.ClientWithToken(token);
        await onSecond.ExpectLimitReachedAsync(productId, 8);

        // Past the lease's lifetime, the second instance's sweep takes it back down to its open 2.
        second.Time.Advance(TimeSpan.FromSeconds(31));
        await second.Services.GetRequiredService<ReservationSweeper>().SweepAsync();
        await onSecond.ReserveAsync(productId, 8);
        await onSecond.ExpectLimitReachedAsync(productId, "0.1");
        Assert.Equal(10m, (await a.GetOkAsync("/api/v1/products/" + productId)).Coins().Dec("reserved"));
    }

    private async Task<(HttpClient Account, string ProductId, string MerchantToken)> SetUpAsync(decimal limit)
    {
        var account = await first.NewAccountAsync();
        var a = first.ClientWithToken(account.Token);
        var (_, _, productId) = await a.NewProductTreeAsync(allowance: limit);
        using var root = await first.RootClientAsync();
        var merchant = await root.ExpectAsync(HttpMethod.Post, "/api/v1/merchants", HttpStatusCode.Created, new { name = NativeKit.Unique("dm-"), kind = "DATA_MANAGER", api_hostname = "dm.example.com" });
        var token = await first.CreateClient().TokenAsync(merchant.Str("api_key"), merchant.Str("api_secret"));
        return (a, productId, token);
    }
}
#endif
