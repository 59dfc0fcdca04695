using Microsoft.EntityFrameworkCore;
using Steward.Core.Results;
using Steward.Core.Tenancy;
using Steward.Core.Writes;

namespace Steward.Core.Billing;

/// <summary>A lease as a write left it: its coins, whether a grant gave all that was asked, and the room it found.</summary>
internal sealed record LeaseState(decimal Coins, bool Enough, decimal Room);

/// <summary>What an instance's sweep learnt: its leases' coins, and its reservations other instances closed.</summary>
internal sealed record LeaseSync(IReadOnlyDictionary<Guid, decimal> Leases, IReadOnlyList<(Guid ProductId, Guid ReservationId)> ClosedElsewhere);

/// <summary>A reservation being closed, with how much its live lease shrinks (what a settlement charged, within the reservation).</summary>
internal sealed record Closing(Reservation Reservation, decimal LiveShrink, bool Notify);

/// <summary>
/// The database side of leases, each method a part of a write inside the gate. The invariant: when a
/// lease is granted, the product's used coins in its current period plus every lease of it is at most
/// its limit. Grants take turns on the product's <see cref="SpendBudget"/> row (its version is checked
/// by the UPDATE, so of two instances granting at once one fails and asks again); every other change
/// only shrinks leases, which can only make room. A settlement shrinks the reservation's lease by what
/// it charged (at most the reservation), so used + leases stays the same.
/// </summary>
internal static class SpendLeases
{
    /// <summary>
    /// Grows <paramref name="instanceId"/>'s lease of the product by at least <paramref name="need"/>: by
    /// <paramref name="want"/> or half the free room, whichever is more (so that a busy instance asks
    /// rarely), within the room; and renews it. When the room is less than the need nothing is granted
    /// and <see cref="LeaseState.Enough"/> is false.
    /// </summary>
    public static async Task<Result<LeaseState>> GrantAsync(WriteContext ctx, Guid productId, Guid instanceId, decimal need, decimal want)
    {
        var product = await ctx.Db.Products.AsNoTracking().FirstOrDefaultAsync(x => x.Id == productId);
        if (product is null)
        {
            return Error.NotFound("Product");
        }

        // Read in this order: the turn row, the leases, then the ledger. A settlement that commits in
        // between shrinks a lease and adds its charge at once; seen half, it only undercounts the room.
        var budget = await ctx.Db.SpendBudgets.FirstOrDefaultAsync(b => b.ProductId == productId);
        var leases = await ctx.Db.SpendLeases.Where(l => l.ProductId == productId).ToListAsync();
        var billingDay = await ctx.Db.Units.AsNoTracking().Where(u => u.Id == product.UnitId).Select(u => u.BillingDay).FirstAsync();
        var start = BillingDay.Period(DateOnly.FromDateTime(ctx.Now.UtcDateTime), billingDay, 0).From;
        var used = (await ctx.Db.ChargeTotals.AsNoTracking().Where(t => t.ScopeId == productId && t.PeriodStart == start).ToListAsync())
            .Sum(t => t.Coins + t.PostFinalCoins);

        var mine = leases.FirstOrDefault(l => l.InstanceId == instanceId);
        var room = product.Limit - used - leases.Sum(l => l.Coins);
        var grant = 0m;
        if (need > 0 && room >= need)
        {
            grant = Math.Min(room, Math.Max(Math.Max(need, want), decimal.Round(room / 2, Coins.Scale, MidpointRounding.ToZero)));
            if (budget is null)
            {
                ctx.Db.SpendBudgets.Add(new SpendBudget { ProductId = productId, GrantedAt = ctx.Now, Version = 1 });
            }
            else
            {
                budget.GrantedAt = ctx.Now;
                budget.Version++;
            }
        }

        if (mine is null)
        {
            if (grant == 0)
            {
                return new LeaseState(0, need <= 0, room);
            }

            mine = new SpendLease { ProductId = productId, InstanceId = instanceId, RenewedAt = ctx.Now, Version = 1 };
            ctx.Db.SpendLeases.Add(mine);
        }
        else
        {
            mine.Version++;
        }

        mine.Coins += grant;
        mine.RenewedAt = ctx.Now;
        mine.Abandoned = false;
        return new LeaseState(mine.Coins, need <= 0 || grant > 0, room - grant);
    }

    /// <summary>
    /// An instance's sweep: reads its leases (renewing them when <paramref name="renew"/>) and takes the
    /// notices of its reservations that other instances closed.
    /// </summary>
    public static async Task<Result<LeaseSync>> SyncAsync(WriteContext ctx, Guid instanceId, bool renew)
    {
        var leases = renew
            ? await ctx.Db.SpendLeases.Where(l => l.InstanceId == instanceId).ToListAsync()
            : await ctx.Db.SpendLeases.AsNoTracking().Where(l => l.InstanceId == instanceId).ToListAsync();
        if (renew)
        {
            foreach (var lease in leases)
            {
                lease.RenewedAt = ctx.Now;
                lease.Abandoned = false;
                lease.Version++;
            }
        }

        var notices = await ctx.Db.SpendNotices.Where(n => n.InstanceId == instanceId).OrderBy(n => n.Id).Take(10_000).ToListAsync();
        ctx.Db.SpendNotices.RemoveRange(notices);
        return new LeaseSync(
            leases.ToDictionary(l => l.ProductId, l => l.Coins),
            notices.Select(n => (n.ProductId, n.ReservationId)).ToList());
    }

    /// <summary>Gives back unused coins of the instance's leases; a lease left empty is deleted. Returns each lease's coins after.</summary>
    public static async Task<Result<IReadOnlyDictionary<Guid, decimal>>> ReturnAsync(WriteContext ctx, Guid instanceId, IReadOnlyDictionary<Guid, decimal> coins)
    {
        var ids = coins.Keys.ToList();
        var leases = await ctx.Db.SpendLeases.Where(l => l.InstanceId == instanceId && ids.Contains(l.ProductId)).ToListAsync();
        var after = new Dictionary<Guid, decimal>();
        foreach (var lease in leases)
        {
            lease.Coins -= Math.Min(lease.Coins, coins[lease.ProductId]);
            lease.Version++;
            after[lease.ProductId] = lease.Coins;
            if (lease.Coins == 0)
            {
                ctx.Db.SpendLeases.Remove(lease);
            }
        }

        return after;
    }

    /// <summary>
    /// Takes back the leases of instances that stopped renewing them before <paramref name="cutoff"/>:
    /// each shrinks to the open reservations it still holds (and is deleted when none), and is marked
    /// abandoned, so that it shrinks further as they close.
    /// </summary>
    public static async Task<Result<int>> ReclaimAsync(WriteContext ctx, DateTimeOffset cutoff)
    {
        var dead = await ctx.Db.SpendLeases.Where(l => !l.Abandoned && l.RenewedAt < cutoff).OrderBy(l => l.RenewedAt).Take(100).ToListAsync();
        foreach (var lease in dead)
        {
            var held = (await ctx.Db.Reservations.AsNoTracking()
                    .Where(r => r.LeaseInstanceId == lease.InstanceId && r.ProductId == lease.ProductId && r.State == ReservationState.Open)
                    .Select(r => r.Coins)
                    .ToListAsync())
                .Sum();
            lease.Coins = Math.Min(lease.Coins, held);
            lease.Abandoned = true;
            lease.Version++;
            if (lease.Coins == 0)
            {
                ctx.Db.SpendLeases.Remove(lease);
            }

            await ctx.Db.SpendNotices.Where(n => n.InstanceId == lease.InstanceId && n.ProductId == lease.ProductId).ExecuteDeleteAsync();
        }

        return dead.Count;
    }

    /// <summary>
    /// The lease side of closing reservations: a live lease shrinks by <see cref="Closing.LiveShrink"/>
    /// (its instance keeps the room a release frees); an abandoned one by the whole reservation. Another
    /// instance's live lease gets a notice. Returns the coins of <paramref name="instanceId"/>'s own leases after.
    /// </summary>
    public static async Task<IReadOnlyDictionary<Guid, decimal>> CloseAsync(WriteContext ctx, Guid instanceId, IReadOnlyList<Closing> closing)
    {
        var leased = closing.Where(c => c.Reservation.LeaseInstanceId != Guid.Empty).ToList();
        var mine = new Dictionary<Guid, decimal>();
        if (leased.Count == 0)
        {
            return mine;
        }

        var productIds = leased.Select(c => c.Reservation.ProductId).Distinct().ToList();
        var leases = (await ctx.Db.SpendLeases.Where(l => productIds.Contains(l.ProductId)).ToListAsync())
            .ToDictionary(l => (l.ProductId, l.InstanceId));
        foreach (var (r, liveShrink, notify) in leased)
        {
            if (!leases.TryGetValue((r.ProductId, r.LeaseInstanceId), out var lease))
            {
                continue;
            }

            var shrink = Math.Min(lease.Coins, lease.Abandoned ? r.Coins : liveShrink);
            if (shrink > 0)
            {
                lease.Coins -= shrink;
                lease.Version++;
            }

            if (lease.Abandoned && lease.Coins == 0)
            {
                ctx.Db.SpendLeases.Remove(lease);
                leases.Remove((r.ProductId, r.LeaseInstanceId));
            }
            else if (lease.InstanceId != instanceId && !lease.Abandoned && notify)
            {
                ctx.Db.SpendNotices.Add(new SpendNotice { InstanceId = lease.InstanceId, ProductId = r.ProductId, ReservationId = r.Id, CreatedAt = ctx.Now });
            }

            if (lease.InstanceId == instanceId)
            {
                mine[r.ProductId] = lease.Coins;
            }
        }

        return mine;
    }
}
