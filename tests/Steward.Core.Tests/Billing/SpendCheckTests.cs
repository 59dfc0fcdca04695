using Steward.Core.Catalog;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Steward.Core.Access;
using Steward.Core.Billing;
using Steward.Core.Events;
using Steward.Core.Options;
using Steward.Core.Results;
using Steward.Core.Storage;
using Steward.Core.Tenancy;
using Steward.Core.Writes;
using Steward.Storage.Sqlite;

namespace Steward.Core.Tests.Billing;

/// <summary>
/// The spend check against a real, migrated SQLite file with the core's own services and a fake clock,
/// without and with leases (one instance leasing from the database, as each instance does on PostgreSQL).
/// </summary>
public sealed class SpendCheckTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 5, 10, 8, 0, 0, TimeSpan.Zero);

    private readonly string directory = Path.Combine(Path.GetTempPath(), "steward-spend-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider time = new(Start);
    private readonly List<ServiceProvider> servers = [];
    private Principal merchant = null!;
    private Principal account = null!;
    private Guid productId;

    public async Task InitializeAsync()
    {
        var services = await StartAsync(leases: false);
        var created = await services.GetRequiredService<AccountService>().CreateAsync(Principal.System, new AccountInput("Spend", "spend@example.com"));
        var accountId = created.Value.Account.Id;
        account = new Principal(PrincipalKind.Account, accountId, Guid.Empty, accountId, Guid.Empty, Guid.Empty, DateTimeOffset.MaxValue);
        var org = await services.GetRequiredService<OrganisationService>().CreateAsync(account, new OrganisationInput("Org", null, null));
        var unit = await services.GetRequiredService<UnitService>().CreateAsync(account, org.Value.Organisation.Id, new UnitInput("Unit", 1));
        var product = await services.GetRequiredService<ProductService>().CreateAsync(account, unit.Value.Id, new ProductInput("storage", ProductTypeCatalog.DataManagerStorage, null, "100", "100"));
        productId = product.Value.Product.Id;
        var m = await services.GetRequiredService<MerchantService>().CreateAsync(Principal.System, new MerchantInput("dm", MerchantKinds.DataManager, "dm.example.com"));
        merchant = new Principal(PrincipalKind.Merchant, Guid.Empty, Guid.Empty, m.Value.Merchant.Id, Guid.Empty, Guid.Empty, DateTimeOffset.MaxValue);
    }

    public async Task DisposeAsync()
    {
        foreach (var services in servers)
        {
            await StopAsync(services);
        }

        SqliteConnection.ClearAllPools();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Parallel_reservations_never_pass_the_limit_less_what_is_used(bool leases)
    {
        var services = leases ? await StartAsync(leases: true) : servers[0];
        await ChargeAsync(services, "12.5");

        // 400 checks of 0.25 to 1 coin at once, against 100 - 12.5 = 87.5 coins.
        var amounts = Enumerable.Range(0, 400).Select(i => 0.25m * (1 + (i % 4))).ToList();
        var results = await Task.WhenAll(amounts.Select(a => Task.Run(() => ReserveAsync(services, a))));
        var granted = results.Where(r => r.IsSuccess).Sum(r => r.Value.Reservation.Coins);
        Assert.True(granted <= 87.5m, $"granted {granted} of 87.5");
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal(ErrorCode.LimitReached, r.Error!.Code));

        // One instance holds the whole room: all of it was granted but for less than the largest ask (with
        // leases, a grant that finds less room than asked makes the others wait a second).
        Assert.True(granted > (leases ? 86.5m : 87.25m), $"granted only {granted} of 87.5");
        var coins = await CoinsAsync(services);
        Assert.Equal(granted, coins.Reserved);
        Assert.Equal(12.5m, coins.Used);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Settling_and_releasing_are_idempotent_and_free_or_charge_the_coins(bool leases)
    {
        var services = leases ? await StartAsync(leases: true) : servers[0];
        var reservations = services.GetRequiredService<ReservationService>();
        var first = (await ReserveAsync(services, 60)).Value.Reservation;
        var second = (await ReserveAsync(services, 40)).Value.Reservation;
        Assert.Equal(ErrorCode.LimitReached, (await ReserveAsync(services, 1)).Error!.Code);

        var settled = await reservations.SettleAsync(merchant, first.Id, new SettlementInput("55"));
        Assert.Equal(ReservationState.Settled, settled.Value.State);
        var again = await reservations.SettleAsync(merchant, first.Id, new SettlementInput("70"));
        Assert.Equal(55m, again.Value.Reservation.SettledCoins);
        Assert.Equal((55m, 40m), ((await CoinsAsync(services)).Used, (await CoinsAsync(services)).Reserved));

        Assert.Equal(ReservationState.Released, (await reservations.ReleaseAsync(merchant, second.Id)).Value.State);
        Assert.Equal(ReservationState.Released, (await reservations.ReleaseAsync(merchant, second.Id)).Value.State);
        Assert.Equal(ReservationService.ReasonReleased, (await reservations.SettleAsync(merchant, second.Id, new SettlementInput("1"))).Error!.Reason);
        Assert.Equal(ReservationService.ReasonSettled, (await reservations.ReleaseAsync(merchant, first.Id)).Error!.Reason);

        // 100 - 55 used: 45 can be reserved again, not 46.
        Assert.Equal(ErrorCode.LimitReached, (await ReserveAsync(services, 46)).Error!.Code);
        Assert.True((await ReserveAsync(services, 45)).IsSuccess);
        await using var db = await Db(services);
        Assert.Equal(1, await db.ChargeLines.CountAsync(l => l.ProductId == productId));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Expired_reservations_free_their_coins_at_once_and_the_sweeper_stores_them(bool leases)
    {
        var services = leases ? await StartAsync(leases: true) : servers[0];
        var held = (await ReserveAsync(services, 90, ttl: 60)).Value.Reservation;
        Assert.Equal(ErrorCode.LimitReached, (await ReserveAsync(services, 20)).Error!.Code);

        time.Advance(TimeSpan.FromSeconds(61));

        // Free for the check before the sweeper has run; shown as expired; not settleable.
        Assert.True((await ReserveAsync(services, 20)).IsSuccess);
        var reservations = services.GetRequiredService<ReservationService>();
        Assert.Equal(ReservationState.Expired, (await reservations.GetAsync(merchant, held.Id)).Value.State);
        Assert.Equal(ReservationService.ReasonExpired, (await reservations.SettleAsync(merchant, held.Id, new SettlementInput("1"))).Error!.Reason);

        Assert.Equal(1, await services.GetRequiredService<ReservationSweeper>().ExpireDueAsync());
        await using var db = await Db(services);
        var row = await db.Reservations.AsNoTracking().SingleAsync(r => r.Id == held.Id);
        Assert.Equal(ReservationState.Expired, row.State);
        Assert.Equal(1, await db.Events.CountAsync(e => e.Type == "reservation.expired"));
        Assert.Equal(20m, (await CoinsAsync(services)).Reserved);
    }

    [Fact]
    public async Task A_restarted_server_holds_the_reservations_it_acknowledged()
    {
        await ReserveAsync(servers[0], 70);
        await StopAsync(servers[0]);
        servers.RemoveAt(0);

        var again = await StartAsync(leases: false);
        Assert.Equal(70m, (await CoinsAsync(again)).Reserved);
        Assert.Equal(ErrorCode.LimitReached, (await ReserveAsync(again, 31)).Error!.Code);
        Assert.True((await ReserveAsync(again, 30)).IsSuccess);
    }

    [Fact]
    public async Task An_idle_lease_goes_back_and_a_stale_one_is_taken_back()
    {
        var first = await StartAsync(leases: true);
        Assert.True((await ReserveAsync(first, 10)).IsSuccess);
        await using (var db = await Db(first))
        {
            // Half the room at least: the first grant takes 50 of 100.
            Assert.Equal(50m, (await db.SpendLeases.AsNoTracking().SingleAsync(l => l.ProductId == productId)).Coins);
        }

        // A second "instance" leases the rest while the first holds its lease.
        var second = await StartAsync(leases: true);
        Assert.True((await ReserveAsync(second, 50)).IsSuccess);
        Assert.Equal(ErrorCode.LimitReached, (await ReserveAsync(second, 1)).Error!.Code);

        // Unused for LeaseIdleSeconds: the first gives back all but its open 10.
        time.Advance(TimeSpan.FromSeconds(11));
        await first.GetRequiredService<ReservationSweeper>().SweepAsync();
        await using (var db = await Db(first))
        {
            Assert.Equal(10m, (await db.SpendLeases.AsNoTracking().SingleAsync(l => l.ProductId == productId && l.InstanceId == first.GetRequiredService<SpendBook>().InstanceId)).Coins);
        }

        // The first stops renewing (as if killed); past the lease lifetime the second takes its lease back
        // down to its open reservation, and can lease what was freed.
        await StopAsync(first);
        servers.Remove(first);
        time.Advance(TimeSpan.FromSeconds(31));
        await second.GetRequiredService<ReservationSweeper>().SweepAsync();
        Assert.True((await ReserveAsync(second, 40)).IsSuccess);
        Assert.Equal(ErrorCode.LimitReached, (await ReserveAsync(second, 1)).Error!.Code);
        Assert.Equal(100m, (await CoinsAsync(second)).Reserved);
    }

    private async Task<ServiceProvider> StartAsync(bool leases)
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<TimeProvider>(time);
        collection.Configure<StewardOptions>(o =>
        {
            o.MasterKey = Convert.ToBase64String(new byte[32]);
            o.Reservations.Leases = leases;
        });
        collection.AddPooledDbContextFactory<StewardDb>(o => o.UseStewardSqlite("Data Source=" + Path.Combine(directory, "steward.db")));
        collection.AddStewardCore();
        var services = collection.BuildServiceProvider();
        await using (var db = await services.GetRequiredService<IDbContextFactory<StewardDb>>().CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
        }

        servers.Add(services);
        return services;
    }

    private static async Task StopAsync(ServiceProvider services)
    {
        await services.GetRequiredService<WriteGate>().DisposeAsync();
        await services.DisposeAsync();
    }

    private static Task<StewardDb> Db(ServiceProvider services) => services.GetRequiredService<IDbContextFactory<StewardDb>>().CreateDbContextAsync();

    private Task<Result<ReservationView>> ReserveAsync(ServiceProvider services, decimal coins, long? ttl = null) =>
        services.GetRequiredService<ReservationService>().ReserveAsync(merchant, productId, new ReservationInput(coins.ToString(System.Globalization.CultureInfo.InvariantCulture), ttl));

    private async Task ChargeAsync(ServiceProvider services, string coins)
    {
        var recorded = await services.GetRequiredService<ChargeService>().RecordAsync(merchant, [new ChargeLineInput(Ids.PublicId.Of<Product>(productId), Guid.NewGuid().ToString("N"), "processing", coins, "alice")]);
        Assert.True(recorded.IsSuccess);
    }

    private async Task<CoinsDetail> CoinsAsync(ServiceProvider services) =>
        (await services.GetRequiredService<ProductService>().GetAsync(account, productId)).Value.Coins;
}
