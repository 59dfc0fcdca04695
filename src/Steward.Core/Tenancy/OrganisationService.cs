using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Steward.Core.Access;
using Steward.Core.Caching;
using Steward.Core.Identity;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Storage;
using Steward.Core.Writes;

namespace Steward.Core.Tenancy;

public sealed record CreatedOrganisation(Organisation Organisation, IssuedCredential Credential);

/// <summary>Input for creating or changing an organisation; null fields are left as they are on update.</summary>
public sealed record OrganisationInput(string? Name, string? DomainName, string? Description, Guid? AccountId = null);

/// <summary>Organisations: created by an account (or by a user, who becomes its owner), read from a cache.</summary>
public sealed partial class OrganisationService(
    IDbContextFactory<StewardDb> dbs,
    WriteGate gate,
    AccessControl access,
    CredentialService credentials,
    ReadCache cache)
{
    public async Task<Result<CreatedOrganisation>> CreateAsync(Principal p, OrganisationInput input, CancellationToken ct = default)
    {
        var accountId = p.IsRoot ? input.AccountId ?? Guid.Empty : p.AccountId;
        var v = new Validator();
        var name = v.Name("name", input.Name, Limits.Name, required: true)!;
        var domain = ValidateDomain(v, input.DomainName);
        var description = v.Optional("description", input.Description, Limits.Description);
        if (p.IsRoot && accountId == Guid.Empty)
        {
            v.Add("account_id", "account_id is required when root creates an organisation.");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        if (p.Kind == PrincipalKind.Organisation)
        {
            return Error.Forbidden("An organisation's credential cannot create organisations; use the account's.");
        }

        // Fail closed: a kind of caller added later (a merchant) does not create organisations.
        if (p.Kind is not (PrincipalKind.Root or PrincipalKind.Account or PrincipalKind.User))
        {
            return Error.Forbidden("Only root, the account or a user may create organisations.");
        }

        // Naming an account the caller cannot act on is refused, not ignored (it would land in the caller's own).
        if (!p.IsRoot && input.AccountId is { } asked && asked != p.AccountId)
        {
            return Error.NotFound("Account");
        }

        return await gate.ExecuteAsync(p, async ctx =>
        {
            if (!await ctx.Db.Accounts.AnyAsync(a => a.Id == accountId))
            {
                return Error.NotFound("Account");
            }

            if (await ctx.Db.Organisations.AnyAsync(o => o.AccountId == accountId && o.Name == name))
            {
                return Error.Conflict($"An organisation named '{name}' already exists in this account.");
            }

            if (domain is not null && await ctx.Db.Organisations.AnyAsync(o => o.DomainName == domain))
            {
                return Error.Conflict($"The domain name '{domain}' is already taken.");
            }

            var org = new Organisation
            {
                Id = PublicId.NewGuid(ctx.Now),
                AccountId = accountId,
                Name = name,
                DomainName = domain,
                Description = description,
                CreatedAt = ctx.Now,
                UpdatedAt = ctx.Now,
                Version = 1,
            };
            ctx.Db.Organisations.Add(org);
            ctx.Emit(accountId, OrganisationEvent.Of<OrganisationCreated>(org));
            if (p.Kind == PrincipalKind.User)
            {
                ctx.Db.Memberships.Add(new Membership
                {
                    Id = PublicId.NewGuid(ctx.Now),
                    AccountId = accountId,
                    OrganisationId = org.Id,
                    UserId = p.SubjectId,
                    Role = MembershipRole.Owner,
                    CreatedAt = ctx.Now,
                    Version = 1,
                });
                ctx.Emit(accountId, new MembershipCreated { OrganisationId = PublicId.Of<Organisation>(org.Id), UserId = PublicId.Of<User>(p.SubjectId), Role = MembershipRole.Owner });
                var userId = p.SubjectId;
            }

            var credential = credentials.Add(ctx, PrincipalKind.Organisation, org.Id, accountId, primary: true, label: "primary");
            return Result<CreatedOrganisation>.Ok(new CreatedOrganisation(org, credential));
        }, ct);
    }

    /// <summary>Reads an organisation, from the cache when it can (the hot path of authorized reads).</summary>
    public async Task<Result<Organisation>> GetAsync(Principal p, Guid id, CancellationToken ct = default)
    {
        var org = await FindAsync(id, ct);
        if (org is null || await access.CanReadOrganisationAsync(p, org) is not null)
        {
            return Error.NotFound("Organisation");
        }

        return org;
    }

    /// <summary>Finds an organisation without an access check (callers check).</summary>
    public async Task<Organisation?> FindAsync(Guid id, CancellationToken ct = default)
    {
        if (cache.TryGet<Organisation>(new OrganisationCacheKey(id), out var org))
        {
            return org;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        org = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (org is not null)
        {
            cache.Set(new OrganisationCacheKey(id), org);
        }

        return org;
    }

    public Task<Result<Page<Organisation>>> ListAsync(Principal p, int? limit, string? cursor, CancellationToken ct = default) =>
        ListAsync(p, new ListQuery(limit, cursor), ct);

    /// <summary>The organisations the caller sees, those whose name or domain name contains the search term.</summary>
    public async Task<Result<Page<Organisation>>> ListAsync(Principal p, ListQuery q, CancellationToken ct = default)
    {
        var paging = Paging.Parse(q.Limit, q.Cursor);
        if (!paging.IsSuccess)
        {
            return paging.Error!;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var query = db.Organisations.AsNoTracking().VisibleTo(p, db);
        if (q.Term is { } term)
        {
            query = query.Where(o => o.Name.ToLower().Contains(term) || (o.DomainName != null && o.DomainName.Contains(term)));
        }

        if (paging.Value.After is { } after)
        {
            query = query.Where(o => o.Id.CompareTo(after) > 0);
        }

        var rows = await query.OrderBy(o => o.Id).Take(paging.Value.Limit + 1).ToListAsync(ct);
        return Paging.Build(rows, paging.Value.Limit, o => o.Id);
    }

    public async Task<Result<Organisation>> UpdateAsync(Principal p, Guid id, OrganisationInput input, int? expectedVersion, CancellationToken ct = default)
    {
        var v = new Validator();
        var name = input.Name is null ? null : v.Name("name", input.Name, Limits.Name, required: true);
        var domain = ValidateDomain(v, input.DomainName);
        var description = v.Optional("description", input.Description, Limits.Description);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var current = await GetAsync(p, id, ct);
        if (!current.IsSuccess)
        {
            return current.Error!;
        }

        if (await access.CanManageOrganisationAsync(p, current.Value) is { } denied)
        {
            return denied;
        }

        return await gate.ExecuteAsync(p, async ctx =>
        {
            var org = await ctx.Db.Organisations.FirstOrDefaultAsync(o => o.Id == id);
            if (org is null)
            {
                return Error.NotFound("Organisation");
            }

            if (expectedVersion is { } expected && expected != org.Version)
            {
                return Error.VersionConflict();
            }

            if (name is not null && name != org.Name && await ctx.Db.Organisations.AnyAsync(o => o.AccountId == org.AccountId && o.Name == name))
            {
                return Error.Conflict($"An organisation named '{name}' already exists in this account.");
            }

            if (domain is not null && domain != org.DomainName && await ctx.Db.Organisations.AnyAsync(o => o.DomainName == domain))
            {
                return Error.Conflict($"The domain name '{domain}' is already taken.");
            }

            org.Name = name ?? org.Name;
            org.DomainName = domain ?? org.DomainName;
            org.Description = input.Description is null ? org.Description : description;
            org.UpdatedAt = ctx.Now;
            org.Version++;
            ctx.Emit(org.AccountId, OrganisationEvent.Of<OrganisationUpdated>(org));
            return Result<Organisation>.Ok(org);
        }, ct);
    }

    /// <summary>Deletes an organisation with its units, memberships and homed users; their tokens stop working at once.</summary>
    public async Task<Result<Done>> DeleteAsync(Principal p, Guid id, CancellationToken ct = default)
    {
        var current = await GetAsync(p, id, ct);
        if (!current.IsSuccess)
        {
            return current.Error!;
        }

        if (await access.RoleInAsync(p, current.Value.AccountId, id) is not MembershipRole.Owner)
        {
            return Error.Forbidden("Only the account or an owner of the organisation may delete it.");
        }

        return await gate.ExecuteAsync(p, async ctx =>
        {
            var org = await ctx.Db.Organisations.FirstOrDefaultAsync(o => o.Id == id);
            if (org is null)
            {
                return Error.NotFound("Organisation");
            }

            var users = await ctx.Db.Users.Where(u => u.OrganisationId == id).Select(u => u.Id).ToListAsync();
            await credentials.RemoveForOwnersAsync(ctx, [id, .. users]);
            ctx.Db.Organisations.Remove(org);
            ctx.Revoke(id, ctx.Now, ctx.Now + credentials.TokenLifetime);
            ctx.Emit(org.AccountId, OrganisationEvent.Of<OrganisationDeleted>(org));
            return Result<Done>.Ok(new Done());
        }, ct);
    }


    private static string? ValidateDomain(Validator v, string? raw)
    {
        var domain = v.Optional("domain_name", raw, Limits.DomainName)?.ToLowerInvariant();
        if (domain is not null && !DomainPattern().IsMatch(domain))
        {
            v.Add("domain_name", "domain_name must be a DNS-style name: letters, digits, '-' and '.', such as example.com.");
        }

        return domain;
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$")]
    private static partial Regex DomainPattern();
}
