using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Steward.Core.Access;
using Steward.Core.Identity;
using Steward.Core.Ids;
using Steward.Core.Options;
using Steward.Core.Results;
using Steward.Core.Storage;
using Steward.Core.Writes;

namespace Steward.Core.Catalog;

/// <summary>A subscription with the plan and the version it bought (null when it has none), as of now.</summary>
public sealed record SubscriptionView(Subscription Subscription, Plan? Plan, PlanVersion? PlanVersion);

/// <summary>
/// Users' subscriptions. Reads show each subscription as of now (<see cref="SubscriptionRules.Advance"/>
/// applied to a copy); writes first store what time has done, then the change; the background
/// <see cref="SubscriptionWorker"/> stores what time does when no request comes. Actions are keyed by
/// the user (the subscriber) and made by the account (or root); the user and its organisation's
/// owners and admins may read.
/// </summary>
public sealed partial class SubscriptionService(
    IDbContextFactory<StewardDb> dbs,
    WriteGate gate,
    UserService users,
    TimeProvider time,
    IOptions<StewardOptions> options)
{
    /// <summary>How many due subscriptions one worker pass stores at most (they are written as one group commit).</summary>
    internal const int DueBatch = 500;

    /// <summary>How long a due renewal stays in grace before the subscription lapses (<c>Steward:Subscriptions:GracePeriodDays</c>).</summary>
    public TimeSpan GracePeriod => TimeSpan.FromDays(Math.Max(0, options.Value.Subscriptions.GracePeriodDays));

    public async Task<Result<SubscriptionView>> GetAsync(Principal p, Guid id, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var s = await db.Subscriptions.AsNoTracking().VisibleTo(p, db).FirstOrDefaultAsync(x => x.Id == id, ct);
        return s is null ? Error.NotFound("Subscription") : (await ViewsAsync(db, [s], ct))[0];
    }

    /// <summary>The user's subscriptions (at most one): an empty list when it never had one.</summary>
    public async Task<Result<IReadOnlyList<SubscriptionView>>> ListForUserAsync(Principal p, Guid userId, CancellationToken ct = default)
    {
        var user = await users.GetAsync(p, userId, ct);
        if (!user.IsSuccess)
        {
            return user.Error!;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var rows = await db.Subscriptions.AsNoTracking().VisibleTo(p, db).Where(x => x.UserId == userId).ToListAsync(ct);
        return Result<IReadOnlyList<SubscriptionView>>.Ok(await ViewsAsync(db, rows, ct));
    }

    /// <summary>
    /// The subscriptions of the given users the caller may see, by user id, in one read (for a face
    /// that lists subscribers); users without one are absent.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, SubscriptionView>> ForUsersAsync(Principal p, IReadOnlyCollection<Guid> userIds, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var found = new List<Subscription>();
        foreach (var chunk in userIds.Distinct().Chunk(500))
        {
            found.AddRange(await db.Subscriptions.AsNoTracking().VisibleTo(p, db).Where(x => chunk.Contains(x.UserId)).ToListAsync(ct));
        }

        return (await ViewsAsync(db, found, ct)).ToDictionary(v => v.Subscription.UserId);
    }

    /// <summary>Every subscription the caller can see, oldest first, a page at a time.</summary>
    public async Task<Result<Page<SubscriptionView>>> ListAsync(Principal p, int? limit, string? cursor, CancellationToken ct = default)
    {
        var paging = Paging.Parse(limit, cursor);
        if (!paging.IsSuccess)
        {
            return paging.Error!;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var query = db.Subscriptions.AsNoTracking().VisibleTo(p, db);
        if (paging.Value.After is { } after)
        {
            query = query.Where(x => x.Id.CompareTo(after) > 0);
        }

        var rows = await query.OrderBy(x => x.Id).Take(paging.Value.Limit + 1).ToListAsync(ct);
        var page = Paging.Build(rows, paging.Value.Limit, x => x.Id);
        return new Page<SubscriptionView>(await ViewsAsync(db, [.. page.Items], ct), page.NextCursor);
    }

    /// <summary>
    /// Stores what time has done to every subscription that is due (renewals, renewals due, lapses),
    /// with their events; called by <see cref="SubscriptionWorker"/>. Returns how many were due.
    /// </summary>
    public async Task<int> RunDueAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        List<Guid> due;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            due = await db.Subscriptions.AsNoTracking()
                .Where(x => x.DueAt != null && x.DueAt <= now)
                .OrderBy(x => x.DueAt)
                .Select(x => x.Id)
                .Take(DueBatch)
                .ToListAsync(ct);
        }

        // Queued together, the writes share the gate's batches: one commit for many subscriptions.
        await Task.WhenAll(due.Select(id => gate.ExecuteAsync(Principal.System, ctx => CatchUpAsync(ctx, id), ct)));
        return due.Count;
    }

    private async Task<Result<bool>> CatchUpAsync(WriteContext ctx, Guid id)
    {
        var s = await ctx.Db.Subscriptions.FirstOrDefaultAsync(x => x.Id == id);
        if (s is null || SubscriptionRules.DueOf(s) is not { } due || due > ctx.Now)
        {
            // Deleted, or another instance (or a request) got there first.
            return false;
        }

        var change = await Change.LoadAsync(ctx, s, GracePeriod);
        s.Version++;
        s.UpdatedAt = change.Now;
        change.CatchUp();
        return true;
    }

    /// <summary>
    /// The frame of every action on a user's subscription: the caller must be the account (or root);
    /// the subscription is read (or made, for a user that has none) inside the write, brought up to
    /// now, changed by <paramref name="act"/>, and announced by the event <paramref name="announce"/> makes.
    /// An error from <paramref name="act"/> leaves nothing written, not even a new record.
    /// </summary>
    private async Task<Result<SubscriptionView>> ActAsync(
        Principal p,
        Guid userId,
        int? expectedVersion,
        Func<Change, Task<Error?>> act,
        Func<Subscription, SubscriptionEvent> announce,
        CancellationToken ct)
    {
        var user = await users.GetAsync(p, userId, ct);
        if (!user.IsSuccess)
        {
            return user.Error!;
        }

        if (!AccessControl.OwnsAccount(p, user.Value.AccountId))
        {
            return Error.Forbidden("Only the account may change its users' subscriptions.");
        }

        var (accountId, organisationId) = (user.Value.AccountId, user.Value.OrganisationId);
        return await gate.ExecuteAsync(p, async ctx =>
        {
            var s = await ctx.Db.Subscriptions.FirstOrDefaultAsync(x => x.UserId == userId);
            var created = s is null;
            if (s is null)
            {
                s = new Subscription
                {
                    Id = PublicId.NewGuid(ctx.Now),
                    AccountId = accountId,
                    UserId = userId,
                    UserOrganisationId = organisationId,
                    Status = SubscriptionStatus.Inactive,
                    EligibleForFreeTrial = true,
                    CreatedAt = StoredTime.Of(ctx.Now),
                };
                ctx.Db.Subscriptions.Add(s);
            }
            else if (expectedVersion is { } expected && expected != s.Version)
            {
                return Error.VersionConflict();
            }

            var change = await Change.LoadAsync(ctx, s, GracePeriod);
            s.Version++;
            s.UpdatedAt = change.Now;
            change.CatchUp();
            if (await act(change) is { } refused)
            {
                return refused;
            }

            if (created)
            {
                ctx.Emit(s.AccountId, SubscriptionEvent.Of<SubscriptionCreated>(s));
            }

            ctx.Emit(s.AccountId, announce(s));

            // An extension or a late renewal may still end in the past: let time act on it again.
            change.CatchUp();
            return Result<SubscriptionView>.Ok(new SubscriptionView(s, change.Plan, change.Version));
        }, ct);
    }

    /// <summary>Views as of now: each subscription (a detached copy) advanced, with its plan and version, in two reads.</summary>
    private async Task<IReadOnlyList<SubscriptionView>> ViewsAsync(StewardDb db, List<Subscription> rows, CancellationToken ct)
    {
        var planIds = rows.Where(s => s.PlanId is not null).Select(s => s.PlanId!.Value).Distinct().ToList();
        var versionIds = rows.Where(s => s.PlanVersionId is not null).Select(s => s.PlanVersionId!.Value).Distinct().ToList();
        var plans = await db.Plans.AsNoTracking().Where(x => planIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, ct);
        var versions = await db.PlanVersions.AsNoTracking().Where(x => versionIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, ct);
        var now = time.GetUtcNow();
        return [.. rows.Select(s =>
        {
            var version = s.PlanVersionId is { } v ? versions.GetValueOrDefault(v) : null;
            SubscriptionRules.Advance(s, version?.Terms, now, GracePeriod);
            return new SubscriptionView(s, s.PlanId is { } pid ? plans.GetValueOrDefault(pid) : null, version);
        })];
    }
}
