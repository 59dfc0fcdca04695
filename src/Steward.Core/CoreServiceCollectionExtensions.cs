using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Steward.Core.Access;
using Steward.Core.Caching;
using Steward.Core.Events;
using Steward.Core.Idempotency;
using Steward.Core.Identity;
using Steward.Core.Options;
using Steward.Core.Security;
using Steward.Core.Storage;
using Steward.Core.Tenancy;
using Steward.Core.Writes;

namespace Steward.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the core. The caller registers an <c>IDbContextFactory&lt;StewardDb&gt;</c> for its provider
    /// (see <c>Steward.Storage.Sqlite</c> and <c>Steward.Storage.Postgres</c>).
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
        services.AddSingleton<TokenCodec>();
        services.AddSingleton<RevocationList>();
        services.AddSingleton<EventNotifier>();
        services.AddSingleton<ReadCache>();
        services.AddSingleton<WriteGate>();
        services.AddSingleton<AccessControl>();
        services.AddSingleton<CredentialService>();
        services.AddSingleton<TokenService>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<OrganisationService>();
        services.AddSingleton<UnitService>();
        services.AddSingleton<UserService>();
        services.AddSingleton<MembershipService>();
        services.AddSingleton<DeviceService>();
        services.AddSingleton<EventService>();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<RootBootstrap>();
        services.AddSingleton<StewardStartup>();
        services.AddSingleton<ClusterSync>();
        services.AddHostedService(sp => sp.GetRequiredService<ClusterSync>());
        return services;
    }
}
