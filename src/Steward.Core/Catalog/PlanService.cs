using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Steward.Core.Access;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Storage;
using Steward.Core.Tenancy;
using Steward.Core.Writes;

namespace Steward.Core.Catalog;

/// <summary>
/// Plans in an account's catalog: the account (or root, naming it) writes them; everyone in the
/// account reads them. A plan is named by its integer id or by its uid (see <see cref="GetAsync"/>).
/// </summary>
public sealed class PlanService(IDbContextFactory<StewardDb> dbs, WriteGate gate)
{
    public async Task<Result<Plan>> CreateAsync(Principal p, PlanInput input, CancellationToken ct = default)
    {
        var accountId = p.IsRoot ? input.AccountId ?? Guid.Empty : p.AccountId;
        var draft = PlanRules.Validate(input, creating: true);
        if (!draft.IsSuccess)
        {
            return draft.Error!;
        }

        if (p.IsRoot && accountId == Guid.Empty)
        {
            return Error.Invalid("account_id", FieldRule.Required, "account_id is required when root creates a plan.");
        }

        if (!AccessControl.OwnsAccount(p, accountId))
        {
            return Error.Forbidden("Only the account may change its catalog.");
        }

        var d = draft.Value;
        return await gate.ExecuteAsync(p, async ctx =>
        {
            if (!await ctx.Db.Accounts.AnyAsync(a => a.Id == accountId))
            {
                return Error.NotFound("Account");
            }

            if (await ctx.Db.Plans.CountAsync(x => x.AccountId == accountId) >= PlanRules.MaxPlansPerAccount)
            {
                return Error.LimitReached($"An account has at most {PlanRules.MaxPlansPerAccount} plans.");
            }

            var uid = d.Uid;
            if (uid is not null && await ctx.Db.Plans.AnyAsync(x => x.AccountId == accountId && x.Uid == uid))
            {
                return UidTaken(uid);
            }

            uid ??= await FreeUidAsync(ctx.Db, accountId, Slug.From(d.Name, "plan"));
            var now = StoredTime.Of(ctx.Now);
            ctx.OnUniqueViolation = UidTaken(uid);
            var plan = new Plan
            {
                Id = PublicId.NewGuid(now),
                AccountId = accountId,
                Number = (await ctx.Db.Plans.MaxAsync(x => (long?)x.Number) ?? 0) + 1,
                Uid = uid,
                Name = d.Name!,
                Description = d.Description,
                Position = d.Position ?? 0,
                ReturnUrl = d.ReturnUrl,
                Enabled = d.Enabled ?? true,
                AllowsMultipleMailServers = d.AllowsMultipleMailServers ?? false,
                ResellerDomainCents = d.ResellerDomainCents,
                ResellerMailboxCents = d.ResellerMailboxCents,
                TermsVersion = 1,
                CreatedAt = now,
                UpdatedAt = now,
                Version = 1,
            };
            plan.Versions.Add(NewVersion(plan, 1, d.TermsOver(null), now));
            SetTags(ctx.Db, plan, d.Tags ?? []);
            SetFeatures(ctx.Db, plan, d.Features ?? []);
            Order(plan);
            ctx.Db.Plans.Add(plan);
            ctx.Emit(accountId, PlanEvent.Of<PlanCreated>(plan));
            return Result<Plan>.Ok(plan);
        }, ct);
    }

    /// <summary>The plans the caller can see, by position then id; only those with <paramref name="tag"/> when given.</summary>
    public async Task<Result<IReadOnlyList<Plan>>> ListAsync(Principal p, string? tag, bool? enabled, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var query = Loaded(db).VisibleTo(p, db);
        if (!string.IsNullOrEmpty(tag))
        {
            query = query.Where(x => x.Tags.Any(t => t.Tag == tag));
        }

        if (enabled is { } e)
        {
            query = query.Where(x => x.Enabled == e);
        }

        var plans = await query.OrderBy(x => x.Position).ThenBy(x => x.Number).Take(PlanRules.MaxPlansPerAccount).ToListAsync(ct);
        plans.ForEach(Order);
        return plans;
    }

    /// <summary>
    /// A plan by its integer id (digits) or its uid (anything else, within the caller's account).
    /// Another account's plan is not found.
    /// </summary>
    public async Task<Result<Plan>> GetAsync(Principal p, string key, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var plan = await Find(Loaded(db).VisibleTo(p, db), p.AccountId, key).FirstOrDefaultAsync(ct);
        if (plan is null)
        {
            return Error.NotFound("Plan");
        }

        Order(plan);
        return plan;
    }

    /// <summary>
    /// Changes a plan. A change of its terms (type, price, currency, duration, trial days, feature level,
    /// setup fee, terms text) adds a version; subscriptions keep the version they bought. The uid never changes.
    /// </summary>
    public async Task<Result<Plan>> UpdateAsync(Principal p, string key, PlanInput input, int? expectedVersion, CancellationToken ct = default)
    {
        var draft = PlanRules.Validate(input, creating: false);
        if (!draft.IsSuccess)
        {
            return draft.Error!;
        }

        var current = await GetAsync(p, key, ct);
        if (!current.IsSuccess)
        {
            return current.Error!;
        }

        if (!AccessControl.OwnsAccount(p, current.Value.AccountId))
        {
            return Error.Forbidden("Only the account may change its catalog.");
        }

        var d = draft.Value;
        if (d.Uid is not null && d.Uid != current.Value.Uid)
        {
            return Error.Invalid("uid", FieldRule.Invalid, "A plan's uid cannot be changed.");
        }

        var id = current.Value.Id;
        return await gate.ExecuteAsync(p, async ctx =>
        {
            var plan = await ctx.Db.Plans.Include(x => x.Features).Include(x => x.Tags).Include(x => x.Versions).AsSplitQuery().FirstOrDefaultAsync(x => x.Id == id);
            if (plan is null)
            {
                return Error.NotFound("Plan");
            }

            if (expectedVersion is { } expected && expected != plan.Version)
            {
                return Error.VersionConflict();
            }

            var now = StoredTime.Of(ctx.Now);
            var latest = plan.Current;
            var terms = d.TermsOver(latest.Terms);
            var termsChanged = terms != latest.Terms;
            if (termsChanged)
            {
                plan.TermsVersion++;
                var version = NewVersion(plan, plan.TermsVersion, terms, now);
                plan.Versions.Add(version);
                ctx.Db.PlanVersions.Add(version);
            }

            plan.Name = d.Name ?? plan.Name;
            plan.Description = d.Description ?? plan.Description;
            plan.Position = d.Position ?? plan.Position;
            plan.ReturnUrl = d.ReturnUrl ?? plan.ReturnUrl;
            plan.Enabled = d.Enabled ?? plan.Enabled;
            plan.AllowsMultipleMailServers = d.AllowsMultipleMailServers ?? plan.AllowsMultipleMailServers;
            plan.ResellerDomainCents = d.ResellerDomainCents ?? plan.ResellerDomainCents;
            plan.ResellerMailboxCents = d.ResellerMailboxCents ?? plan.ResellerMailboxCents;
            if (d.Tags is { } tags)
            {
                SetTags(ctx.Db, plan, tags);
            }

            if (d.Features is { } features)
            {
                SetFeatures(ctx.Db, plan, features);
            }

            plan.UpdatedAt = now;
            plan.Version++;
            Order(plan);
            ctx.Emit(plan.AccountId, PlanEvent.Of<PlanUpdated>(plan));
            if (termsChanged)
            {
                ctx.Emit(plan.AccountId, PlanEvent.Of<PlanVersionCreated>(plan));
            }

            return Result<Plan>.Ok(plan);
        }, ct);
    }

    /// <summary>Deletes a plan nobody has subscribed to; one with subscriptions is refused (disable it instead).</summary>
    public async Task<Result<Done>> DeleteAsync(Principal p, string key, CancellationToken ct = default)
    {
        var current = await GetAsync(p, key, ct);
        if (!current.IsSuccess)
        {
            return current.Error!;
        }

        if (!AccessControl.OwnsAccount(p, current.Value.AccountId))
        {
            return Error.Forbidden("Only the account may change its catalog.");
        }

        var id = current.Value.Id;
        return await gate.ExecuteAsync(p, async ctx =>
        {
            var plan = await ctx.Db.Plans.Include(x => x.Versions).Include(x => x.Tags).AsSplitQuery().FirstOrDefaultAsync(x => x.Id == id);
            if (plan is null)
            {
                return Error.NotFound("Plan");
            }

            if (await ctx.Db.Subscriptions.AnyAsync(s => s.PlanId == id))
            {
                return Error.Refused(CatalogReasons.PlanInUse, "The plan has subscriptions and cannot be deleted; disable it instead (enabled: false).");
            }

            ctx.Db.Plans.Remove(plan);
            ctx.Emit(plan.AccountId, PlanEvent.Of<PlanDeleted>(plan));
            return Result<Done>.Ok(new Done());
        }, ct);
    }

    /// <summary>Narrows plans to the one a key names: digits are the integer id, anything else a uid in the account.</summary>
    internal static IQueryable<Plan> Find(IQueryable<Plan> plans, Guid accountId, string key)
    {
        if (key.Length is > 0 and <= 18 && key.All(char.IsAsciiDigit))
        {
            var number = long.Parse(key, CultureInfo.InvariantCulture);
            return plans.Where(x => x.Number == number);
        }

        return plans.Where(x => x.AccountId == accountId && x.Uid == key);
    }

    private static IQueryable<Plan> Loaded(StewardDb db) =>
        db.Plans.AsNoTracking().Include(x => x.Features).Include(x => x.Tags).Include(x => x.Versions).AsSplitQuery();

    /// <summary>Features by position (then as added), tags by name, versions oldest first.</summary>
    private static void Order(Plan plan)
    {
        plan.Features = [.. plan.Features.OrderBy(f => f.Position).ThenBy(f => f.Id)];
        plan.Tags = [.. plan.Tags.OrderBy(t => t.Tag, StringComparer.Ordinal)];
        plan.Versions = [.. plan.Versions.OrderBy(v => v.Number)];
    }

    private static PlanVersion NewVersion(Plan plan, int number, PlanTerms terms, DateTimeOffset now)
    {
        var version = new PlanVersion { Id = PublicId.NewGuid(now), PlanId = plan.Id, AccountId = plan.AccountId, Number = number, CreatedAt = now };
        version.SetTerms(terms);
        return version;
    }

    // New rows are added to the context by hand: EF takes a row with its key already set, found through a
    // navigation of a tracked plan, for an existing one.
    private static void SetTags(StewardDb db, Plan plan, IReadOnlyList<string> tags)
    {
        plan.Tags.RemoveAll(t => !tags.Contains(t.Tag, StringComparer.Ordinal));
        foreach (var tag in tags.Where(t => !plan.Tags.Any(x => x.Tag == t)))
        {
            var row = new PlanTag { PlanId = plan.Id, AccountId = plan.AccountId, Tag = tag };
            plan.Tags.Add(row);
            db.Add(row);
        }
    }

    /// <summary>Replaces the features; one that keeps its name keeps its row and so its integer id.</summary>
    private static void SetFeatures(StewardDb db, Plan plan, IReadOnlyList<FeatureDraft> features)
    {
        plan.Features.RemoveAll(f => !features.Any(x => x.Name == f.Name));
        foreach (var draft in features)
        {
            var feature = plan.Features.FirstOrDefault(f => f.Name == draft.Name);
            if (feature is null)
            {
                feature = new PlanFeature { PlanId = plan.Id, Name = draft.Name };
                plan.Features.Add(feature);
                db.Add(feature);
            }

            feature.Blurb = draft.Blurb;
            feature.Description = draft.Description;
            feature.Position = draft.Position;
        }
    }

    private static Error UidTaken(string uid) => Error.Conflict("uid", $"A plan with uid '{uid}' already exists in this account.");

    private static async Task<string> FreeUidAsync(StewardDb db, Guid accountId, string baseUid)
    {
        var prefix = baseUid + "-";
        var taken = (await db.Plans.Where(x => x.AccountId == accountId && (x.Uid == baseUid || x.Uid.StartsWith(prefix))).Select(x => x.Uid).ToListAsync())
            .ToHashSet(StringComparer.Ordinal);
        for (var n = 1; ; n++)
        {
            var candidate = Slug.WithSuffix(baseUid, n);
            if (!taken.Contains(candidate))
            {
                return candidate;
            }
        }
    }
}
