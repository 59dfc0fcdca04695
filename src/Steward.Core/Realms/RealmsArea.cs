using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Steward.Core.Security;
using Steward.Core.Storage;

namespace Steward.Core.Realms;

/// <summary>Keycloak-compatible realms: the signing keys and who signs in.</summary>
public static class RealmsArea
{
    extension(StewardDb db)
    {
        public DbSet<SigningKey> SigningKeys => db.Set<SigningKey>();
    }

    /// <summary>Signing keys are server-wide, not an account's: they do not travel with an export.</summary>
    public static IServiceCollection AddRealms(this IServiceCollection services) => services
        .AddSingleton<RealmKeys>()
        .AddSingleton<RealmService>()
        .AddProtectedColumn<SigningKey>("signing_keys.private_key_cipher", k => k.PrivateKeyCipher);
}
