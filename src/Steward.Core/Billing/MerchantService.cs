using Microsoft.EntityFrameworkCore;
using Steward.Core.Access;
using Steward.Core.Assets;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Storage;
using Steward.Core.Tenancy;
using Steward.Core.Writes;

namespace Steward.Core.Billing;

/// <summary>A merchant registered together with its first credential (the secret is shown once).</summary>
public sealed record CreatedMerchant(Merchant Merchant, IssuedCredential Credential);

/// <summary>Input for registering or changing a merchant; null fields are left as they are on update.</summary>
public sealed record MerchantInput(string? Name, string? Kind, string? ApiHostname, Guid? AccountId = null);

/// <summary>
/// Merchants: services that do paid work and post charges. Root registers platform merchants (no
/// account; every account sees them and they may charge any account's products); an account
/// registers its own, which serve that account alone.
/// </summary>
public sealed class MerchantService(IDbContextFactory<StewardDb> dbs, WriteGate gate, CredentialService credentials)
{
    /// <summary>Who may change or delete a merchant: root, or the account that registered it.</summary>
    public static bool MayManage(Principal p, Merchant m) =>
        p.IsRoot || (p.Kind == PrincipalKind.Account && m.AccountId == p.AccountId);

    /// <summary>
    /// Who sees a merchant: root all; a merchant itself; everyone else in an account the platform
    /// merchants and the account's own.
    /// </summary>
    public static bool MaySee(Principal p, Merchant m) => p.Kind switch
    {
        PrincipalKind.Root => true,
        PrincipalKind.Merchant => m.Id == p.SubjectId,
        _ => m.AccountId is null || m.AccountId == p.AccountId,
    };

    public async Task<Result<CreatedMerchant>> CreateAsync(Principal p, MerchantInput input, CancellationToken ct = default)
    {
        if (!p.IsRoot && p.Kind != PrincipalKind.Account)
        {
            return Error.Forbidden("Only root (platform merchants) or an account (its own) may register merchants.");
        }

        var v = new Validator();
        var (name, kind, hostname) = Validate(v, input, creating: true);
        if (!p.IsRoot && input.AccountId is { } asked && asked != p.AccountId)
        {
            v.Add("account_id", "An account registers merchants in its own account only.");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        Guid? accountId = p.IsRoot ? input.AccountId : p.AccountId;
        return await gate.ExecuteAsync(p, async ctx =>
        {
            if (accountId is { } a && !await ctx.Db.Accounts.AnyAsync(x => x.Id == a))
            {
                return Error.NotFound("Account");
            }

            var merchant = new Merchant
            {
                Id = PublicId.NewGuid(ctx.Now),
                AccountId = accountId,
                Number = (await ctx.Db.Merchants.MaxAsync(m => (long?)m.Number) ?? 0) + 1,
                Name = name!,
                Kind = kind!,
                ApiHostname = hostname!,
                CreatedAt = ctx.Now,
                UpdatedAt = ctx.Now,
                Version = 1,
            };
            ctx.Db.Merchants.Add(merchant);
            ctx.Emit(accountId, MerchantEvent.Of<MerchantCreated>(merchant));
            var credential = credentials.Add(ctx, PrincipalKind.Merchant, merchant.Id, accountId, primary: true, label: "primary");
            return Result<CreatedMerchant>.Ok(new CreatedMerchant(merchant, credential));
        }, ct);
    }

    public async Task<Result<Merchant>> GetAsync(Principal p, Guid id, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var merchant = await db.Merchants.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
        return merchant is not null && MaySee(p, merchant) ? merchant : Error.NotFound("Merchant");
    }

    /// <summary>Finds a merchant by its number (the Account Server face's <c>m_id</c>).</summary>
    public async Task<Result<Merchant>> GetByNumberAsync(Principal p, long number, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var merchant = await db.Merchants.AsNoTracking().FirstOrDefaultAsync(m => m.Number == number, ct);
        return merchant is not null && MaySee(p, merchant) ? merchant : Error.NotFound("Merchant");
    }

    /// <summary>The merchants the caller sees: the platform's and its account's own (root: all).</summary>
    public async Task<Result<Page<Merchant>>> ListAsync(Principal p, int? limit, string? cursor, CancellationToken ct = default)
    {
        var paging = Paging.Parse(limit, cursor);
        if (!paging.IsSuccess)
        {
            return paging.Error!;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var query = db.Merchants.AsNoTracking();
        if (p.Kind == PrincipalKind.Merchant)
        {
            var self = p.SubjectId;
            query = query.Where(m => m.Id == self);
        }
        else if (!p.IsRoot)
        {
            Guid? accountId = p.AccountId;
            query = query.Where(m => m.AccountId == null || m.AccountId == accountId);
        }

        if (paging.Value.After is { } after)
        {
            query = query.Where(m => m.Id.CompareTo(after) > 0);
        }

        var rows = await query.OrderBy(m => m.Id).Take(paging.Value.Limit + 1).ToListAsync(ct);
        return Paging.Build(rows, paging.Value.Limit, m => m.Id);
    }

    public async Task<Result<Merchant>> UpdateAsync(Principal p, Guid id, MerchantInput input, int? expectedVersion, CancellationToken ct = default)
    {
        var v = new Validator();
        var (name, kind, hostname) = Validate(v, input, creating: false);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var current = await GetAsync(p, id, ct);
        if (!current.IsSuccess)
        {
            return current.Error!;
        }

        if (!MayManage(p, current.Value))
        {
            return Error.Forbidden("Only root or the account that registered the merchant may change it.");
        }

        return await gate.ExecuteAsync(p, async ctx =>
        {
            var merchant = await ctx.Db.Merchants.FirstOrDefaultAsync(m => m.Id == id);
            if (merchant is null)
            {
                return Error.NotFound("Merchant");
            }

            if (expectedVersion is { } expected && expected != merchant.Version)
            {
                return Error.VersionConflict();
            }

            merchant.Name = name ?? merchant.Name;
            merchant.Kind = kind ?? merchant.Kind;
            merchant.ApiHostname = hostname ?? merchant.ApiHostname;
            merchant.UpdatedAt = ctx.Now;
            merchant.Version++;
            ctx.Emit(merchant.AccountId, MerchantEvent.Of<MerchantUpdated>(merchant));
            return Result<Merchant>.Ok(merchant);
        }, ct);
    }

    /// <summary>
    /// Deletes a merchant with its keys; its tokens stop at once. Refused while the ledger holds its
    /// charges, it holds a claim on a product (the ledger must keep saying who charged), or assets are
    /// attached to it (an account relies on it to use them).
    /// </summary>
    public async Task<Result<Done>> DeleteAsync(Principal p, Guid id, CancellationToken ct = default)
    {
        var current = await GetAsync(p, id, ct);
        if (!current.IsSuccess)
        {
            return current.Error!;
        }

        if (!MayManage(p, current.Value))
        {
            return Error.Forbidden("Only root or the account that registered the merchant may delete it.");
        }

        return await gate.ExecuteAsync(p, async ctx =>
        {
            var merchant = await ctx.Db.Merchants.FirstOrDefaultAsync(m => m.Id == id);
            if (merchant is null)
            {
                return Error.NotFound("Merchant");
            }

            if (await ctx.Db.ChargeLines.AnyAsync(l => l.MerchantId == id))
            {
                return Error.Conflict("The merchant has recorded charges; the ledger keeps them, so it cannot be deleted.");
            }

            if (await ctx.Db.Set<Product>().IgnoreQueryFilters().AnyAsync(x => x.ClaimMerchantId == id))
            {
                return Error.Conflict("The merchant holds a claim on a product; it must release it first.");
            }

            if (await ctx.Db.AssetAttachments.AnyAsync(x => x.MerchantId == id))
            {
                return Error.Refused(AssetReasons.MerchantAttached, "The merchant is attached to assets; they must be detached from it first.");
            }

            await credentials.RemoveForOwnersAsync(ctx, [id]);
            ctx.Db.Merchants.Remove(merchant);
            ctx.Revoke(id, ctx.Now, ctx.Now + credentials.TokenLifetime);
            ctx.Emit(merchant.AccountId, MerchantEvent.Of<MerchantDeleted>(merchant));
            return Result<Done>.Ok(new Done());
        }, ct);
    }

    private static (string? Name, string? Kind, string? Hostname) Validate(Validator v, MerchantInput input, bool creating)
    {
        var name = creating || input.Name is not null ? v.Required("name", input.Name, MerchantConfiguration.NameLength) : null;
        var kind = creating || input.Kind is not null ? v.Required("kind", input.Kind, MerchantConfiguration.KindLength) : null;
        if (!string.IsNullOrEmpty(kind) && !MerchantKinds.All.Contains(kind, StringComparer.Ordinal))
        {
            v.Add("kind", FieldRule.Invalid, "kind must be one of: " + string.Join(", ", MerchantKinds.All) + ".");
        }

        var hostname = creating || input.ApiHostname is not null ? v.Required("api_hostname", input.ApiHostname, MerchantConfiguration.HostnameLength) : null;
        if (!string.IsNullOrEmpty(hostname) && hostname.Any(char.IsWhiteSpace))
        {
            v.Add("api_hostname", FieldRule.Format, "api_hostname must be a host name (optionally with a port), without spaces.");
        }

        return (name, kind, hostname);
    }
}
