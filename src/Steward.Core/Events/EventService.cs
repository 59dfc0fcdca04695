using Microsoft.EntityFrameworkCore;
using Steward.Core.Access;
using Steward.Core.Results;
using Steward.Core.Storage;
using Steward.Core.Tenancy;

namespace Steward.Core.Events;

/// <summary>How many events happened on one day (UTC).</summary>
public sealed record DayCount(DateOnly Day, int Count);

/// <summary>Reads the event log. Root reads every event; an account reads its own.</summary>
public sealed class EventService(IDbContextFactory<StewardDb> dbs, EventNotifier notifier)
{
    public const int MaxLimit = 500;
    public const int MaxDays = 366;

    public async Task<Result<IReadOnlyList<EventRecord>>> ListAsync(Principal p, long after, int? limit, CancellationToken ct = default)
    {
        if (p.Kind is not (PrincipalKind.Root or PrincipalKind.Account))
        {
            return Error.Forbidden("Only the account (or root) may read the event log.");
        }

        if (after < 0)
        {
            return Error.Invalid("after", "after must be zero or a sequence number from an earlier event.");
        }

        if (limit is < 1 or > MaxLimit)
        {
            return Error.Invalid("limit", $"limit must be between 1 and {MaxLimit}.");
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var query = db.Events.AsNoTracking().Where(e => e.Sequence > after);
        if (!p.IsRoot)
        {
            query = query.Where(e => e.AccountId == p.AccountId);
        }

        var rows = await query.OrderBy(e => e.Sequence).Take(limit ?? 100).ToListAsync(ct);
        return rows;
    }

    /// <summary>
    /// The newest events first: those before sequence <paramref name="before"/> when given (the next page
    /// of an older-first browse), those whose type or subject id contains the search term.
    /// </summary>
    public async Task<Result<IReadOnlyList<EventRecord>>> ListNewestAsync(Principal p, long? before, ListQuery q, CancellationToken ct = default)
    {
        if (p.Kind is not (PrincipalKind.Root or PrincipalKind.Account))
        {
            return Error.Forbidden("Only the account (or root) may read the event log.");
        }

        if (q.Limit is < 1 or > MaxLimit)
        {
            return Error.Invalid("limit", $"limit must be between 1 and {MaxLimit}.");
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var query = Visible(db, p);
        if (before is { } b)
        {
            query = query.Where(e => e.Sequence < b);
        }

        if (q.Term is { } term)
        {
            query = query.Where(e => e.Type.Contains(term) || e.SubjectId.Contains(term));
        }

        return await query.OrderByDescending(e => e.Sequence).Take(q.Limit ?? 50).ToListAsync(ct);
    }

    /// <summary>
    /// Events per UTC day for <paramref name="days"/> days from <paramref name="first"/>. Each day's first
    /// event is found by time (one index seek), and the events between two such boundaries are counted by
    /// sequence number, on the index an account's reads already use; sequence numbers follow time, so a
    /// day's edge is exact up to events committed in the same instant on two instances.
    /// </summary>
    public async Task<Result<IReadOnlyList<DayCount>>> CountPerDayAsync(Principal p, DateOnly first, int days, CancellationToken ct = default)
    {
        if (p.Kind is not (PrincipalKind.Root or PrincipalKind.Account))
        {
            return Error.Forbidden("Only the account (or root) may read the event log.");
        }

        if (days is < 1 or > MaxDays)
        {
            return Error.Invalid("days", $"days must be between 1 and {MaxDays}.");
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var bounds = new long[days + 1];
        for (var i = 0; i <= days; i++)
        {
            var start = new DateTimeOffset(first.AddDays(i), TimeOnly.MinValue, TimeSpan.Zero);
            bounds[i] = await db.Events.AsNoTracking().Where(e => e.OccurredAt >= start)
                .OrderBy(e => e.OccurredAt).Select(e => (long?)e.Sequence).FirstOrDefaultAsync(ct) ?? long.MaxValue;
        }

        var counts = new List<DayCount>(days);
        for (var i = 0; i < days; i++)
        {
            var (from, to) = (bounds[i], bounds[i + 1]);
            var count = from >= to ? 0 : await Visible(db, p).CountAsync(e => e.Sequence >= from && e.Sequence < to, ct);
            counts.Add(new DayCount(first.AddDays(i), count));
        }

        return counts;
    }

    private static IQueryable<EventRecord> Visible(StewardDb db, Principal p)
    {
        var query = db.Events.AsNoTracking();
        if (!p.IsRoot)
        {
            var accountId = p.AccountId;
            query = query.Where(e => e.AccountId == accountId);
        }

        return query;
    }

    /// <summary>Completes when new events may have been committed (or after <paramref name="timeout"/>).</summary>
    public async Task WaitForNewAsync(TimeSpan timeout, CancellationToken ct)
    {
        try
        {
            await notifier.NextAsync().WaitAsync(timeout, ct);
        }
        catch (TimeoutException)
        {
            // Another instance may have written; the caller polls the database either way.
        }
    }
}
