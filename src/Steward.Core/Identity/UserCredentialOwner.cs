using Microsoft.EntityFrameworkCore;
using Steward.Core.Access;
using Steward.Core.Results;
using Steward.Core.Storage;

namespace Steward.Core.Identity;

/// <summary>A user's API keys: managed by the user itself and by whoever manages the user.</summary>
internal sealed class UserCredentialOwner(AccessControl access) : ICredentialOwner
{
    public PrincipalKind Kind => PrincipalKind.User;

    public async Task<Result<Guid>> ResolveAsync(Principal p, StewardDb db, Guid id, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return Error.NotFound("Owner");
        }

        return await access.CanManageUserAsync(p, user, allowSelf: true) is { } denied ? denied : user.AccountId;
    }

    public async Task<Error?> CanManageAsync(Principal p, StewardDb db, Guid id, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
        return user is null ? Error.NotFound("Credential") : await access.CanManageUserAsync(p, user, allowSelf: true);
    }

    public async Task<IReadOnlySet<Guid>> ManageableAsync(Principal p, StewardDb db, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToListAsync(ct);
        var allowed = new HashSet<Guid>();
        foreach (var user in users)
        {
            if (await access.CanManageUserAsync(p, user, allowSelf: true) is null)
            {
                allowed.Add(user.Id);
            }
        }

        return allowed;
    }

    public Task<bool> ExistsAsync(StewardDb db, Guid id, CancellationToken ct) => db.Users.AnyAsync(u => u.Id == id, ct);

    public async Task<Guid> OrganisationOfAsync(StewardDb db, Guid id, CancellationToken ct) =>
        await db.Users.Where(u => u.Id == id).Select(u => u.OrganisationId).FirstOrDefaultAsync(ct) ?? Guid.Empty;
}
