using Microsoft.EntityFrameworkCore;
using Steward.Core.Access;
using Steward.Core.Billing;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Storage;
using Steward.Core.Tenancy;
using Steward.Core.Writes;

namespace Steward.Core.Catalog;

/// <summary>Input for adding a product type to an account's catalog.</summary>
public sealed record ProductTypeInput(string? Code, string? Kind, IReadOnlyList<string>? Flavours, string? ServiceKind, string? Description, Guid? AccountId = null);

/// <summary>
/// Product types. Every account has the Account Server's two types built in (code, not rows: nothing
/// to set up, nothing to migrate) and may add its own. Billing reads them through
/// <see cref="IProductTypes"/> (this class) before it accepts a product of a type, and for the
/// multipliers of a product's bill.
/// </summary>
public sealed class ProductTypeCatalog(IDbContextFactory<StewardDb> dbs, WriteGate gate) : IProductTypes
{
    public const int CodeLength = 50;
    public const int MaxPerAccount = 100;
    public const int MaxFlavours = 20;

    public const string DataManagerProjectTier = "DATA_MANAGER_PROJECT_TIER_SUBSCRIPTION";
    public const string DataManagerStorage = "DATA_MANAGER_STORAGE_SUBSCRIPTION";

    /// <summary>
    /// The types every account has: the Account Server's project tier (four flavours, each with a default
    /// allowance) and storage subscriptions. The allowances and the multipliers (1 within the allowance,
    /// 2 beyond it) are placeholders until the Account Server's own figures are known.
    /// </summary>
    public static readonly IReadOnlyList<ProductTypeRules> BuiltIn =
    [
        new(DataManagerProjectTier, ProductTypeKind.Tier, ["EVALUATION", "BRONZE", "SILVER", "GOLD"], MerchantKinds.DataManager,
            "A Data Manager project at a tier chosen by its flavour.")
        {
            FlavourAllowances = new Dictionary<string, decimal>(StringComparer.Ordinal)
            {
                ["EVALUATION"] = 100m,
                ["BRONZE"] = 1_000m,
                ["SILVER"] = 5_000m,
                ["GOLD"] = 20_000m,
            },
        },
        new(DataManagerStorage, ProductTypeKind.Storage, [], MerchantKinds.DataManager,
            "Data Manager storage, with an allowance and a limit in coins."),
    ];

    /// <summary>The rules of a type the account may use (built-in or its own), or null when it has none of that code.</summary>
    public async Task<ProductTypeRules?> FindAsync(Guid accountId, string code, CancellationToken ct = default)
    {
        if (BuiltIn.FirstOrDefault(t => t.Code == code) is { } builtIn)
        {
            return builtIn;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var row = await db.ProductTypes.AsNoTracking().FirstOrDefaultAsync(t => t.AccountId == accountId && t.Code == code, ct);
        return row is null ? null : RulesOf(row);
    }

    /// <summary>The types an account may use: the built-in ones, then its own by code.</summary>
    public async Task<IReadOnlyList<ProductTypeRules>> ListAsync(Guid accountId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var own = await db.ProductTypes.AsNoTracking().Where(t => t.AccountId == accountId).OrderBy(t => t.Code).ToListAsync(ct);
        return [.. BuiltIn, .. own.Select(RulesOf)];
    }

    /// <summary>The built-in types, then the caller's account's own by code (root: every account's).</summary>
    public async Task<Result<IReadOnlyList<ProductTypeRules>>> ListAsync(Principal p, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var own = await db.ProductTypes.AsNoTracking().VisibleTo(p, db).OrderBy(t => t.Code).ThenBy(t => t.AccountId).ToListAsync(ct);
        return Result<IReadOnlyList<ProductTypeRules>>.Ok([.. BuiltIn, .. own.Select(RulesOf)]);
    }

    /// <summary>One type the caller's account may use, by code.</summary>
    public async Task<Result<ProductTypeRules>> GetAsync(Principal p, string code, CancellationToken ct = default)
    {
        if (BuiltIn.FirstOrDefault(t => t.Code == code) is { } builtIn)
        {
            return builtIn;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var row = await db.ProductTypes.AsNoTracking().VisibleTo(p, db).FirstOrDefaultAsync(t => t.Code == code, ct);
        return row is null ? Error.NotFound("Product type") : RulesOf(row);
    }

    /// <summary>Adds a type to the account's catalog (the account itself, or root naming the account).</summary>
    public async Task<Result<ProductTypeRules>> CreateAsync(Principal p, ProductTypeInput input, CancellationToken ct = default)
    {
        var accountId = p.IsRoot ? input.AccountId ?? Guid.Empty : p.AccountId;
        var v = new Validator();
        var code = Code(v, "code", input.Code, required: true);
        var serviceKind = Code(v, "service_kind", input.ServiceKind, required: false);
        var description = v.Optional("description", input.Description, Limits.Description);
        var kind = Kind(v, input.Kind);
        var flavours = new List<string>();
        foreach (var flavour in input.Flavours ?? [])
        {
            if (Code(v, "flavours", flavour, required: true) is { } f && !flavours.Contains(f))
            {
                flavours.Add(f);
            }
        }

        if (kind == ProductTypeKind.Tier && flavours.Count == 0)
        {
            v.Add("flavours", FieldRule.Required, "A tier type needs at least one flavour.");
        }
        else if (kind == ProductTypeKind.Storage && flavours.Count > 0)
        {
            v.Add("flavours", FieldRule.Invalid, "A storage type has no flavours.");
        }
        else if (flavours.Count > MaxFlavours)
        {
            v.Add("flavours", FieldRule.OutOfRange, $"A type has at most {MaxFlavours} flavours.", new Dictionary<string, object> { ["min"] = 1, ["max"] = MaxFlavours });
        }

        if (code is not null && BuiltIn.Any(t => t.Code == code))
        {
            v.Add("code", FieldRule.Taken, $"{code} is a built-in product type.");
        }

        if (p.IsRoot && accountId == Guid.Empty)
        {
            v.Add("account_id", FieldRule.Required, "account_id is required when root adds a product type.");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        if (!AccessControl.OwnsAccount(p, accountId))
        {
            return Error.Forbidden("Only the account may add product types to its catalog.");
        }

        return await gate.ExecuteAsync(p, async ctx =>
        {
            if (!await ctx.Db.Accounts.AnyAsync(a => a.Id == accountId))
            {
                return Error.NotFound("Account");
            }

            if (await ctx.Db.ProductTypes.AnyAsync(t => t.AccountId == accountId && t.Code == code))
            {
                return Error.Conflict("code", $"The product type {code} already exists in this account.");
            }

            if (await ctx.Db.ProductTypes.CountAsync(t => t.AccountId == accountId) >= MaxPerAccount)
            {
                return Error.LimitReached($"An account has at most {MaxPerAccount} product types of its own.", "code");
            }

            var row = new ProductType
            {
                Id = PublicId.NewGuid(ctx.Now),
                AccountId = accountId,
                Code = code!,
                Kind = kind!.Value,
                Flavours = flavours,
                ServiceKind = serviceKind,
                Description = description,
                CreatedAt = StoredTime.Of(ctx.Now),
            };
            ctx.Db.ProductTypes.Add(row);
            ctx.Emit(accountId, ProductTypeCreated.Of(row));
            return Result<ProductTypeRules>.Ok(RulesOf(row));
        }, ct);
    }

    private static ProductTypeKind? Kind(Validator v, string? raw)
    {
        switch (raw?.Trim().ToLowerInvariant())
        {
            case "storage":
                return ProductTypeKind.Storage;
            case "tier":
                return ProductTypeKind.Tier;
            case null or "":
                v.Add("kind", FieldRule.Required, "kind is required: storage or tier.");
                return null;
            default:
                v.Add("kind", FieldRule.Invalid, "kind must be storage or tier.");
                return null;
        }
    }

    private static ProductTypeRules RulesOf(ProductType t) => new(t.Code, t.Kind, t.Flavours, t.ServiceKind, t.Description, t.AccountId);

    /// <summary>An upper-case code (letters, digits, underscores, starting with a letter).</summary>
    private static string? Code(Validator v, string field, string? raw, bool required)
    {
        var text = required ? v.Required(field, raw, CodeLength) : v.Optional(field, raw, CodeLength);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (!(text[0] is >= 'A' and <= 'Z') || !text.All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_'))
        {
            v.Add(field, FieldRule.Format, $"{field} must be upper-case letters, digits and underscores, starting with a letter (such as DATA_MANAGER).");
            return null;
        }

        return text;
    }
}
