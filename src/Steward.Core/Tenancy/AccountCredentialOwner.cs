using Microsoft.EntityFrameworkCore;
using Steward.Core.Access;
using Steward.Core.Results;
using Steward.Core.Storage;

namespace Steward.Core.Tenancy;

/// <summary>An account's own API keys: managed by the account itself and by root.</summary>
internal sealed class AccountCredentialOwner : ICredentialOwner
{
    public PrincipalKind Kind => PrincipalKind.Account;

    public async Task<Result<Guid>> ResolveAsync(Principal p, StewardDb db, Guid id, CancellationToken ct) =>
        AccessControl.OwnsAccount(p, id) && await db.Accounts.AnyAsync(a => a.Id == id, ct) ? id : Error.NotFound("Owner");

    public Task<Error?> CanManageAsync(Principal p, StewardDb db, Guid id, CancellationToken ct) =>
        Task.FromResult(AccessControl.OwnsAccount(p, id) ? null : Error.NotFound("Credential"));

    public Task<IReadOnlySet<Guid>> ManageableAsync(Principal p, StewardDb db, IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        Task.FromResult<IReadOnlySet<Guid>>(ids.Where(id => AccessControl.OwnsAccount(p, id)).ToHashSet());

    public Task<bool> ExistsAsync(StewardDb db, Guid id, CancellationToken ct) => db.Accounts.AnyAsync(a => a.Id == id, ct);

    public Task<Guid> OrganisationOfAsync(StewardDb db, Guid id, CancellationToken ct) => Task.FromResult(Guid.Empty);
}
