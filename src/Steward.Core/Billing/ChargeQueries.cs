using Microsoft.EntityFrameworkCore;
using Steward.Core.Access;
using Steward.Core.Results;
using Steward.Core.Storage;
using Steward.Core.Tenancy;

namespace Steward.Core.Billing;

/// <summary>A page of ledger lines with the merchants that posted them.</summary>
public sealed record LinePage(IReadOnlyList<ChargeLine> Lines, string? NextCursor, IReadOnlyDictionary<Guid, Merchant> Merchants);

/// <summary>A unit's window: its period (closed or open) when the window is a period, and its sums.</summary>
public sealed record UnitSums(Unit Unit, ChargeWindow Window, BillingPeriod? Period, ChargeSums Totals);

public sealed record ProductCharges(ProductRow Row, ChargeWindow Window, BillingPeriod? Period, ChargeSums Totals, LinePage Lines);

public sealed record UnitCharges(UnitSums Unit, IReadOnlyList<(Product Product, ChargeSums Totals)> Products, LinePage Lines);

public sealed record OrganisationCharges(Organisation Organisation, ChargeWindowInput Window, ChargeSums Totals, IReadOnlyList<UnitSums> Units);

public sealed record AccountCharges(Account Account, ChargeWindowInput Window, ChargeSums Totals, IReadOnlyList<(Organisation Organisation, ChargeSums Totals)> Organisations);

/// <summary>
/// Reads the ledger: totals come from the summary rows (a period's or a range's day rows), never from
/// summing lines; lines are paged. Each unit's period follows its own billing day, so an
/// organisation's period view is the sum of its units' periods, while a date range reads the
/// organisation's (or account's) own day rows.
/// </summary>
public sealed class ChargeQueries(IDbContextFactory<StewardDb> dbs, ProductAccess access, CoinsCalculator clock)
{
    public async Task<Result<ProductCharges>> ForProductAsync(Principal p, Guid productId, ChargeWindowInput input, int? limit, string? cursor, CancellationToken ct = default)
    {
        var window = input.Validate(clock.Today);
        var paging = LinePaging.Parse(limit, cursor);
        if ((window.Error ?? paging.Error) is { } invalid)
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
        var totals = await TotalsAsync(db, [productId], w, ct);
        var period = w.IsPeriod ? await db.BillingPeriods.AsNoTracking().FirstOrDefaultAsync(b => b.UnitId == row.Product.UnitId && b.PeriodStart == w.From, ct) : null;
        var lines = db.ChargeLines.AsNoTracking().Where(l => l.ProductId == productId);
        lines = w.IsPeriod ? lines.Where(l => l.PeriodStart == w.From) : lines.Where(l => l.Day >= w.From && l.Day < w.Until);
        return new ProductCharges(row, w, period, ChargeSums.Of(totals), await PageAsync(db, lines, paging.Value, ct));
    }

    public async Task<Result<UnitCharges>> ForUnitAsync(Principal p, Guid unitId, ChargeWindowInput input, int? limit, string? cursor, CancellationToken ct = default)
    {
        var window = input.Validate(clock.Today);
        var paging = LinePaging.Parse(limit, cursor);
        if ((window.Error ?? paging.Error) is { } invalid)
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
        var sums = (await UnitSumsAsync(db, [unit], window.Value, ct))[0];

        // Deleted products still show here when they have charges in the window: the ledger keeps them.
        var products = await db.Products.IgnoreQueryFilters().AsNoTracking().Where(x => x.UnitId == unitId).OrderBy(x => x.Id).ToListAsync(ct);
        var byProduct = (await TotalsAsync(db, products.Select(x => x.Id).ToList(), w, ct)).ToLookup(t => t.ScopeId);
        var breakdown = products
            .Where(x => x.DeletedAt is null || byProduct[x.Id].Any())
            .Select(x => (x, ChargeSums.Of(byProduct[x.Id])))
            .ToList();

        var lines = db.ChargeLines.AsNoTracking().Where(l => l.UnitId == unitId);
        lines = w.IsPeriod ? lines.Where(l => l.PeriodStart == w.From) : lines.Where(l => l.Day >= w.From && l.Day < w.Until);
        return new UnitCharges(sums, breakdown, await PageAsync(db, lines, paging.Value, ct));
    }

    public async Task<Result<OrganisationCharges>> ForOrganisationAsync(Principal p, Guid organisationId, ChargeWindowInput input, CancellationToken ct = default)
    {
        var window = input.Validate(clock.Today);
        if (window.Error is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var org = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organisationId, ct);
        if (org is null || !await access.CanReadUnitAsync(p, org.AccountId, org.Id, unitOwner: null))
        {
            return Error.NotFound("Organisation");
        }

        var units = await db.Units.AsNoTracking().Where(u => u.OrganisationId == organisationId).OrderBy(u => u.Id).ToListAsync(ct);
        var sums = await UnitSumsAsync(db, units, window.Value, ct);
        var total = window.Value.IsRange
            ? ChargeSums.Of(await TotalsAsync(db, [organisationId], window.Value.For(clock.Today, BillingDay.Min), ct))
            : sums.Aggregate(ChargeSums.Zero, (s, u) => s.Plus(u.Totals));
        return new OrganisationCharges(org, window.Value, total, sums);
    }

    /// <summary>An account's charges by organisation: root names the account; an account reads its own.</summary>
    public async Task<Result<AccountCharges>> ForAccountAsync(Principal p, Guid accountId, ChargeWindowInput input, CancellationToken ct = default)
    {
        var window = input.Validate(clock.Today);
        if (window.Error is { } invalid)
        {
            return invalid;
        }

        if (!AccessControl.OwnsAccount(p, accountId))
        {
            return p.AccountId == accountId && p.Kind != PrincipalKind.Root
                ? Error.Forbidden("Only the account itself (or root) reads the account's charges.")
                : Error.NotFound("Account");
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == accountId, ct);
        if (account is null)
        {
            return Error.NotFound("Account");
        }

        var orgs = await db.Organisations.AsNoTracking().Where(o => o.AccountId == accountId).OrderBy(o => o.Id).ToListAsync(ct);
        List<(Organisation, ChargeSums)> breakdown;
        ChargeSums total;
        if (window.Value.IsRange)
        {
            var range = window.Value.For(clock.Today, BillingDay.Min);
            var rows = (await TotalsAsync(db, [accountId, .. orgs.Select(o => o.Id)], range, ct)).ToLookup(t => t.ScopeId);
            breakdown = orgs.Select(o => (o, ChargeSums.Of(rows[o.Id]))).ToList();
            total = ChargeSums.Of(rows[accountId]);
        }
        else
        {
            var units = await db.Units.AsNoTracking().Where(u => u.AccountId == accountId).ToListAsync(ct);
            var byOrg = (await UnitSumsAsync(db, units, window.Value, ct)).ToLookup(u => u.Unit.OrganisationId);
            breakdown = orgs.Select(o => (o, byOrg[o.Id].Aggregate(ChargeSums.Zero, (s, u) => s.Plus(u.Totals)))).ToList();
            total = breakdown.Aggregate(ChargeSums.Zero, (s, o) => s.Plus(o.Item2));
        }

        return new AccountCharges(account, window.Value, total, breakdown);
    }

    /// <summary>Each unit's sums over its own window (its period for its billing day, or the range), reading rows in chunks.</summary>
    private async Task<IReadOnlyList<UnitSums>> UnitSumsAsync(StewardDb db, IReadOnlyList<Unit> units, ChargeWindowInput input, CancellationToken ct)
    {
        var today = clock.Today;
        var windows = units.ToDictionary(u => u.Id, u => input.For(today, u.BillingDay));
        var rows = new List<ChargeTotal>();
        var periods = new Dictionary<(Guid, DateOnly), BillingPeriod>();
        foreach (var chunk in units.Chunk(500))
        {
            var ids = chunk.Select(u => u.Id).ToList();
            var starts = chunk.Select(u => windows[u.Id].From).Distinct().ToList();
            var query = db.ChargeTotals.AsNoTracking().Where(t => ids.Contains(t.ScopeId));
            if (input.IsRange)
            {
                var (from, until) = (input.From!.Value, input.Until!.Value);
                rows.AddRange(await query.Where(t => t.Day >= from && t.Day < until).ToListAsync(ct));
                continue;
            }

            rows.AddRange(await query.Where(t => starts.Contains(t.PeriodStart)).ToListAsync(ct));
            foreach (var b in await db.BillingPeriods.AsNoTracking().Where(b => ids.Contains(b.UnitId) && starts.Contains(b.PeriodStart)).ToListAsync(ct))
            {
                periods[(b.UnitId, b.PeriodStart)] = b;
            }
        }

        var byUnit = rows.ToLookup(t => t.ScopeId);
        return units.Select(u =>
        {
            var w = windows[u.Id];
            return new UnitSums(u, w, periods.GetValueOrDefault((u.Id, w.From)), ChargeSums.Of(byUnit[u.Id].Where(w.Covers)));
        }).ToList();
    }

    private static async Task<List<ChargeTotal>> TotalsAsync(StewardDb db, IReadOnlyList<Guid> scopeIds, ChargeWindow w, CancellationToken ct)
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

    private static async Task<LinePage> PageAsync(StewardDb db, IQueryable<ChargeLine> lines, (int Limit, long After) paging, CancellationToken ct)
    {
        var after = paging.After;
        var rows = await lines.Where(l => l.Id > after).OrderBy(l => l.Id).Take(paging.Limit + 1).ToListAsync(ct);
        string? next = null;
        if (rows.Count > paging.Limit)
        {
            rows.RemoveAt(rows.Count - 1);
            next = LinePaging.Cursor(rows[^1].Id);
        }

        var merchantIds = rows.Select(l => l.MerchantId).Distinct().ToList();
        var merchants = await db.Merchants.AsNoTracking().Where(m => merchantIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
        return new LinePage(rows, next, merchants);
    }
}
