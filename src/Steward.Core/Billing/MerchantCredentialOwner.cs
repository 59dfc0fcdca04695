using Microsoft.EntityFrameworkCore;
using Steward.Core.Access;
using Steward.Core.Results;
using Steward.Core.Storage;

namespace Steward.Core.Billing;

/// <summary>
/// A merchant's API keys: managed by whoever manages the merchant (root for a platform merchant, the
/// account or root for an account's own) and by the merchant itself.
/// </summary>
internal sealed class MerchantCredentialOwner : ICredentialOwner
{
    public PrincipalKind Kind => PrincipalKind.Merchant;

    public async Task<Result<Guid>> ResolveAsync(Principal p, StewardDb db, Guid id, CancellationToken ct)
    {
        var merchant = await db.Merchants.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
        return merchant is not null && MayManageKeys(p, merchant) ? merchant.AccountId ?? Guid.Empty : Error.NotFound("Owner");
    }

    public async Task<Error?> CanManageAsync(Principal p, StewardDb db, Guid id, CancellationToken ct)
    {
        var merchant = await db.Merchants.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
        return merchant is not null && MayManageKeys(p, merchant) ? null : Error.NotFound("Credential");
    }

    public async Task<IReadOnlySet<Guid>> ManageableAsync(Principal p, StewardDb db, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var merchants = await db.Merchants.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync(ct);
        return merchants.Where(m => MayManageKeys(p, m)).Select(m => m.Id).ToHashSet();
    }

    public Task<bool> ExistsAsync(StewardDb db, Guid id, CancellationToken ct) => db.Merchants.AnyAsync(m => m.Id == id, ct);

    public Task<Guid> OrganisationOfAsync(StewardDb db, Guid id, CancellationToken ct) => Task.FromResult(Guid.Empty);

    private static bool MayManageKeys(Principal p, Merchant m) =>
        MerchantService.MayManage(p, m) || (p.Kind == PrincipalKind.Merchant && p.SubjectId == m.Id);
}
