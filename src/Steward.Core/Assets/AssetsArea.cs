using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Steward.Core.Billing;
using Steward.Core.Security;
using Steward.Core.Storage;

namespace Steward.Core.Assets;

/// <summary>Assets: scoped configuration and secrets, and the merchants they are attached to.</summary>
public static class AssetsArea
{
    extension(StewardDb db)
    {
        public DbSet<Asset> Assets => db.Set<Asset>();

        public DbSet<AssetAttachment> AssetAttachments => db.Set<AssetAttachment>();
    }

    public static IServiceCollection AddAssets(this IServiceCollection services)
    {
        services.AddSingleton<AssetScopes>();
        services.AddSingleton<AssetService>();
        services.AddSingleton<AssetMerchants>();

        // Assets and their attachments travel with the account; a platform merchant an asset is attached to
        // travels too and is added where missing (as with the ledger's, Billing/BillingArea.cs).
        return services
            .AddProtectedColumn<Asset>("assets.secret_cipher", a => a.SecretCipher)
            .AddAccountTable("assets", (db, account) => db.Assets.Where(x => x.AccountId == account).OrderBy(x => x.Id))
            .AddSharedAccountTable("asset_platform_merchants", (db, account) => db.Set<Merchant>()
                .Where(m => m.AccountId == null && db.Set<AssetAttachment>().Any(x => x.AccountId == account && x.MerchantId == m.Id))
                .OrderBy(m => m.Number))
            .AddAccountTable("asset_attachments", (db, account) => db.AssetAttachments.Where(x => x.AccountId == account)
                .OrderBy(x => x.AssetId).ThenBy(x => x.MerchantId));
    }
}
