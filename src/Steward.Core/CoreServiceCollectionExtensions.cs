using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Steward.Core.Access;
using Steward.Core.Assets;
using Steward.Core.Billing;
using Steward.Core.Caching;
using Steward.Core.Catalog;
using Steward.Core.Events;
using Steward.Core.Idempotency;
using Steward.Core.Identity;
using Steward.Core.Options;
using Steward.Core.Realms;
using Steward.Core.Security;
using Steward.Core.Storage;
using Steward.Core.Tenancy;
using Steward.Core.Webhooks;
using Steward.Core.Writes;

namespace Steward.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the core: what every area shares, then one line per area. The caller registers an
    /// <c>IDbContextFactory&lt;StewardDb&gt;</c> for its provider (see <c>Steward.Storage.Sqlite</c> and
    /// <c>Steward.Storage.Postgres</c>).
    /// </summary>
    public static IServiceCollection AddStewardCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<StewardOptions>>().Value;
            var keyFile = o.MasterKeyFile ?? Path.Combine(o.DataDirectory, "master.key");
            return KeyRing.Load(o.MasterKey, keyFile, o.PreviousMasterKeys);
        });
        services.AddSingleton<SecretProtector>();
        services.AddSingleton<PasswordGate>();
        services.AddSingleton<ReadCache>();
        services.AddSingleton<WriteGate>();
        services.AddSingleton<StewardStartup>();

        // Operations of the command line over every area's tables (steward import, rotate-master-key).
        services.AddSingleton<AccountImport>();
        services.AddSingleton<MasterKeyRotation>();

        // The areas.
        services.AddAccess();
        services.AddTenancy();
        services.AddIdentity();
        services.AddEvents();
        services.AddIdempotency();
        services.AddCatalog();
        services.AddWebhooks();
        services.AddBilling();
        services.AddAssets();
        services.AddRealms();
        return services;
    }
}
