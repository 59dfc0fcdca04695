using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Steward.Core.Access;
using Steward.Core.Catalog;
using Steward.Core.Events;
using Steward.Core.Identity;
using Steward.Core.Options;
using Steward.Core.Results;
using Steward.Core.Storage;
using Steward.Core.Tenancy;
using Steward.Core.Writes;
using Steward.Storage.Sqlite;

namespace Steward.Core.Tests;

/// <summary>
/// The subscription service and its worker pass against a real, migrated SQLite file, with the core's
/// own services and a fake clock: what time does is stored once, with typed events, with no request.
/// </summary>
public sealed class SubscriptionServiceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly string directory = Path.Combine(Path.GetTempPath(), "steward-subscriptions-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider time = new(Start);
    private ServiceProvider services = null!;
    private SubscriptionService subscriptions = null!;
    private Principal account = null!;
    private Guid userId;

    public async Task InitializeAsync()
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<TimeProvider>(time);
        collection.Configure<StewardOptions>(o =>
        {
            o.MasterKey = Convert.ToBase64String(new byte[32]);
            o.Subscriptions.GracePeriodDays = 2;
        });
        collection.AddPooledDbContextFactory<StewardDb>(o => o.UseStewardSqlite("Data Source=" + Path.Combine(directory, "steward.db")));
        collection.AddStewardCore();
        services = collection.BuildServiceProvider();
        await using (var db = await services.GetRequiredService<IDbContextFactory<StewardDb>>().CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
        }

        subscriptions = services.GetRequiredService<SubscriptionService>();
        var created = await services.GetRequiredService<AccountService>().CreateAsync(Principal.System, new AccountInput("Site", "site@example.com"));
        var accountId = created.Value.Account.Id;
        account = new Principal(PrincipalKind.Account, accountId, Guid.Empty, accountId, Guid.Empty, Guid.Empty, DateTimeOffset.MaxValue);
        userId = (await services.GetRequiredService<UserService>().CreateAsync(account, new UserInput("subscriber", null))).Value.User.Id;
    }

    public async Task DisposeAsync()
    {
        await services.GetRequiredService<WriteGate>().DisposeAsync();
        await services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private async Task<Plan> PlanAsync(decimal price, PlanType type = PlanType.Regular, int days = 10)
    {
        var plan = await services.GetRequiredService<PlanService>().CreateAsync(account, new PlanInput
        {
            Name = "Plan " + Guid.NewGuid().ToString("N")[..6],
            Price = price,
            PlanType = type == PlanType.FreeTrial ? "free_trial" : "regular",
            DurationQuantity = days,
            DurationUnits = "days",
        });
        return plan.Value;
    }

    private async Task<List<EventRecord>> EventsAsync()
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<StewardDb>>().CreateDbContextAsync();
        return await db.Events.AsNoTracking().Where(e => e.Type.StartsWith("subscription.")).OrderBy(e => e.Sequence).ToListAsync();
    }

    private async Task<Subscription> StoredAsync()
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<StewardDb>>().CreateDbContextAsync();
        return await db.Subscriptions.AsNoTracking().SingleAsync(s => s.UserId == userId);
    }

    [Fact]
    public async Task The_worker_stores_a_due_renewal_and_a_lapse_once_each_with_events()
    {
        var plan = await PlanAsync(9.99m);
        var sub = (await subscriptions.SubscribeAsync(account, userId, new SubscribeInput(plan.Uid))).Value.Subscription;
        Assert.Equal(Start.AddDays(10), sub.ActiveUntil);
        Assert.Equal(Start.AddDays(10), (await StoredAsync()).DueAt);

        time.Advance(TimeSpan.FromDays(9));
        Assert.Equal(0, await subscriptions.RunDueAsync());

        time.Advance(TimeSpan.FromDays(1.5));
        Assert.Equal(1, await subscriptions.RunDueAsync());
        Assert.Equal(0, await subscriptions.RunDueAsync());
        var stored = await StoredAsync();
        Assert.Equal(SubscriptionStatus.InGrace, stored.Status);
        Assert.Equal(9.99m, stored.PendingAmount);
        Assert.Equal(Start.AddDays(12), stored.GraceUntil);
        Assert.Equal(Start.AddDays(12), stored.DueAt);

        time.Advance(TimeSpan.FromDays(2));
        await Task.WhenAll(subscriptions.RunDueAsync(), subscriptions.RunDueAsync());
        Assert.Equal(SubscriptionStatus.Lapsed, (await StoredAsync()).Status);
        Assert.Null((await StoredAsync()).DueAt);

        var events = await EventsAsync();
        Assert.Equal(["subscription.created", "subscription.subscribed", "subscription.renewal_due", "subscription.lapsed"], events.Select(e => e.Type));
        Assert.All(events.Skip(2), e => Assert.Equal("system", e.ActorId));
        Assert.Contains("\"reason\":\"unpaid\"", events[^1].Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_shows_what_time_did_before_the_worker_stores_it()
    {
        var plan = await PlanAsync(0m, PlanType.FreeTrial, days: 3);
        var trial = await subscriptions.StartFreeTrialAsync(account, userId, plan.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(SubscriptionStatus.Trial, trial.Value.Subscription.Status);

        time.Advance(TimeSpan.FromDays(4));
        var read = await subscriptions.GetAsync(account, trial.Value.Subscription.Id);
        Assert.Equal(SubscriptionStatus.Lapsed, read.Value.Subscription.Status);
        Assert.Equal(SubscriptionStatus.Trial, (await StoredAsync()).Status);

        // A write stores it first, with its event, then makes its change.
        var allowed = await subscriptions.AllowFreeTrialAsync(account, userId);
        Assert.True(allowed.Value.Subscription.EligibleForFreeTrial);
        Assert.Equal(SubscriptionStatus.Lapsed, (await StoredAsync()).Status);
        Assert.Equal(0, await subscriptions.RunDueAsync());
        Assert.Equal(
            ["subscription.created", "subscription.trial_started", "subscription.lapsed", "subscription.free_trial_allowed"],
            (await EventsAsync()).Select(e => e.Type));
    }

    [Fact]
    public async Task Refusals_carry_reasons_and_leave_nothing_written()
    {
        var regular = await PlanAsync(5m);
        var refused = await subscriptions.StartFreeTrialAsync(account, userId, regular.Uid);
        Assert.Equal(ErrorCode.Conflict, refused.Error!.Code);
        Assert.Equal(CatalogReasons.PlanNotFreeTrial, refused.Error.Reason);

        var inactive = await subscriptions.ExtendAsync(account, userId, new DurationInput(1, "days"));
        Assert.Equal(CatalogReasons.SubscriberInactive, inactive.Error!.Reason);

        var invalid = await subscriptions.GiveComplimentaryAsync(account, userId, new DurationInput(null, "weeks"), null);
        Assert.Equal(ErrorCode.Validation, invalid.Error!.Code);
        Assert.Equal(["duration_quantity", "duration_units"], invalid.Error.Violations.Select(v => v.Field).Distinct());

        Assert.Empty(await EventsAsync());
        await using var db = await services.GetRequiredService<IDbContextFactory<StewardDb>>().CreateDbContextAsync();
        Assert.False(await db.Subscriptions.AnyAsync());
    }
}
