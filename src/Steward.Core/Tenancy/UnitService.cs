using Microsoft.EntityFrameworkCore;
using Steward.Core.Access;
using Steward.Core.Billing;
using Steward.Core.Identity;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Storage;
using Steward.Core.Writes;
using UnitEntity = Steward.Core.Tenancy.Unit;

namespace Steward.Core.Tenancy;

/// <summary>Input for creating or changing a unit; null fields are left as they are on update.</summary>
public sealed record UnitInput(string? Name, int? BillingDay, Guid? OwnerUserId = null);

/// <summary>Billing units inside organisations.</summary>
public sealed class UnitService(IDbContextFactory<StewardDb> dbs, WriteGate gate, AccessControl access, OrganisationService organisations)
{
    private static readonly Dictionary<string, object> BillingDayRange = new() { ["min"] = 1, ["max"] = 28 };

    public async Task<Result<UnitEntity>> CreateAsync(Principal p, Guid organisationId, UnitInput input, CancellationToken ct = default)
    {
        var v = new Validator();
        var name = v.Name("name", input.Name, Limits.Name, required: true)!;
        var day = input.BillingDay ?? 1;
        if (!BillingDay.IsValid(day))
        {
            v.Add("billing_day", FieldRule.OutOfRange, "billing_day must be between 1 and 28.", BillingDayRange);
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var org = await organisations.GetAsync(p, organisationId, ct);
        if (!org.IsSuccess)
        {
            return org.Error!;
        }

        if (await access.CanManageOrganisationAsync(p, org.Value) is { } denied)
        {
            return denied;
        }

        var accountId = org.Value.AccountId;
        return await gate.ExecuteAsync(p, async ctx =>
        {
            if (!await ctx.Db.Organisations.AnyAsync(o => o.Id == organisationId))
            {
                return Error.NotFound("Organisation");
            }

            if (input.OwnerUserId is { } owner && !await ctx.Db.Users.AnyAsync(u => u.Id == owner && u.AccountId == accountId))
            {
                return Error.Invalid("owner_user_id", "owner_user_id does not name a user of this account.");
            }

            if (await ctx.Db.Units.AnyAsync(u => u.OrganisationId == organisationId && u.Name == name))
            {
                return Error.Conflict($"A unit named '{name}' already exists in this organisation.");
            }

            var unit = new UnitEntity
            {
                Id = PublicId.NewGuid(ctx.Now),
                AccountId = accountId,
                OrganisationId = organisationId,
                Name = name,
                BillingDay = day,
                OwnerUserId = input.OwnerUserId,
                CreatedAt = ctx.Now,
                UpdatedAt = ctx.Now,
                Version = 1,
            };
            ctx.Db.Units.Add(unit);
            ctx.Emit(accountId, UnitEvent.Of<UnitCreated>(unit));
            return Result<UnitEntity>.Ok(unit);
        }, ct);
    }

    public async Task<Result<UnitEntity>> GetAsync(Principal p, Guid id, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null)
        {
            return Error.NotFound("Unit");
        }

        var isOwner = p.Kind == PrincipalKind.User && unit.OwnerUserId == p.SubjectId;
        if (!isOwner && await access.RoleInAsync(p, unit.AccountId, unit.OrganisationId) is null)
        {
            return Error.NotFound("Unit");
        }

        return unit;
    }

    public Task<Result<Page<UnitEntity>>> ListAsync(Principal p, Guid organisationId, int? limit, string? cursor, CancellationToken ct = default) =>
        ListAsync(p, organisationId, new ListQuery(limit, cursor), ct);

    /// <summary>
    /// The units the caller sees, of one organisation when given (an organisation it cannot see is not
    /// found), those whose name contains the search term.
    /// </summary>
    public async Task<Result<Page<UnitEntity>>> ListAsync(Principal p, Guid? organisationId, ListQuery q, CancellationToken ct = default)
    {
        var paging = Paging.Parse(q.Limit, q.Cursor);
        if (!paging.IsSuccess)
        {
            return paging.Error!;
        }

        if (organisationId is { } orgId && await organisations.GetAsync(p, orgId, ct) is { IsSuccess: false } org)
        {
            return org.Error!;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var query = db.Units.AsNoTracking().VisibleTo(p, db);
        if (organisationId is { } only)
        {
            query = query.Where(u => u.OrganisationId == only);
        }

        if (q.Term is { } term)
        {
            query = query.Where(u => u.Name.ToLower().Contains(term));
        }

        if (paging.Value.After is { } after)
        {
            query = query.Where(u => u.Id.CompareTo(after) > 0);
        }

        var rows = await query.OrderBy(u => u.Id).Take(paging.Value.Limit + 1).ToListAsync(ct);
        return Paging.Build(rows, paging.Value.Limit, u => u.Id);
    }

    /// <summary>
    /// The billing day of the first unit (by creation) of each organisation, in one read; organisations
    /// without units, or outside the caller's account, are absent. For views that list many organisations.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, int>> FirstBillingDaysAsync(Principal p, IReadOnlyCollection<Guid> organisationIds, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var query = db.Units.AsNoTracking().Where(u => organisationIds.Contains(u.OrganisationId));
        if (!p.IsRoot)
        {
            var accountId = p.AccountId;
            query = query.Where(u => u.AccountId == accountId);
        }

        var rows = await query.Select(u => new { u.OrganisationId, u.Id, u.BillingDay }).ToListAsync(ct);

        // Ids are UUID v7, so the smallest is the first created.
        return rows.GroupBy(r => r.OrganisationId).ToDictionary(g => g.Key, g => g.MinBy(r => r.Id)!.BillingDay);
    }

    public async Task<Result<UnitEntity>> UpdateAsync(Principal p, Guid id, UnitInput input, int? expectedVersion, CancellationToken ct = default)
    {
        var v = new Validator();
        var name = input.Name is null ? null : v.Name("name", input.Name, Limits.Name, required: true);
        if (input.BillingDay is { } day && !BillingDay.IsValid(day))
        {
            v.Add("billing_day", FieldRule.OutOfRange, "billing_day must be between 1 and 28.", BillingDayRange);
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var current = await GetAsync(p, id, ct);
        if (!current.IsSuccess)
        {
            return current.Error!;
        }

        if (await access.RoleInAsync(p, current.Value.AccountId, current.Value.OrganisationId) is not (MembershipRole.Owner or MembershipRole.Admin))
        {
            return Error.Forbidden("Only the organisation's owners and admins may change its units.");
        }

        return await gate.ExecuteAsync(p, async ctx =>
        {
            var unit = await ctx.Db.Units.FirstOrDefaultAsync(u => u.Id == id);
            if (unit is null)
            {
                return Error.NotFound("Unit");
            }

            if (expectedVersion is { } expected && expected != unit.Version)
            {
                return Error.VersionConflict();
            }

            if (name is not null && name != unit.Name && await ctx.Db.Units.AnyAsync(u => u.OrganisationId == unit.OrganisationId && u.Name == name))
            {
                return Error.Conflict($"A unit named '{name}' already exists in this organisation.");
            }

            unit.Name = name ?? unit.Name;
            unit.BillingDay = input.BillingDay ?? unit.BillingDay;
            unit.UpdatedAt = ctx.Now;
            unit.Version++;
            ctx.Emit(unit.AccountId, UnitEvent.Of<UnitUpdated>(unit));
            return Result<UnitEntity>.Ok(unit);
        }, ct);
    }

    public async Task<Result<Done>> DeleteAsync(Principal p, Guid id, CancellationToken ct = default)
    {
        var current = await GetAsync(p, id, ct);
        if (!current.IsSuccess)
        {
            return current.Error!;
        }

        if (await access.RoleInAsync(p, current.Value.AccountId, current.Value.OrganisationId) is not (MembershipRole.Owner or MembershipRole.Admin))
        {
            return Error.Forbidden("Only the organisation's owners and admins may delete its units.");
        }

        return await gate.ExecuteAsync(p, async ctx =>
        {
            var unit = await ctx.Db.Units.FirstOrDefaultAsync(u => u.Id == id);
            if (unit is null)
            {
                return Error.NotFound("Unit");
            }

            ctx.Db.Units.Remove(unit);
            ctx.Emit(unit.AccountId, UnitEvent.Of<UnitDeleted>(unit));
            return Result<Done>.Ok(new Done());
        }, ct);
    }
}
