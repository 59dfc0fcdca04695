using Microsoft.EntityFrameworkCore;
using Steward.Core.Access;
using Steward.Core.Results;
using Steward.Core.Storage;

namespace Steward.Core.Tenancy;

/// <summary>An organisation's API keys (a Kandy domain's): managed by whoever manages the organisation.</summary>
internal sealed class OrganisationCredentialOwner(AccessControl access) : ICredentialOwner
{
    public PrincipalKind Kind => PrincipalKind.Organisation;

    public async Task<Result<Guid>> ResolveAsync(Principal p, StewardDb db, Guid id, CancellationToken ct)
    {
        var org = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (org is null || await access.CanReadOrganisationAsync(p, org) is not null)
        {
            return Error.NotFound("Owner");
        }

        return await access.CanManageOrganisationAsync(p, org) is { } denied ? denied : org.AccountId;
    }

    public async Task<Error?> CanManageAsync(Principal p, StewardDb db, Guid id, CancellationToken ct)
    {
        var org = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        return org is null ? Error.NotFound("Credential") : await access.CanManageOrganisationAsync(p, org);
    }

    public async Task<IReadOnlySet<Guid>> ManageableAsync(Principal p, StewardDb db, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var orgs = await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToListAsync(ct);
        var allowed = new HashSet<Guid>();
        foreach (var org in orgs)
        {
            if (await access.CanManageOrganisationAsync(p, org) is null)
            {
                allowed.Add(org.Id);
            }
        }

        return allowed;
    }

    public Task<bool> ExistsAsync(StewardDb db, Guid id, CancellationToken ct) => db.Organisations.AnyAsync(o => o.Id == id, ct);

    public Task<Guid> OrganisationOfAsync(StewardDb db, Guid id, CancellationToken ct) => Task.FromResult(id);
}
