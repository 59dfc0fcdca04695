using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Steward.Core.Access;
using Steward.Core.Caching;
using Steward.Core.Identity;
using Steward.Core.Idempotency;
using Steward.Core.Options;
using Steward.Core.Results;
using Steward.Core.Storage;
using Steward.Core.Tenancy;
using Steward.Core.Writes;

namespace Steward.Core.Events;

/// <summary>
/// Keeps this instance's caches and revocation list in step with changes other instances (or the
/// CLI) made to the same database: it follows the event log and the revocations table. It also
/// prunes expired revocations and idempotency records.
/// </summary>
public sealed class ClusterSync(
    IDbContextFactory<StewardDb> dbs,
    ReadCache cache,
    RevocationList revocations,
    WriteGate gate,
    TimeProvider time,
    IOptions<StewardOptions> options,
    ILogger<ClusterSync> logger) : BackgroundService
{
    private long lastEvent;
    private long lastRevocation;

    /// <summary>Loads the revocation list; called once at start-up before serving.</summary>
    public async Task LoadAsync(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        var rows = await db.Revocations.AsNoTracking().Where(r => r.ExpiresAt > now).ToListAsync(ct);
        foreach (var r in rows)
        {
            revocations.Add(r.Key, r.Cutoff, r.ExpiresAt);
        }

        lastRevocation = await db.Revocations.MaxAsync(r => (long?)r.Id, ct) ?? 0;
        lastEvent = await db.Events.MaxAsync(e => (long?)e.Sequence, ct) ?? 0;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(Math.Max(50, options.Value.SyncIntervalMilliseconds));
        var nextPrune = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stoppingToken);

                // Only PostgreSQL is shared by several instances; an SQLite file has one server, whose
                // own writes already invalidated its caches on commit.
                if (options.Value.Storage.IsPostgres)
                {
                    await SyncAsync(stoppingToken);
                }

                if (time.GetUtcNow() >= nextPrune)
                {
                    await PruneAsync(stoppingToken);
                    nextPrune = time.GetUtcNow().AddMinutes(5);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not read changes from the database; retrying.");
            }
        }
    }

    private async Task SyncAsync(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var newRevocations = await db.Revocations.AsNoTracking().Where(r => r.Id > lastRevocation).OrderBy(r => r.Id).Take(10_000).ToListAsync(ct);
        foreach (var r in newRevocations)
        {
            revocations.Add(r.Key, r.Cutoff, r.ExpiresAt);
            lastRevocation = r.Id;
        }

        var events = await db.Events.AsNoTracking().Where(e => e.Sequence > lastEvent).OrderBy(e => e.Sequence).Take(10_000).ToListAsync(ct);
        foreach (var e in events)
        {
            Invalidate(e.Type, e.Data);
            lastEvent = e.Sequence;
        }
    }

    private void Invalidate(string type, string data)
    {
        try
        {
            if (EventCatalog.TryRead(type, data, out var e))
            {
                e!.Invalidate(cache);
            }
            else
            {
                // A newer instance wrote a type this one does not know; forget everything rather than serve stale rows.
                cache.Clear();
            }
        }
        catch (System.Text.Json.JsonException)
        {
            cache.Clear();
        }
    }

    private async Task PruneAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        revocations.Prune(now);
        await gate.ExecuteAsync(Principal.System, async ctx =>
        {
            await ctx.Db.Revocations.Where(r => r.ExpiresAt < now).ExecuteDeleteAsync();
            var staleBefore = now.AddDays(-1);
            await ctx.Db.IdempotencyRecords.Where(r => r.CreatedAt < staleBefore).ExecuteDeleteAsync();
            return Result<Done>.Ok(new Done());
        }, ct);
    }
}
