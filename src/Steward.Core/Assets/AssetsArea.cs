using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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

        // Attachments name merchants, which do not travel with an account (platform merchants belong to
        // none), so only the assets themselves are exported.
        return services
            .AddProtectedColumn<Asset>("assets.secret_cipher", a => a.SecretCipher)
            .AddAccountTable("assets", (db, account) => db.Assets.Where(x => x.AccountId == account).OrderBy(x => x.Id));
    }
}
