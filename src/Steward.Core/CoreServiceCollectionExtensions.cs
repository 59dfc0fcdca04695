using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Steward.Core.Access;
using Steward.Core.Billing;
using Steward.Core.Caching;
using Steward.Core.Events;
using Steward.Core.Idempotency;
using Steward.Core.Identity;
using Steward.Core.Options;
using Steward.Core.Security;
using Steward.Core.Tenancy;
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
        services.AddSingleton<ReadCache>();
        services.AddSingleton<WriteGate>();
        services.AddSingleton<StewardStartup>();

        // The areas.
        services.AddAccess();
        services.AddTenancy();
        services.AddIdentity();
        services.AddEvents();
        services.AddIdempotency();
        services.AddBilling();
        return services;
    }
}
