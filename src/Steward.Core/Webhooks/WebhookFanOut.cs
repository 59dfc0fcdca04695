using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Steward.Core.Tenancy;
using Steward.Core.Access;
using Steward.Core.Caching;
using Steward.Core.Events;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Storage;
using Steward.Core.Writes;

namespace Steward.Core.Webhooks;

/// <summary>
/// The outbox's reader: follows the event log from a durable cursor and enqueues one delivery per
/// event and matching endpoint of the event's account, moving the cursor in the same write. Events
/// become visible in sequence order (the gate serialises writers), so following <c>Sequence &gt; N</c>
/// never skips one; two instances racing for the same page are settled by the cursor (the second
/// finds it moved) and by the unique (endpoint, event) index.
/// </summary>
public sealed class WebhookFanOut(IDbContextFactory<StewardDb> dbs, WriteGate gate, ReadCache cache, TimeProvider time)
{
    private const int PageSize = 500;

    /// <summary>
    /// True when no enabled endpoint exists, as last seen: then there is nothing to enqueue or send, and the
    /// worker asks the database nothing until a <c>webhook.*</c> event drops the marker (<see cref="WebhookEvent.Invalidate"/>).
    /// </summary>
    public bool IsIdle => cache.TryGet<NoEnabledWebhooks>(NoEnabledWebhooks.Key, out var none) && none is not null && time.GetUtcNow() - none.At < NoEnabledWebhooks.Recheck;

    /// <summary>Enqueues deliveries for the next page of events; true when it did (another page may follow).</summary>
    public async Task<bool> RunOnceAsync(CancellationToken ct)
    {
        if (IsIdle)
        {
            return false;
        }

        // The marker is set before looking: a webhook created meanwhile removes it again, so a stale "none" cannot stick.
        cache.Set(NoEnabledWebhooks.Key, new NoEnabledWebhooks(time.GetUtcNow()));
        await using var db = await dbs.CreateDbContextAsync(ct);
        var endpoints = db.WebhookEndpoints;
        var firstStart = await endpoints.Where(e => e.Enabled).MinAsync(e => (long?)e.StartSequence, ct);
        if (firstStart is null)
        {
            // No endpoint to deliver to; a new one starts after the events already written.
            return false;
        }

        cache.Remove(NoEnabledWebhooks.Key);
        var cursors = db.WebhookCursors;
        var cursor = await cursors.AsNoTracking().Where(c => c.Id == WebhookCursor.SingletonId).Select(c => (long?)c.LastSequence).FirstOrDefaultAsync(ct);

        // Endpoints that came with an import wait for their account.imported event, wherever it is in the log.
        var after = firstStart == WebhookEndpoint.StartsAtImport ? cursor ?? 0 : Math.Max(cursor ?? 0, firstStart.Value);
        var events = await db.Events.AsNoTracking()
            .Where(e => e.Sequence > after && e.AccountId != null)
            .OrderBy(e => e.Sequence)
            .Select(e => new { e.Sequence, AccountId = e.AccountId!.Value, e.Type })
            .Take(PageSize)
            .ToListAsync(ct);
        if (events.Count == 0)
        {
            return false;
        }

        var accounts = events.Select(e => e.AccountId).Distinct().ToList();
        var targets = (await endpoints.AsNoTracking()
                .Where(e => e.Enabled && accounts.Contains(e.AccountId))
                .Select(e => new { e.Id, e.AccountId, e.EventTypes, e.StartSequence })
                .ToListAsync(ct))
            .Select(e => new Target(e.Id, e.AccountId, e.EventTypes.Split(' ', StringSplitOptions.RemoveEmptyEntries), e.StartSequence))
            .ToList();

        var last = events[^1].Sequence;
        var result = await gate.ExecuteAsync(Principal.System, async ctx =>
        {
            var row = await ctx.Db.WebhookCursors.FirstOrDefaultAsync(c => c.Id == WebhookCursor.SingletonId);
            if ((row?.LastSequence ?? 0) != (cursor ?? 0))
            {
                return Error.Conflict("Another instance enqueued these events.");
            }

            if (row is null)
            {
                ctx.Db.WebhookCursors.Add(new WebhookCursor { LastSequence = last });
            }
            else
            {
                row.LastSequence = last;
            }

            // Bookkeeping of the outbox, not a change anyone made: no event (one would beget deliveries of itself).
            foreach (var e in events)
            {
                if (e.Type == AccountImportedType)
                {
                    await StartImportedAsync(ctx, targets, e.AccountId, e.Sequence);
                }

                foreach (var t in targets)
                {
                    if (t.AccountId == e.AccountId && e.Sequence > t.StartSequence && WebhookRules.Matches(t.Patterns, e.Type))
                    {
                        ctx.Db.WebhookDeliveries.Add(new WebhookDelivery
                        {
                            Id = PublicId.NewGuid(ctx.Now),
                            EndpointId = t.Id,
                            AccountId = e.AccountId,
                            EventSequence = e.Sequence,
                            EventType = e.Type,
                            Status = DeliveryStatus.Pending,
                            NextAttemptAt = ctx.Now,
                            CreatedAt = ctx.Now,
                            Version = 1,
                        });
                    }
                }
            }

            return Result<Done>.Ok(new Done());
        }, CancellationToken.None);
        return result.IsSuccess;
    }

    private static readonly string AccountImportedType = typeof(AccountImported).GetCustomAttribute<EventTypeAttribute>()!.Name;

    /// <summary>An imported account's endpoints start at its account.imported event: what follows is delivered, the history before is not.</summary>
    private static async Task StartImportedAsync(WriteContext ctx, List<Target> targets, Guid accountId, long sequence)
    {
        foreach (var t in targets.Where(t => t.AccountId == accountId && t.StartSequence == WebhookEndpoint.StartsAtImport))
        {
            t.StartSequence = sequence;
            if (await ctx.Db.WebhookEndpoints.FirstOrDefaultAsync(x => x.Id == t.Id) is { } endpoint)
            {
                endpoint.StartSequence = sequence;
            }
        }
    }

    private sealed class Target(Guid id, Guid accountId, string[] patterns, long startSequence)
    {
        public Guid Id => id;

        public Guid AccountId => accountId;

        public string[] Patterns => patterns;

        public long StartSequence { get; set; } = startSequence;
    }
}

/// <summary>The cache marker "no enabled webhook endpoint exists"; any endpoint event drops it.</summary>
public sealed class NoEnabledWebhooks(DateTimeOffset at)
{
    public static readonly object Key = new NoEnabledWebhooksKey();

    /// <summary>
    /// How long "none" is believed without looking again: endpoints can arrive without an event this instance sees
    /// (<c>steward import</c> run beside a server on SQLite), and one query every few seconds costs nothing.
    /// </summary>
    public static readonly TimeSpan Recheck = TimeSpan.FromSeconds(5);

    public DateTimeOffset At => at;

    private sealed record NoEnabledWebhooksKey;
}
