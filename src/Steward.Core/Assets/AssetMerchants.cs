using Microsoft.EntityFrameworkCore;
using Steward.Core.Access;
using Steward.Core.Billing;
using Steward.Core.Results;
using Steward.Core.Security;
using Steward.Core.Storage;
using Steward.Core.Writes;

namespace Steward.Core.Assets;

/// <summary>
/// Assets and merchants: attaching an asset to a merchant (which then may read it), detaching it, and
/// revealing an asset's content. A merchant reads the content of an asset that is attached to it and
/// enabled, secret or not, and each such read is recorded as an <c>asset.revealed</c> event before the
/// content is handed over. Anyone else who sees an asset reads its content only when it is not secret.
/// </summary>
public sealed class AssetMerchants(IDbContextFactory<StewardDb> dbs, WriteGate gate, AssetService assets, SecretProtector protector)
{
    /// <summary>
    /// Attaches an asset to a merchant the caller sees: a platform merchant, or one of the asset's own
    /// account. Attaching it again changes nothing.
    /// </summary>
    public async Task<Result<AssetView>> AttachAsync(Principal p, Guid assetId, Guid merchantId, CancellationToken ct = default)
    {
        var current = await assets.ManageableAsync(p, assetId, ct);
        if (!current.IsSuccess)
        {
            return current.Error!;
        }

        if (await FindMerchantAsync(p, current.Value, merchantId, ct) is { } missing)
        {
            return missing;
        }

        var attached = await gate.ExecuteAsync(p, async ctx =>
        {
            var asset = await ctx.Db.Assets.FirstOrDefaultAsync(a => a.Id == assetId);
            if (asset is null)
            {
                return Error.NotFound("Asset");
            }

            if (await ctx.Db.AssetAttachments.AnyAsync(x => x.AssetId == assetId && x.MerchantId == merchantId))
            {
                return Result<Asset>.Ok(asset);
            }

            ctx.Db.AssetAttachments.Add(new AssetAttachment { AssetId = assetId, MerchantId = merchantId, AccountId = asset.AccountId, AttachedAt = ctx.Now });
            ctx.Emit(asset.AccountId, AssetEvent.Of<AssetAttached>(asset) with { MerchantId = Ids.PublicId.Of<Merchant>(merchantId) });
            return Result<Asset>.Ok(asset);
        }, ct);
        return attached.IsSuccess ? await assets.ViewAsync(p, attached.Value, ct) : attached.Error!;
    }

    /// <summary>Detaches an asset from a merchant; detaching one that is not attached changes nothing.</summary>
    public async Task<Result<Done>> DetachAsync(Principal p, Guid assetId, Guid merchantId, CancellationToken ct = default)
    {
        var current = await assets.ManageableAsync(p, assetId, ct);
        if (!current.IsSuccess)
        {
            return current.Error!;
        }

        if (await FindMerchantAsync(p, current.Value, merchantId, ct) is { } missing)
        {
            return missing;
        }

        return await gate.ExecuteAsync(p, async ctx =>
        {
            var attachment = await ctx.Db.AssetAttachments.FirstOrDefaultAsync(x => x.AssetId == assetId && x.MerchantId == merchantId);
            var asset = await ctx.Db.Assets.AsNoTracking().FirstOrDefaultAsync(a => a.Id == assetId);
            if (asset is null)
            {
                return Error.NotFound("Asset");
            }

            if (attachment is not null)
            {
                ctx.Db.AssetAttachments.Remove(attachment);
                ctx.Emit(asset.AccountId, AssetEvent.Of<AssetDetached>(asset) with { MerchantId = Ids.PublicId.Of<Merchant>(merchantId) });
            }

            return Result<Done>.Ok(new Done());
        }, ct);
    }

    /// <summary>
    /// An asset's content. A merchant gets it when the asset is attached to it (else not found) and
    /// enabled (else a conflict, reason <c>asset_disabled</c>), decrypted if secret, once the
    /// <c>asset.revealed</c> event has committed. Anyone else who sees the asset gets the content of one
    /// that is not secret; a secret one's is forbidden to them.
    /// </summary>
    public async Task<Result<RevealedAsset>> RevealAsync(Principal p, Guid assetId, CancellationToken ct = default)
    {
        if (p.Kind != PrincipalKind.Merchant)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var visible = await AssetService.Visible(db, p).FirstOrDefaultAsync(a => a.Id == assetId, ct);
            if (visible is null)
            {
                return Error.NotFound("Asset");
            }

            if (visible.Secret)
            {
                return Error.Forbidden("The content of a secret asset is revealed only to the merchants it is attached to.");
            }

            return new RevealedAsset(await assets.ViewAsync(p, visible, ct), visible.Content ?? "");
        }

        var revealed = await gate.ExecuteAsync(p, async ctx =>
        {
            var merchant = p.SubjectId;
            var asset = await AssetService.Visible(ctx.Db, p).FirstOrDefaultAsync(a => a.Id == assetId);
            if (asset is null)
            {
                return Error.NotFound("Asset");
            }

            if (!asset.Enabled)
            {
                return Error.Refused(AssetReasons.Disabled, "The asset is disabled; it is revealed to merchants only while it is enabled.");
            }

            ctx.Emit(asset.AccountId, AssetEvent.Of<AssetRevealed>(asset) with { MerchantId = Ids.PublicId.Of<Merchant>(merchant) });
            return Result<Asset>.Ok(asset);
        }, ct);
        if (!revealed.IsSuccess)
        {
            return revealed.Error!;
        }

        var a = revealed.Value;
        var content = a.Secret ? protector.Unprotect(a.SecretCipher!) : a.Content ?? "";
        return new RevealedAsset(await assets.ViewAsync(p, a, ct), content);
    }

    /// <summary>
    /// Null when the merchant exists, the caller sees it, and it may serve the asset's account (a
    /// platform merchant, or one of that account); otherwise not found, as if there were no such merchant.
    /// </summary>
    private async Task<Error?> FindMerchantAsync(Principal p, Asset asset, Guid merchantId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var merchant = await db.Merchants.AsNoTracking().FirstOrDefaultAsync(m => m.Id == merchantId, ct);
        return merchant is not null && MerchantService.MaySee(p, merchant) && (merchant.AccountId is null || merchant.AccountId == asset.AccountId)
            ? null
            : Error.NotFound("Merchant");
    }
}
