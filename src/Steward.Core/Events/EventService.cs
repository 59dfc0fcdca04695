using Microsoft.EntityFrameworkCore;
using Steward.Core.Access;
using Steward.Core.Results;
using Steward.Core.Storage;
using Steward.Core.Tenancy;

namespace Steward.Core.Events;

/// <summary>Reads the event log. Root reads every event; an account reads its own.</summary>
public sealed class EventService(IDbContextFactory<StewardDb> dbs, EventNotifier notifier)
{
    public const int MaxLimit = 500;

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
