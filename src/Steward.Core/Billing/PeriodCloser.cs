using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Steward.Core.Access;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Storage;
using Steward.Core.Tenancy;

namespace Steward.Core.Billing;

/// <summary>
/// Closes billing periods at their end (the unit's next billing day, 00:00 UTC): each open period
/// that has ended gets its statement frozen (coins and lines copied from the unit's summary rows)
/// and a <see cref="BillingPeriodClosed"/> event. It runs through the write gate, so a line is either
/// in the statement or arrives after it as post-final, never both. Driven by the injected clock;
/// several instances may run it, the second finds the period already closed.
/// </summary>
public sealed class PeriodCloser(IDbContextFactory<StewardDb> dbs, Writes.WriteGate gate, TimeProvider time, ILogger<PeriodCloser> logger) : BackgroundService
{
    /// <summary>How often due periods are looked for.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    /// <summary>Periods closed in one write (one commit serves them all).</summary>
    private const int Chunk = 100;

    /// <summary>Closes every open period that has ended by today (UTC); returns how many it closed.</summary>
    public async Task<int> CloseDueAsync(CancellationToken ct = default)
    {
        var closed = 0;
        while (true)
        {
            var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            List<(Guid UnitId, DateOnly Start)> due;
            await using (var db = await dbs.CreateDbContextAsync(ct))
            {
                due = (await db.BillingPeriods.AsNoTracking()
                        .Where(b => b.ClosedAt == null && b.PeriodEnd <= today)
                        .OrderBy(b => b.PeriodEnd)
                        .Select(b => new { b.UnitId, b.PeriodStart })
                        .Take(Chunk)
                        .ToListAsync(ct))
                    .Select(b => (b.UnitId, b.PeriodStart))
                    .ToList();
            }

            if (due.Count == 0)
            {
                return closed;
            }

            var result = await gate.ExecuteAsync(Principal.System, ctx => CloseAsync(ctx, due), ct);
            closed += result.IsSuccess ? result.Value : 0;
            if (due.Count < Chunk || !result.IsSuccess || result.Value == 0)
            {
                return closed;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, time, stoppingToken);
                await CloseDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not close due billing periods; retrying.");
            }
        }
    }

    private static async Task<Result<int>> CloseAsync(Writes.WriteContext ctx, List<(Guid UnitId, DateOnly Start)> due)
    {
        var unitIds = due.Select(d => d.UnitId).Distinct().ToList();
        var starts = due.Select(d => d.Start).Distinct().ToList();
        var wanted = due.ToHashSet();
        var periods = (await ctx.Db.BillingPeriods
                .Where(b => unitIds.Contains(b.UnitId) && starts.Contains(b.PeriodStart) && b.ClosedAt == null)
                .ToListAsync())
            .Where(b => wanted.Contains((b.UnitId, b.PeriodStart)))
            .ToList();
        var totals = (await ctx.Db.ChargeTotals
                .Where(t => unitIds.Contains(t.ScopeId) && starts.Contains(t.PeriodStart))
                .ToListAsync())
            .ToLookup(t => (t.ScopeId, t.PeriodStart));

        foreach (var period in periods)
        {
            var sums = ChargeSums.Of(totals[(period.UnitId, period.PeriodStart)]);
            period.ClosedAt = ctx.Now;
            period.Coins = sums.Coins;
            period.Lines = sums.Lines;
            period.Version++;
            ctx.Emit(period.AccountId, new BillingPeriodClosed
            {
                UnitId = PublicId.Of<Unit>(period.UnitId),
                From = period.PeriodStart,
                Until = period.PeriodEnd,
                Coins = sums.Coins,
                Lines = sums.Lines,
            });
        }

        return periods.Count;
    }
}
