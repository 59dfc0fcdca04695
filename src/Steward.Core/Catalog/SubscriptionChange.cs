using Microsoft.EntityFrameworkCore;
using Steward.Core.Results;
using Steward.Core.Writes;

namespace Steward.Core.Catalog;

/// <summary>
/// One write to one subscription, inside the gate: the subscription (tracked), the plan and version it
/// bought, and the means to let time act on it (<see cref="CatchUp"/>, which emits what happened) and
/// to move it to another plan.
/// </summary>
internal sealed class Change
{
    private readonly WriteContext ctx;
    private readonly TimeSpan grace;

    private Change(WriteContext ctx, Subscription s, TimeSpan grace, Plan? plan, PlanVersion? version)
    {
        this.ctx = ctx;
        this.grace = grace;
        S = s;
        Plan = plan;
        Version = version;
    }

    public Subscription S { get; }

    public Plan? Plan { get; private set; }

    public PlanVersion? Version { get; private set; }

    public DateTimeOffset Now => StoredTime.Of(ctx.Now);

    /// <summary>The gate's context, for what a change writes beside the subscription (invoices).</summary>
    public Storage.StewardDb Db => ctx.Db;

    public static async Task<Change> LoadAsync(WriteContext ctx, Subscription s, TimeSpan grace)
    {
        var plan = s.PlanId is { } planId ? await ctx.Db.Plans.AsNoTracking().FirstOrDefaultAsync(x => x.Id == planId) : null;
        var version = s.PlanVersionId is { } versionId ? await ctx.Db.PlanVersions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == versionId) : null;
        return new Change(ctx, s, grace, plan, version);
    }

    /// <summary>Stores what time has done up to now, one event per step.</summary>
    public void CatchUp() =>
        SubscriptionRules.Advance(S, Version?.Terms, ctx.Now, grace, step => ctx.Emit(S.AccountId, TransitionEvents.Of(S, step)));

    /// <summary>A plan of the subscription's account by integer id or uid, with its current version; disabled ones too.</summary>
    public async Task<Result<(Plan Plan, PlanVersion Version)>> FindPlanAsync(string key)
    {
        var plan = await PlanService.Find(ctx.Db.Plans.AsNoTracking(), S.AccountId, key).FirstOrDefaultAsync();
        if (plan is null || plan.AccountId != S.AccountId)
        {
            return Error.NotFound("Plan");
        }

        var version = await ctx.Db.PlanVersions.AsNoTracking().FirstAsync(x => x.PlanId == plan.Id && x.Number == plan.TermsVersion);
        return (plan, version);
    }

    /// <summary>Moves the subscription to a plan's version: its feature level comes with it.</summary>
    public void Use(Plan plan, PlanVersion version)
    {
        S.PlanId = plan.Id;
        S.PlanNumber = plan.Number;
        S.PlanVersionId = version.Id;
        S.FeatureLevel = version.FeatureLevel;
        Plan = plan;
        Version = version;
    }

    /// <summary>Starts a period of <paramref name="status"/> now, ending at <paramref name="until"/>; any due renewal is forgotten.</summary>
    public void Start(SubscriptionStatus status, DateTimeOffset? until, bool recurring)
    {
        S.Status = status;
        S.ActiveUntil = until;
        S.Recurring = recurring;
        SubscriptionRules.ClearRenewal(S);
        S.DueAt = SubscriptionRules.DueOf(S);
    }
}
