using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Steward.Core.Access;
using Steward.Core.Caching;
using Steward.Core.Options;
using Steward.Core.Results;
using Steward.Core.Storage;
using Steward.Core.Tenancy;
using Steward.Core.Writes;

namespace Steward.Core.Billing;

/// <summary>Where an admitted reservation belongs (copied onto its row).</summary>
public sealed record Admission(Guid AccountId, Guid OrganisationId, Guid UnitId, Guid LeaseInstanceId);

/// <summary>
/// The spend check's memory: each product's budget (<see cref="ProductBudget"/>), so that the check
/// reads no database once a product is loaded. A check takes the product's lock, frees what has
/// expired, and holds the coins when <c>used + reserved + N ≤ limit</c> (without leases) or when
/// <c>reserved + N ≤ lease</c> (with leases, asking the database for more when not). Coins are held
/// before the reservation is stored, so concurrent checks never pass the limit together; a store that
/// fails gives them back.
/// <para>
/// The memory stays exact because every change to it follows a commit in the write gate's order: a
/// product is loaded (its ledger totals and, without leases, its open reservations) by a read that runs
/// in the gate, and charges, settlements, releases and expiries update it after their commit. A product
/// or unit event drops the product's cache entries (<see cref="ProductCacheKey"/>,
/// <see cref="UnitCacheKey"/>), and the facts are loaded again on the next check, as they are when the
/// billing period ends.
/// </para>
/// </summary>
public sealed partial class SpendBook
{
    /// <summary>Open reservations one product may have at a time (what keeps the memory bounded).</summary>
    public const int MaxOpenPerProduct = 1_000_000;

    /// <summary>After a lease grant found no room, how long before another is asked for.</summary>
    private static readonly TimeSpan GrantBackoff = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<Guid, ProductBudget> budgets = new();
    private readonly ConcurrentDictionary<Guid, Task<bool>> lookups = new();
    private readonly IDbContextFactory<StewardDb> dbs;
    private readonly WriteGate gate;
    private readonly ReadCache cache;
    private readonly TimeProvider time;
    private readonly ILogger<SpendBook> logger;

    public SpendBook(IDbContextFactory<StewardDb> dbs, WriteGate gate, ReadCache cache, TimeProvider time, IOptions<StewardOptions> options, ILogger<SpendBook> logger)
    {
        this.dbs = dbs;
        this.gate = gate;
        this.cache = cache;
        this.time = time;
        this.logger = logger;
        var o = options.Value;
        Leasing = o.Reservations.Leases ?? o.Storage.IsPostgres;
        LeaseLifetime = TimeSpan.FromSeconds(Math.Max(2, o.Reservations.LeaseSeconds));
    }

    /// <summary>This server process; a restarted server is a new instance (its old leases are taken back).</summary>
    public Guid InstanceId { get; } = Guid.CreateVersion7();

    /// <summary>Whether budgets are leased from the database in slices (several instances) or held whole.</summary>
    public bool Leasing { get; }

    public TimeSpan LeaseLifetime { get; }

    /// <summary>Products whose budget is in memory.</summary>
    public int Count => budgets.Count;

    /// <summary>
    /// The spend check: holds <paramref name="coins"/> of the product for reservation
    /// <paramref name="reservationId"/>, or refuses with <see cref="ErrorCode.LimitReached"/>. A product
    /// that does not exist, is deleted or is out of the merchant's reach is not found.
    /// </summary>
    public async ValueTask<Result<Admission>> AdmitAsync(Principal p, Guid productId, Guid reservationId, decimal coins, DateTimeOffset expiresAt, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 16; attempt++)
        {
            var budget = await FreshAsync(productId, ct);
            if (budget is null)
            {
                return Error.NotFound("Product");
            }

            Task wait;
            lock (budget)
            {
                if (budget.Evicted || !budget.Loaded)
                {
                    continue;
                }

                if (budget.Deleted || !ProductAccess.MerchantReaches(p, budget.AccountId))
                {
                    return Error.NotFound("Product");
                }

                var now = time.GetUtcNow();
                budget.ExpireDue(now);
                budget.LastActivity = now;
                if (budget.OpenCount >= MaxOpenPerProduct)
                {
                    return Error.LimitReached($"The product has {MaxOpenPerProduct} open reservations; settle or release some first.", "coins");
                }

                if (!Leasing)
                {
                    if (budget.Used + budget.Reserved + coins > budget.Limit)
                    {
                        var available = Math.Max(0, budget.Limit - budget.Used - budget.Reserved);
                        return Error.LimitReached(
                            $"The product's limit is reached: of its {Coins.Format(budget.Limit)} coins, {Coins.Format(budget.Used)} are used and {Coins.Format(budget.Reserved)} reserved; {Coins.Format(available)} are available.",
                            "coins");
                    }

                    budget.Hold(reservationId, coins, expiresAt);
                    return new Admission(budget.AccountId, budget.OrganisationId, budget.UnitId, Guid.Empty);
                }

                var valid = now < budget.LeaseValidUntil;
                if (valid && budget.Reserved + coins <= budget.Lease)
                {
                    budget.Hold(reservationId, coins, expiresAt);
                    return new Admission(budget.AccountId, budget.OrganisationId, budget.UnitId, InstanceId);
                }

                // Ask the database for more (or only renew an expired lease); concurrent checks share one grant.
                var need = budget.Reserved + coins - budget.Lease;
                if (valid && now < budget.ExhaustedUntil && need > budget.RoomSeen)
                {
                    return Error.LimitReached(
                        $"The product's limit is reached: its {Coins.Format(budget.Limit)} coins are used, reserved, or leased to other instances of this server; {Coins.Format(Math.Max(0, budget.Lease - budget.Reserved))} are available here.",
                        "coins");
                }

                // The grant asks for what every waiting check needs (at least this one's need), so that one
                // round trip serves them all.
                budget.Waiting += coins;
                wait = budget.Granting ??= Task.Run(() => GrantAsync(budget, need), CancellationToken.None);
            }

            try
            {
                await wait.WaitAsync(ct);
            }
            finally
            {
                lock (budget)
                {
                    budget.Waiting -= coins;
                }
            }
        }

        return Error.LimitReached("The product's budget is changing too quickly to check; try again.", "coins");
    }

    /// <summary>Gives back the coins of an admitted reservation whose write failed.</summary>
    public void Forget(Guid productId, Guid reservationId)
    {
        if (budgets.TryGetValue(productId, out var budget))
        {
            lock (budget)
            {
                budget.Drop(reservationId);
            }
        }
    }

    /// <summary>
    /// After a commit: the reservation was settled, released or expired. <paramref name="leaseCoins"/> is
    /// this instance's lease of the product as the write left it, when the write touched it.
    /// </summary>
    public void OnClosed(Guid productId, Guid reservationId, decimal? leaseCoins)
    {
        if (budgets.TryGetValue(productId, out var budget))
        {
            lock (budget)
            {
                budget.Drop(reservationId);
                if (leaseCoins is { } c)
                {
                    budget.Lease = c;
                }
            }
        }
    }

    /// <summary>After a commit: charge lines were recorded (by any path); the current period's count as used.</summary>
    public void OnCharged(IEnumerable<ChargeLine> lines)
    {
        foreach (var group in lines.Where(l => !l.PostFinal).GroupBy(l => (l.ProductId, l.PeriodStart)))
        {
            if (budgets.TryGetValue(group.Key.ProductId, out var budget))
            {
                lock (budget)
                {
                    if (budget.Loaded && budget.PeriodStart == group.Key.PeriodStart)
                    {
                        budget.Used += group.Sum(l => l.Coins);
                    }
                }
            }
        }
    }

    /// <summary>The loaded budget of a product, loading or refreshing its facts first when they are stale; null when there is no such product.</summary>
    private async ValueTask<ProductBudget?> FreshAsync(Guid productId, CancellationToken ct)
    {
        while (true)
        {
            // An id not in memory is looked up first, so that unknown ids take neither memory nor a turn in the gate.
            // Concurrent checks of the same id share the lookup (and its connection).
            if (!budgets.TryGetValue(productId, out var budget))
            {
                var lookup = lookups.GetOrAdd(productId, id => Task.Run(() => ExistsAsync(id), CancellationToken.None));
                try
                {
                    if (!await lookup.WaitAsync(ct))
                    {
                        return null;
                    }
                }
                finally
                {
                    lookups.TryRemove(new KeyValuePair<Guid, Task<bool>>(productId, lookup));
                }

                budget = budgets.GetOrAdd(productId, static id => new ProductBudget(id));
            }

            Task<bool> loading;
            lock (budget)
            {
                if (budget.Evicted)
                {
                    continue;
                }

                if (budget.Loaded && IsFresh(budget))
                {
                    return budget;
                }

                loading = budget.Loading ??= Task.Run(() => LoadAsync(budget), CancellationToken.None);
            }

            // A load that finished after this check began is fresh enough for it, even if a change has
            // dropped the cache entries since (the next check loads again).
            if (!await loading.WaitAsync(ct))
            {
                return null;
            }

            lock (budget)
            {
                if (!budget.Evicted && budget.Loaded)
                {
                    return budget;
                }
            }
        }
    }

    private async Task<bool> ExistsAsync(Guid productId)
    {
        await using var db = await dbs.CreateDbContextAsync();
        return await db.Products.AnyAsync(x => x.Id == productId);
    }

    private bool IsFresh(ProductBudget budget) =>
        time.GetUtcNow() < budget.PeriodEnd
        && cache.TryGet<Product>(new ProductCacheKey(budget.ProductId), out _)
        && cache.TryGet<Unit>(new UnitCacheKey(budget.UnitId), out _);

    /// <summary>
    /// Loads a product's facts through the gate, so that the read is ordered with every commit that
    /// changes them (their after-commit updates apply on top). The first load of a product without
    /// leases also takes its open reservations: after a restart, every acknowledged one is held again.
    /// </summary>
    private async Task<bool> LoadAsync(ProductBudget budget)
    {
        try
        {
            bool first;
            lock (budget)
            {
                first = !budget.Loaded;
            }

            var id = budget.ProductId;
            var found = await gate.ExecuteAsync(Principal.System, async ctx =>
            {
                var product = await ctx.Db.Products.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id);
                var unit = product is null ? null : await ctx.Db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == product.UnitId);
                if (product is null || unit is null)
                {
                    return Result<bool>.Ok(false);
                }

                var (from, until) = BillingDay.Period(DateOnly.FromDateTime(ctx.Now.UtcDateTime), unit.BillingDay, 0);
                var used = (await ctx.Db.ChargeTotals.AsNoTracking().Where(t => t.ScopeId == id && t.PeriodStart == from).ToListAsync())
                    .Sum(t => t.Coins + t.PostFinalCoins);
                var held = first && !Leasing
                    ? await ctx.Db.Reservations.AsNoTracking()
                        .Where(r => r.ProductId == id && r.State == ReservationState.Open)
                        .Select(r => new { r.Id, r.Coins, r.ExpiresAt })
                        .ToListAsync()
                    : [];
                var now = ctx.Now;
                ctx.AfterCommit(() =>
                {
                    lock (budget)
                    {
                        budget.AccountId = product.AccountId;
                        budget.OrganisationId = product.OrganisationId;
                        budget.UnitId = product.UnitId;
                        budget.Deleted = product.DeletedAt is not null;
                        budget.Limit = product.Limit;
                        budget.PeriodStart = from;
                        budget.PeriodEnd = new DateTimeOffset(until.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                        budget.Used = used;
                        budget.LastActivity = now;

                        // The limit may have been raised: a lease grant may find room again.
                        budget.ExhaustedUntil = DateTimeOffset.MinValue;
                        foreach (var r in held)
                        {
                            budget.Hold(r.Id, r.Coins, r.ExpiresAt);
                        }

                        budget.Loaded = true;
                    }

                    cache.Set(new ProductCacheKey(id), product);
                    cache.Set(new UnitCacheKey(unit.Id), unit);
                });
                return Result<bool>.Ok(true);
            });

            if (!found.IsSuccess || !found.Value)
            {
                // The product is gone with its unit (its reservations went with it): keep nothing for it.
                lock (budget)
                {
                    budget.Evicted = true;
                    budgets.TryRemove(new KeyValuePair<Guid, ProductBudget>(id, budget));
                }

                return false;
            }

            return true;
        }
        finally
        {
            lock (budget)
            {
                budget.Loading = null;
            }
        }
    }

    /// <summary>For the sweeper: forgets budgets that hold nothing and were not used for <paramref name="idle"/>.</summary>
    internal int Evict(DateTimeOffset now, TimeSpan idle)
    {
        var evicted = 0;
        foreach (var budget in budgets.Values)
        {
            lock (budget)
            {
                budget.ExpireDue(now);
                if (budget.IsIdle && now - budget.LastActivity >= idle)
                {
                    budget.Evicted = true;
                    budgets.TryRemove(new KeyValuePair<Guid, ProductBudget>(budget.ProductId, budget));
                    evicted++;
                }
            }
        }

        return evicted;
    }
}
