using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Steward.Core.Storage;

namespace Steward.Core.Access;

/// <summary>Who may call: credentials, tokens, revocations and the access rules.</summary>
public static class AccessArea
{
    extension(StewardDb db)
    {
        public DbSet<Credential> Credentials => db.Set<Credential>();

        public DbSet<Revocation> Revocations => db.Set<Revocation>();
    }

    public static IServiceCollection AddAccess(this IServiceCollection services) => services
        .AddSingleton<TokenCodec>()
        .AddSingleton<RevocationList>()
        .AddSingleton<AccessControl>()
        .AddSingleton<CredentialService>()
        .AddSingleton<TokenService>()
        .AddSingleton<RootBootstrap>();
}
