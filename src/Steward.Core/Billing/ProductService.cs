using Microsoft.EntityFrameworkCore;
using Steward.Core.Access;
using Steward.Core.Catalog;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Storage;
using Steward.Core.Tenancy;
using Steward.Core.Writes;

namespace Steward.Core.Billing;

/// <summary>Input for creating a product (amounts as decimal text); on update only name, allowance and limit count.</summary>
public sealed record ProductInput(string? Name, string? Type = null, string? Flavour = null, string? Allowance = null, string? Limit = null);

/// <summary>A product as the API shows it: its row, its coins in the current period, and whether its type is claimable.</summary>
public sealed record ProductView(ProductRow Row, CoinsDetail Coins, bool Claimable)
{
    public Product Product => Row.Product;
}

/// <summary>
/// Products: a unit's subscriptions to product types, with an allowance and a limit in coins. The limit
/// defaults to the allowance, is never below it, and neither is ever reduced.
/// </summary>
public sealed class ProductService(
    IDbContextFactory<StewardDb> dbs,
    WriteGate gate,
    ProductAccess access,
    IProductTypes types,
    IReservedCoins reservations,
    CoinsCalculator calculator)
{
    public async Task<Result<ProductView>> CreateAsync(Principal p, Guid unitId, ProductInput input, CancellationToken ct = default)
    {
        // The unit first: which product types there are depends on its account.
        await using var db = await dbs.CreateDbContextAsync(ct);
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null)
        {
            return Error.NotFound("Unit");
        }

        if (await access.CanManageUnitAsync(p, unit.AccountId, unit.OrganisationId, unit.OwnerUserId, "Unit") is { } denied)
        {
            return denied;
        }

        var v = new Validator();
        var name = v.Required("name", input.Name, ProductConfiguration.NameLength);
        var type = v.Required("type", input.Type, ProductConfiguration.TypeLength);
        var flavour = v.Optional("flavour", input.Flavour, ProductConfiguration.FlavourLength);
        var allowance = Coins.Read(v, "allowance", input.Allowance, required: false, positive: true);
        var limit = Coins.Read(v, "limit", input.Limit, required: false, positive: true);
        var rule = type.Length == 0 ? null : await types.FindAsync(unit.AccountId, type, ct);
        if (type.Length > 0 && rule is null)
        {
            var known = await types.ListAsync(unit.AccountId, ct);
            v.Add("type", FieldRule.Invalid, "type must be one of: " + string.Join(", ", known.Select(t => t.Code)) + ".");
        }

        allowance = rule?.Validate(v, flavour, allowance, limit, allowanceGiven: input.Allowance is not null) ?? allowance;
        limit ??= allowance;
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var created = await gate.ExecuteAsync(p, async ctx =>
        {
            if (!await ctx.Db.Units.AnyAsync(u => u.Id == unitId))
            {
                return Error.NotFound("Unit");
            }

            var product = new Product
            {
                Id = PublicId.NewGuid(ctx.Now),
                AccountId = unit.AccountId,
                OrganisationId = unit.OrganisationId,
                UnitId = unit.Id,
                Name = name,
                Type = rule!.Code,
                Flavour = flavour,
                Allowance = allowance!.Value,
                Limit = limit!.Value,
                CreatedAt = ctx.Now,
                UpdatedAt = ctx.Now,
                Version = 1,
            };
            ctx.Db.Products.Add(product);
            ctx.Emit(product.AccountId, ProductEvent.Of<ProductCreated>(product));
            return Result<Product>.Ok(product);
        }, ct);

        return created.IsSuccess ? (await ViewAsync(db, [new ProductRow(created.Value, unit.BillingDay, unit.OwnerUserId, unit.Name)], ct))[0] : created.Error!;
    }

    public async Task<Result<ProductView>> GetAsync(Principal p, Guid id, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var row = await FindRowAsync(db, id, ct);
        if (row is null || await access.CanReadAsync(p, row) is not null)
        {
            return Error.NotFound("Product");
        }

        return (await ViewAsync(db, [row], ct))[0];
    }

    /// <summary>A product's row for other services of the area (no access check; the caller checks).</summary>
    public static Task<ProductRow?> FindRowAsync(StewardDb db, Guid id, CancellationToken ct, bool includeDeleted = false)
    {
        var products = includeDeleted ? db.Products.IgnoreQueryFilters() : db.Products;
        return (from product in products.AsNoTracking()
                join unit in db.Units.AsNoTracking() on product.UnitId equals unit.Id
                where product.Id == id
                select new ProductRow(product, unit.BillingDay, unit.OwnerUserId, unit.Name)).FirstOrDefaultAsync(ct);
    }

    /// <summary>A unit's products; <paramref name="search"/> matches part of the name, case-insensitively.</summary>
    public async Task<Result<Page<ProductView>>> ListForUnitAsync(Principal p, Guid unitId, int? limit, string? cursor, string? search, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null || !await access.CanReadUnitAsync(p, unit.AccountId, unit.OrganisationId, unit.OwnerUserId))
        {
            return Error.NotFound("Unit");
        }

        return await PageAsync(db, db.Products.Where(x => x.UnitId == unitId), limit, cursor, search, ct);
    }

    /// <summary>An organisation's products, in all its units.</summary>
    public async Task<Result<Page<ProductView>>> ListForOrganisationAsync(Principal p, Guid organisationId, int? limit, string? cursor, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var org = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organisationId, ct);
        if (org is null || !await access.CanReadUnitAsync(p, org.AccountId, org.Id, unitOwner: null))
        {
            return Error.NotFound("Organisation");
        }

        return await PageAsync(db, db.Products.Where(x => x.OrganisationId == organisationId), limit, cursor, null, ct);
    }

    /// <summary>Every product the caller sees (root: all; an account: its own; others through their organisations).</summary>
    public async Task<Result<Page<ProductView>>> ListAsync(Principal p, int? limit, string? cursor, string? search, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await PageAsync(db, db.Products.VisibleTo(p, db), limit, cursor, search, ct);
    }

    public async Task<Result<ProductView>> UpdateAsync(Principal p, Guid id, ProductInput input, int? expectedVersion, CancellationToken ct = default)
    {
        var v = new Validator();
        var name = input.Name is null ? null : v.Required("name", input.Name, ProductConfiguration.NameLength);
        var allowance = Coins.Read(v, "allowance", input.Allowance, required: false, positive: true);
        var limit = Coins.Read(v, "limit", input.Limit, required: false, positive: true);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var row = await FindRowAsync(db, id, ct);
        if (row is null || await access.CanReadAsync(p, row) is not null)
        {
            return Error.NotFound("Product");
        }

        if (await access.CanManageAsync(p, row) is { } denied)
        {
            return denied;
        }

        var updated = await gate.ExecuteAsync(p, async ctx =>
        {
            var product = await ctx.Db.Products.FirstOrDefaultAsync(x => x.Id == id);
            if (product is null)
            {
                return Error.NotFound("Product");
            }

            if (expectedVersion is { } expected && expected != product.Version)
            {
                return Error.VersionConflict();
            }

            // Compared with the stored row inside the write, so two concurrent changes cannot lower it.
            var check = new Validator();
            if (allowance < product.Allowance)
            {
                check.Add("allowance", FieldRule.OutOfRange, $"allowance cannot be reduced (it is {Coins.Format(product.Allowance)}).", new Dictionary<string, object> { ["min"] = product.Allowance });
            }

            if (limit < product.Limit)
            {
                check.Add("limit", FieldRule.OutOfRange, $"limit cannot be reduced (it is {Coins.Format(product.Limit)}).", new Dictionary<string, object> { ["min"] = product.Limit });
            }
            else if ((limit ?? product.Limit) < (allowance ?? product.Allowance))
            {
                check.Add("limit", FieldRule.OutOfRange, "limit must be at least the allowance; raise it with the allowance.", new Dictionary<string, object> { ["min"] = allowance ?? product.Allowance });
            }

            if (!check.IsValid)
            {
                return check.ToError();
            }

            product.Name = name ?? product.Name;
            product.Allowance = allowance ?? product.Allowance;
            product.Limit = limit ?? product.Limit;
            product.UpdatedAt = ctx.Now;
            product.Version++;
            ctx.Emit(product.AccountId, ProductEvent.Of<ProductUpdated>(product));
            return Result<Product>.Ok(product);
        }, ct);

        return updated.IsSuccess ? (await ViewAsync(db, [row with { Product = updated.Value }], ct))[0] : updated.Error!;
    }

    /// <summary>Deletes a product (its ledger stays, under its unit). Refused while a merchant claims it.</summary>
    public async Task<Result<Done>> DeleteAsync(Principal p, Guid id, CancellationToken ct = default)
    {
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            var row = await FindRowAsync(db, id, ct);
            if (row is null || await access.CanReadAsync(p, row) is not null)
            {
                return Error.NotFound("Product");
            }

            if (await access.CanManageAsync(p, row) is { } denied)
            {
                return denied;
            }
        }

        return await gate.ExecuteAsync(p, async ctx =>
        {
            var product = await ctx.Db.Products.FirstOrDefaultAsync(x => x.Id == id);
            if (product is null)
            {
                return Error.NotFound("Product");
            }

            if (product.IsClaimed)
            {
                return Error.Conflict($"The product is claimed ({product.ClaimId}); the merchant must release its claim before it can be deleted.");
            }

            product.DeletedAt = ctx.Now;
            product.UpdatedAt = ctx.Now;
            product.Version++;
            ctx.Emit(product.AccountId, ProductEvent.Of<ProductDeleted>(product));
            return Result<Done>.Ok(new Done());
        }, ct);
    }

    /// <summary>Views of <paramref name="rows"/> with their coins, reading the summary rows of all of them at once.</summary>
    internal async Task<IReadOnlyList<ProductView>> ViewAsync(StewardDb db, IReadOnlyList<ProductRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var ids = rows.Select(r => r.Product.Id).ToList();
        var starts = rows.Select(r => BillingDay.Period(calculator.Today, r.BillingDay, 0).From).Distinct().ToList();
        var totals = await db.ChargeTotals.AsNoTracking().Where(t => ids.Contains(t.ScopeId) && starts.Contains(t.PeriodStart)).ToListAsync(ct);
        var byProduct = totals.ToLookup(t => t.ScopeId);
        var reserved = await reservations.ReservedAsync(ids, ct);
        var rules = new Dictionary<(Guid, string), ProductTypeRules?>();
        var views = new List<ProductView>(rows.Count);
        foreach (var row in rows)
        {
            var key = (row.Product.AccountId, row.Product.Type);
            if (!rules.TryGetValue(key, out var rule))
            {
                rules[key] = rule = await types.FindAsync(row.Product.AccountId, row.Product.Type, ct);
            }

            var held = reserved.TryGetValue(row.Product.Id, out var r) ? r : 0m;
            var coins = calculator.Compute(row.Product, row.BillingDay, rule, byProduct[row.Product.Id], held);
            views.Add(new ProductView(row, coins, rule?.Claimable ?? false));
        }

        return views;
    }

    private async Task<Result<Page<ProductView>>> PageAsync(StewardDb db, IQueryable<Product> products, int? limit, string? cursor, string? search, CancellationToken ct)
    {
        var paging = Paging.Parse(limit, cursor);
        if (!paging.IsSuccess)
        {
            return paging.Error!;
        }

        if (new ListQuery(Search: search).Term is { } term)
        {
            products = products.Where(x => x.Name.ToLower().Contains(term));
        }

        if (paging.Value.After is { } after)
        {
            products = products.Where(x => x.Id.CompareTo(after) > 0);
        }

        var rows = await (from product in products.AsNoTracking()
                          join unit in db.Units.AsNoTracking() on product.UnitId equals unit.Id
                          orderby product.Id
                          select new ProductRow(product, unit.BillingDay, unit.OwnerUserId, unit.Name))
            .Take(paging.Value.Limit + 1).ToListAsync(ct);
        var page = Paging.Build(rows, paging.Value.Limit, r => r.Product.Id);
        return new Page<ProductView>(await ViewAsync(db, page.Items, ct), page.NextCursor);
    }
}
