using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Steward.Core.Access;
using Steward.Core.Options;
using Steward.Core.Results;
using Steward.Core.Storage;
using Steward.Core.Writes;

namespace Steward.Core.Billing;

/// <summary>
/// The spend check's background work, on the injected clock: stores reservations past their expiry as
/// expired (their coins were already free in memory, checks skip them), and with leases renews this
/// instance's leases, reads its reservations other instances closed, gives back what it has not used
/// for a while, and takes back the leases of instances that stopped renewing theirs. Budgets that hold
/// nothing are forgotten after a while, so memory follows the products in use.
/// </summary>
public sealed class ReservationSweeper(
    IDbContextFactory<StewardDb> dbs,
    WriteGate gate,
    SpendBook book,
    TimeProvider time,
    IOptions<StewardOptions> options,
    ILogger<ReservationSweeper> logger) : BackgroundService
{
    /// <summary>Reservations expired in one write (one commit serves them all).</summary>
    private const int Chunk = 500;

    /// <summary>How long a budget that holds nothing stays in memory unused.</summary>
    private static readonly TimeSpan EvictAfter = TimeSpan.FromMinutes(10);

    private DateTimeOffset nextRenewal = DateTimeOffset.MinValue;

    /// <summary>One pass of everything; tests call it instead of waiting for the timer.</summary>
    public async Task SweepAsync(CancellationToken ct = default)
    {
        await ExpireDueAsync(ct);
        if (book.Leasing)
        {
            await SyncLeasesAsync(ct);
            await ReturnIdleAsync(ct);
            await gate.ExecuteAsync(Principal.System, ctx => SpendLeases.ReclaimAsync(ctx, ctx.Now - book.LeaseLifetime), ct);
        }

        book.Evict(time.GetUtcNow(), EvictAfter);
    }

    /// <summary>Stores every open reservation whose expiry has passed as expired; returns how many.</summary>
    public async Task<int> ExpireDueAsync(CancellationToken ct = default)
    {
        var expired = 0;
        while (true)
        {
            var now = time.GetUtcNow();
            List<Guid> due;
            await using (var db = await dbs.CreateDbContextAsync(ct))
            {
                due = await db.Reservations.AsNoTracking()
                    .Where(r => r.State == ReservationState.Open && r.ExpiresAt <= now)
                    .OrderBy(r => r.ExpiresAt)
                    .Select(r => r.Id)
                    .Take(Chunk)
                    .ToListAsync(ct);
            }

            if (due.Count == 0)
            {
                return expired;
            }

            var result = await gate.ExecuteAsync(Principal.System, ctx => ExpireAsync(ctx, due), ct);
            expired += result.IsSuccess ? result.Value : 0;
            if (due.Count < Chunk || !result.IsSuccess)
            {
                return expired;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(Math.Max(50, options.Value.Reservations.SweepIntervalMilliseconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stoppingToken);
                await SweepAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not sweep reservations and leases; retrying.");
            }
        }
    }

    private async Task<Result<int>> ExpireAsync(WriteContext ctx, List<Guid> due)
    {
        var rows = await ctx.Db.Reservations.Where(r => due.Contains(r.Id) && r.State == ReservationState.Open).ToListAsync();
        rows = rows.Where(r => r.ExpiresAt <= ctx.Now).ToList();
        foreach (var row in rows)
        {
            row.State = ReservationState.Expired;
            row.ClosedAt = row.ExpiresAt;
            row.Version++;
            ctx.Emit(row.AccountId, ReservationEvent.Of<ReservationExpired>(row));
        }

        // The instance that granted one drops it from memory at its expiry by itself: no notice.
        var mine = await SpendLeases.CloseAsync(ctx, book.InstanceId, rows.Select(r => new Closing(r, 0, Notify: false)).ToList());
        ctx.AfterCommit(() =>
        {
            foreach (var row in rows)
            {
                book.OnClosed(row.ProductId, row.Id, mine.TryGetValue(row.ProductId, out var coins) ? coins : null);
            }
        });
        return rows.Count;
    }

    /// <summary>Reads this instance's leases and notices (renewing the leases every few sweeps).</summary>
    private async Task SyncLeasesAsync(CancellationToken ct)
    {
        var renew = time.GetUtcNow() >= nextRenewal;
        var result = await gate.ExecuteAsync(Principal.System, async ctx =>
        {
            var sync = await SpendLeases.SyncAsync(ctx, book.InstanceId, renew);
            if (sync.IsSuccess)
            {
                var now = ctx.Now;
                ctx.AfterCommit(() => book.ApplySync(sync.Value, now, renew));
            }

            return sync;
        }, ct);

        if (renew && result.IsSuccess)
        {
            // A sixth of the lifetime: an instance uses a lease for half of it, so two renewals may fail in between.
            nextRenewal = time.GetUtcNow() + (book.LeaseLifetime / 6);
        }
    }

    private async Task ReturnIdleAsync(CancellationToken ct)
    {
        var idle = TimeSpan.FromSeconds(Math.Max(1, options.Value.Reservations.LeaseIdleSeconds));
        var room = book.TakeIdleLeaseRoom(time.GetUtcNow(), idle);
        if (room.Count == 0)
        {
            return;
        }

        await gate.ExecuteAsync(Principal.System, async ctx =>
        {
            var left = await SpendLeases.ReturnAsync(ctx, book.InstanceId, room);
            if (left.IsSuccess)
            {
                ctx.AfterCommit(() => book.ApplyReturned(left.Value, room.Keys));
            }

            return left;
        }, ct);
    }
}
