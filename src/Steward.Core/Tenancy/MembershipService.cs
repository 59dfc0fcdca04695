using Microsoft.EntityFrameworkCore;
using Steward.Core.Access;
using Steward.Core.Caching;
using Steward.Core.Identity;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Storage;
using Steward.Core.Writes;

namespace Steward.Core.Tenancy;

/// <summary>A membership with the names a list shows beside it.</summary>
public sealed record MembershipListing(Membership Membership, string Username, string OrganisationName);

/// <summary>Users' roles in organisations. Owners and admins manage members; only owners grant or remove ownership.</summary>
public sealed class MembershipService(IDbContextFactory<StewardDb> dbs, WriteGate gate, AccessControl access, OrganisationService organisations)
{
    public static bool TryParseRole(string? text, out MembershipRole role) =>
        Enum.TryParse(text, ignoreCase: true, out role) && Enum.IsDefined(role) && !int.TryParse(text, out _);

    public async Task<Result<Membership>> AddAsync(Principal p, Guid organisationId, Guid userId, string? roleText, CancellationToken ct = default)
    {
        var role = MembershipRole.Member;
        if (roleText is not null && !TryParseRole(roleText, out role))
        {
            return Error.Invalid("role", "role must be one of owner, admin, member.");
        }

        var check = await CheckAsync(p, organisationId, role, ct);
        if (!check.IsSuccess)
        {
            return check.Error!;
        }

        var org = check.Value;
        return await gate.ExecuteAsync(p, async ctx =>
        {
            if (!await ctx.Db.Users.AnyAsync(u => u.Id == userId && u.AccountId == org.AccountId))
            {
                return Error.Invalid("user_id", "user_id does not name a user of this account.");
            }

            if (await ctx.Db.Memberships.AnyAsync(m => m.OrganisationId == organisationId && m.UserId == userId))
            {
                return Error.Conflict("The user is already a member of this organisation; change the role instead.");
            }

            var membership = new Membership
            {
                Id = PublicId.NewGuid(ctx.Now),
                AccountId = org.AccountId,
                OrganisationId = organisationId,
                UserId = userId,
                Role = role,
                CreatedAt = ctx.Now,
                Version = 1,
            };
            ctx.Db.Memberships.Add(membership);
            ctx.Emit(org.AccountId, MembershipEvent.Of<MembershipCreated>(membership));
            return Result<Membership>.Ok(membership);
        }, ct);
    }

    public async Task<Result<IReadOnlyList<Membership>>> ListAsync(Principal p, Guid organisationId, CancellationToken ct = default)
    {
        var org = await organisations.GetAsync(p, organisationId, ct);
        if (!org.IsSuccess)
        {
            return org.Error!;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var rows = await db.Memberships.AsNoTracking().Where(m => m.OrganisationId == organisationId).OrderBy(m => m.Id).ToListAsync(ct);
        return rows;
    }

    /// <summary>
    /// The memberships the caller sees, of one organisation when given (an organisation it cannot see is
    /// not found), those whose user's username or organisation's name contains the search term.
    /// </summary>
    public async Task<Result<Page<MembershipListing>>> ListAsync(Principal p, Guid? organisationId, ListQuery q, CancellationToken ct = default)
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
        var visible = db.Memberships.AsNoTracking().VisibleTo(p, db);
        if (organisationId is { } only)
        {
            visible = visible.Where(m => m.OrganisationId == only);
        }

        var query = from m in visible
                    join u in db.Set<User>() on m.UserId equals u.Id
                    join o in db.Set<Organisation>() on m.OrganisationId equals o.Id
                    select new { Membership = m, u.Username, OrganisationName = o.Name };
        if (q.Term is { } term)
        {
            query = query.Where(r => r.Username.ToLower().Contains(term) || r.OrganisationName.ToLower().Contains(term));
        }

        if (paging.Value.After is { } after)
        {
            query = query.Where(r => r.Membership.Id.CompareTo(after) > 0);
        }

        var rows = await query.OrderBy(r => r.Membership.Id).Take(paging.Value.Limit + 1).ToListAsync(ct);
        var listings = rows.Select(r => new MembershipListing(r.Membership, r.Username, r.OrganisationName)).ToList();
        return Paging.Build(listings, paging.Value.Limit, l => l.Membership.Id);
    }

    public async Task<Result<Membership>> ChangeRoleAsync(Principal p, Guid organisationId, Guid userId, string? roleText, int? expectedVersion, CancellationToken ct = default)
    {
        if (!TryParseRole(roleText, out var role))
        {
            return Error.Invalid("role", "role must be one of owner, admin, member.");
        }

        var check = await CheckAsync(p, organisationId, role, ct);
        if (!check.IsSuccess)
        {
            return check.Error!;
        }

        var callerRole = await access.RoleInAsync(p, check.Value.AccountId, organisationId);
        return await gate.ExecuteAsync(p, async ctx =>
        {
            var membership = await ctx.Db.Memberships.FirstOrDefaultAsync(m => m.OrganisationId == organisationId && m.UserId == userId);
            if (membership is null)
            {
                return Error.NotFound("Membership");
            }

            if (expectedVersion is { } expected && expected != membership.Version)
            {
                return Error.VersionConflict();
            }

            if (membership.Role == MembershipRole.Owner && callerRole != MembershipRole.Owner)
            {
                return Error.Forbidden("Only an owner may change another owner's role.");
            }

            membership.Role = role;
            membership.Version++;
            ctx.Emit(membership.AccountId, MembershipEvent.Of<MembershipUpdated>(membership));
            return Result<Membership>.Ok(membership);
        }, ct);
    }

    public async Task<Result<Done>> RemoveAsync(Principal p, Guid organisationId, Guid userId, CancellationToken ct = default)
    {
        var check = await CheckAsync(p, organisationId, MembershipRole.Member, ct);
        if (!check.IsSuccess)
        {
            return check.Error!;
        }

        var callerRole = await access.RoleInAsync(p, check.Value.AccountId, organisationId);
        return await gate.ExecuteAsync(p, async ctx =>
        {
            var membership = await ctx.Db.Memberships.FirstOrDefaultAsync(m => m.OrganisationId == organisationId && m.UserId == userId);
            if (membership is null)
            {
                return Error.NotFound("Membership");
            }

            if (membership.Role == MembershipRole.Owner && callerRole != MembershipRole.Owner)
            {
                return Error.Forbidden("Only an owner may remove another owner.");
            }

            ctx.Db.Memberships.Remove(membership);
            ctx.Emit(membership.AccountId, MembershipEvent.Of<MembershipDeleted>(membership));
            return Result<Done>.Ok(new Done());
        }, ct);
    }


    private async Task<Result<Organisation>> CheckAsync(Principal p, Guid organisationId, MembershipRole granting, CancellationToken ct)
    {
        var org = await organisations.GetAsync(p, organisationId, ct);
        if (!org.IsSuccess)
        {
            return org.Error!;
        }

        var role = await access.RoleInAsync(p, org.Value.AccountId, organisationId);
        if (role is not (MembershipRole.Owner or MembershipRole.Admin))
        {
            return Error.Forbidden("Only the organisation's owners and admins may manage its members.");
        }

        if (granting == MembershipRole.Owner && role != MembershipRole.Owner)
        {
            return Error.Forbidden("Only an owner may make someone an owner.");
        }

        return org.Value;
    }
}
