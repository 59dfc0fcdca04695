using Microsoft.EntityFrameworkCore;
using Steward.Core.Access;
using Steward.Core.Results;
using Steward.Core.Storage;
using Steward.Core.Tenancy;

namespace Steward.Core.Billing;

/// <summary>
/// One day of a window: its coins by kind (post-final apart) and the burn rate of that day's latest
/// storage line (for a unit, the sum over its products); no storage line that day, no burn rate.
/// </summary>
public sealed record ChargeDay(DateOnly Day, decimal Processing, decimal Storage, decimal Fees, decimal Credits, decimal PostFinalCoins, long Lines, decimal? BurnRate)
{
    /// <summary>The statement's coins of the day, signed.</summary>
    public decimal Coins => Processing + Storage + Fees + Credits;

    /// <summary>
    /// Every day of <paramref name="window"/> in order, zero where there is no row. <paramref name="sums"/>
    /// are the scope's own rows (coins); <paramref name="burnRates"/> the product rows whose burn rates add up.
    /// </summary>
    public static IReadOnlyList<ChargeDay> Fill(ChargeWindow window, IEnumerable<ChargeTotal> sums, IEnumerable<ChargeTotal> burnRates)
    {
        var byDay = sums.Where(window.Covers).ToLookup(t => t.Day);
        var rates = burnRates.Where(t => window.Covers(t) && t.BurnRate is not null).ToLookup(t => t.Day, t => t.BurnRate!.Value);
        var days = new List<ChargeDay>(window.Until.DayNumber - window.From.DayNumber);
        for (var day = window.From; day < window.Until; day = day.AddDays(1))
        {
            var s = ChargeSums.Of(byDay[day]);
            var rate = rates[day].Any() ? rates[day].Sum() : (decimal?)null;
            days.Add(new ChargeDay(day, s.Processing, s.Storage, s.Fees, s.Credits, s.PostFinalCoins, s.Lines, rate));
        }

        return days;
    }
}

/// <summary>A window's days: the window (a period or a range) and one <see cref="ChargeDay"/> per day in it.</summary>
public sealed record ChargeDays(ChargeWindow Window, IReadOnlyList<ChargeDay> Days);

/// <summary>
/// The ledger day by day, for charts: a product's or a unit's summary rows within a window, read under
/// the same rules as <see cref="ChargeQueries"/> (readers of the unit; not merchants; others 404).
/// </summary>
public sealed class ChargeDayQueries(IDbContextFactory<StewardDb> dbs, ProductAccess access, CoinsCalculator clock)
{
    public async Task<Result<ChargeDays>> ForProductAsync(Principal p, Guid productId, ChargeWindowInput input, CancellationToken ct = default)
    {
        var window = input.Validate(clock.Today);
        if (window.Error is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var row = await ProductService.FindRowAsync(db, productId, ct);
        if (row is null)
        {
            return Error.NotFound("Product");
        }

        if (await access.CanReadChargesAsync(p, row) is { } denied)
        {
            return denied;
        }

        var w = window.Value.For(clock.Today, row.BillingDay);
        var rows = await RowsAsync(db, [productId], w, ct);
        return new ChargeDays(w, ChargeDay.Fill(w, rows, rows));
    }

    /// <summary>A unit's days: its own rows for the coins, its products' rows (deleted ones too) for the burn rate.</summary>
    public async Task<Result<ChargeDays>> ForUnitAsync(Principal p, Guid unitId, ChargeWindowInput input, CancellationToken ct = default)
    {
        var window = input.Validate(clock.Today);
        if (window.Error is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null || !await access.CanReadUnitAsync(p, unit.AccountId, unit.OrganisationId, unit.OwnerUserId))
        {
            return Error.NotFound("Unit");
        }

        var w = window.Value.For(clock.Today, unit.BillingDay);
        var products = await db.Products.IgnoreQueryFilters().AsNoTracking().Where(x => x.UnitId == unitId).Select(x => x.Id).ToListAsync(ct);
        var own = await RowsAsync(db, [unitId], w, ct);
        var rates = await RowsAsync(db, products, w, ct);
        return new ChargeDays(w, ChargeDay.Fill(w, own, rates));
    }

    private static async Task<List<ChargeTotal>> RowsAsync(StewardDb db, IReadOnlyList<Guid> scopeIds, ChargeWindow w, CancellationToken ct)
    {
        var rows = new List<ChargeTotal>();
        foreach (var chunk in scopeIds.Chunk(500))
        {
            var query = db.ChargeTotals.AsNoTracking().Where(t => chunk.Contains(t.ScopeId));
            query = w.IsPeriod ? query.Where(t => t.PeriodStart == w.From) : query.Where(t => t.Day >= w.From && t.Day < w.Until);
            rows.AddRange(await query.ToListAsync(ct));
        }

        return rows;
    }
}
