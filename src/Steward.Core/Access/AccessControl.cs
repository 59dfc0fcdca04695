using Microsoft.EntityFrameworkCore;
using Steward.Core.Caching;
using Steward.Core.Identity;
using Steward.Core.Results;
using Steward.Core.Storage;
using Steward.Core.Tenancy;

namespace Steward.Core.Access;

/// <summary>
/// Who may do what. Root may do anything; an account principal anything inside its account; an
/// organisation principal (a Kandy domain) anything inside its organisation; a user what its
/// memberships allow (owner and admin manage, member reads) and its own record.
/// A resource of another account is reported as not found, so ids of other tenants leak nothing.
/// </summary>
public sealed class AccessControl(IDbContextFactory<StewardDb> dbs, ReadCache cache)
{
    public static bool OwnsAccount(Principal p, Guid accountId) =>
        p.IsRoot || (p.Kind == PrincipalKind.Account && p.AccountId == accountId);

    public static bool InAccount(Principal p, Guid accountId) => p.IsRoot || p.AccountId == accountId;

    /// <summary>The role the caller holds in the organisation, or null when it may not even see it.</summary>
    public async Task<MembershipRole?> RoleInAsync(Principal p, Guid accountId, Guid organisationId)
    {
        if (OwnsAccount(p, accountId))
        {
            return MembershipRole.Owner;
        }

        if (p.AccountId != accountId)
        {
            return null;
        }

        if (p.Kind == PrincipalKind.Organisation)
        {
            return p.SubjectId == organisationId ? MembershipRole.Owner : null;
        }

        if (p.Kind == PrincipalKind.User)
        {
            var roles = await MembershipsOfAsync(p.SubjectId);
            return roles.TryGetValue(organisationId, out var role) ? role : null;
        }

        return null;
    }

    public async Task<Error?> CanReadOrganisationAsync(Principal p, Organisation org) =>
        await RoleInAsync(p, org.AccountId, org.Id) is null ? Error.NotFound("Organisation") : null;

    public async Task<Error?> CanManageOrganisationAsync(Principal p, Organisation org) =>
        await RoleInAsync(p, org.AccountId, org.Id) switch
        {
            null => Error.NotFound("Organisation"),
            MembershipRole.Member => Error.Forbidden("Only the organisation's owners and admins may change it."),
            _ => null,
        };

    /// <summary>Reading a user: the account, the user's organisation (principal, owner or admin), or the user itself.</summary>
    public async Task<Error?> CanReadUserAsync(Principal p, User user)
    {
        if (p.Kind == PrincipalKind.User && p.SubjectId == user.Id)
        {
            return null;
        }

        if (OwnsAccount(p, user.AccountId))
        {
            return null;
        }

        if (p.AccountId != user.AccountId)
        {
            return Error.NotFound("User");
        }

        if (user.OrganisationId is { } home && await RoleInAsync(p, user.AccountId, home) is not null)
        {
            return null;
        }

        // Members of a shared organisation may see each other.
        if (p.Kind == PrincipalKind.User)
        {
            var mine = await MembershipsOfAsync(p.SubjectId);
            var theirs = await MembershipsOfAsync(user.Id);
            if (mine.Keys.Any(theirs.ContainsKey))
            {
                return null;
            }
        }

        return Error.NotFound("User");
    }

    /// <summary>Changing a user: the account, an owner or admin of its home organisation, or the user itself.</summary>
    public async Task<Error?> CanManageUserAsync(Principal p, User user, bool allowSelf)
    {
        if (allowSelf && p.Kind == PrincipalKind.User && p.SubjectId == user.Id)
        {
            return null;
        }

        var read = await CanReadUserAsync(p, user);
        if (read is not null)
        {
            return read;
        }

        if (OwnsAccount(p, user.AccountId))
        {
            return null;
        }

        if (user.OrganisationId is { } home && await RoleInAsync(p, user.AccountId, home) is MembershipRole.Owner or MembershipRole.Admin)
        {
            return null;
        }

        return Error.Forbidden("Only the account, or an owner or admin of the user's organisation, may change this user.");
    }

    /// <summary>The caller's organisation roles, cached per user and dropped when a membership changes.</summary>
    public async Task<IReadOnlyDictionary<Guid, MembershipRole>> MembershipsOfAsync(Guid userId)
    {
        if (cache.TryGet<Dictionary<Guid, MembershipRole>>(new MembershipsCacheKey(userId), out var roles))
        {
            return roles!;
        }

        await using var db = await dbs.CreateDbContextAsync();
        roles = await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == userId)
            .ToDictionaryAsync(m => m.OrganisationId, m => m.Role);
        cache.Set(new MembershipsCacheKey(userId), roles);
        return roles;
    }
}
