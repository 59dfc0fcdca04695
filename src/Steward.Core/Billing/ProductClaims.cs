using Microsoft.EntityFrameworkCore;
using Steward.Core.Access;
using Steward.Core.Results;
using Steward.Core.Storage;
using Steward.Core.Writes;

namespace Steward.Core.Billing;

/// <summary>
/// Claims: a merchant marks a product as used by one of its own objects (a Data Manager project), so
/// that it cannot be deleted under it. One claim per product; only types that are claimable.
/// </summary>
public sealed class ProductClaims(IDbContextFactory<StewardDb> dbs, WriteGate gate, IProductTypes types, ProductService products)
{
    /// <summary>Claims a product for the calling merchant; claiming again with the same id changes only the name.</summary>
    public async Task<Result<ProductView>> ClaimAsync(Principal p, Guid productId, string? claimId, string? claimName, CancellationToken ct = default)
    {
        var v = new Validator();
        var id = v.Required("id", claimId, ProductConfiguration.ClaimIdLength);
        var name = v.Optional("name", claimName, ProductConfiguration.ClaimNameLength);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var row = await ProductService.FindRowAsync(db, productId, ct);
        if (row is null)
        {
            return Error.NotFound("Product");
        }

        if (Reach(p, row) is { } unreachable)
        {
            return unreachable;
        }

        if (await types.FindAsync(row.Product.AccountId, row.Product.Type, ct) is not { Claimable: true })
        {
            return Error.Conflict($"Products of type {row.Product.Type} cannot be claimed.");
        }

        var claimed = await gate.ExecuteAsync(p, async ctx =>
        {
            var product = await ctx.Db.Products.FirstOrDefaultAsync(x => x.Id == productId);
            if (product is null)
            {
                return Error.NotFound("Product");
            }

            if (product.IsClaimed && (product.ClaimMerchantId != p.SubjectId || product.ClaimId != id))
            {
                return Error.Conflict("The product is already claimed; its claim must be released first.");
            }

            if (product.IsClaimed && product.ClaimName == (name ?? product.ClaimName))
            {
                return Result<Product>.Ok(product);
            }

            product.ClaimedAt ??= ctx.Now;
            product.ClaimMerchantId = p.SubjectId;
            product.ClaimId = id;
            product.ClaimName = name ?? product.ClaimName;
            product.UpdatedAt = ctx.Now;
            product.Version++;
            ctx.Emit(product.AccountId, ProductEvent.Of<ProductClaimed>(product));
            return Result<Product>.Ok(product);
        }, ct);

        return claimed.IsSuccess ? (await products.ViewAsync(db, [row with { Product = claimed.Value }], ct))[0] : claimed.Error!;
    }

    /// <summary>Releases a claim: the merchant holding it, or root. Releasing an unclaimed product changes nothing.</summary>
    public async Task<Result<Done>> ReleaseAsync(Principal p, Guid productId, CancellationToken ct = default)
    {
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            var row = await ProductService.FindRowAsync(db, productId, ct);
            if (row is null)
            {
                return Error.NotFound("Product");
            }

            if (!p.IsRoot && Reach(p, row) is { } unreachable)
            {
                return unreachable;
            }
        }

        return await gate.ExecuteAsync(p, async ctx =>
        {
            var product = await ctx.Db.Products.FirstOrDefaultAsync(x => x.Id == productId);
            if (product is null)
            {
                return Error.NotFound("Product");
            }

            if (!product.IsClaimed)
            {
                return Result<Done>.Ok(new Done());
            }

            if (!p.IsRoot && product.ClaimMerchantId != p.SubjectId)
            {
                return Error.Conflict("Another merchant holds the claim; only it may release it.");
            }

            product.ClaimMerchantId = null;
            product.ClaimId = null;
            product.ClaimName = null;
            product.ClaimedAt = null;
            product.UpdatedAt = ctx.Now;
            product.Version++;
            ctx.Emit(product.AccountId, ProductEvent.Of<ProductUnclaimed>(product));
            return Result<Done>.Ok(new Done());
        }, ct);
    }

    /// <summary>Null when the caller is a merchant that reaches the product; otherwise not found or forbidden.</summary>
    private static Error? Reach(Principal p, ProductRow row)
    {
        if (ProductAccess.MerchantReaches(p, row.Product.AccountId))
        {
            return null;
        }

        // The account (and root) learn that only merchants claim; anyone else learns nothing.
        return AccessControl.OwnsAccount(p, row.Product.AccountId)
            ? Error.Forbidden("Only a merchant may claim or release a product.")
            : Error.NotFound("Product");
    }
}
