using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Steward.Core.Identity;
using Steward.Core.Security;
using Steward.Core.Storage;
using Steward.Core.Tenancy;

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
        .AddSingleton<RootBootstrap>()
        .AddProtectedColumn<Credential>("credentials.secret_cipher", c => c.SecretCipher)
        .AddAccountTable("credentials", (db, account) => db.Credentials.Where(x => x.AccountId == account).OrderBy(x => x.Id))
        .AddAccountTable("revocations", RevocationsOf);

    /// <summary>
    /// Revocations keyed by the account or by one of its organisations, users or credentials: a token
    /// revoked at the source stays revoked where the account is imported (same master key, same signatures).
    /// Revocations of single tokens are keyed by the token alone and do not travel; they lapse within a token lifetime.
    /// </summary>
    private static IQueryable<Revocation> RevocationsOf(StewardDb db, Guid account)
    {
        var organisations = db.Organisations;
        var users = db.Users;
        var credentials = db.Credentials;
        return db.Revocations
            .Where(r => r.Key == account
                || organisations.Any(o => o.AccountId == account && o.Id == r.Key)
                || users.Any(u => u.AccountId == account && u.Id == r.Key)
                || credentials.Any(c => c.AccountId == account && c.Id == r.Key))
            .OrderBy(r => r.Id);
    }
}
