using Microsoft.EntityFrameworkCore;
using Steward.Core.Storage;

namespace Steward.Core.Billing;

/// <summary>
/// Coins held by open reservations, as stored: every instance's, the ones past their expiry left out
/// (they hold nothing, even before the sweeper stores them as expired). Read by the products' coins.
/// </summary>
public sealed class StoredReservedCoins(IDbContextFactory<StewardDb> dbs, TimeProvider time) : IReservedCoins
{
    public async ValueTask<IReadOnlyDictionary<Guid, decimal>> ReservedAsync(IReadOnlyCollection<Guid> productIds, CancellationToken ct = default)
    {
        if (productIds.Count == 0)
        {
            return new Dictionary<Guid, decimal>();
        }

        var now = time.GetUtcNow();
        var ids = productIds.ToList();
        await using var db = await dbs.CreateDbContextAsync(ct);

        // Summed here, in decimal: SQLite stores coins as text.
        var open = await db.Reservations.AsNoTracking()
            .Where(r => ids.Contains(r.ProductId) && r.State == ReservationState.Open && r.ExpiresAt > now)
            .Select(r => new { r.ProductId, r.Coins })
            .ToListAsync(ct);
        return open.GroupBy(r => r.ProductId).ToDictionary(g => g.Key, g => g.Sum(r => r.Coins));
    }
}
