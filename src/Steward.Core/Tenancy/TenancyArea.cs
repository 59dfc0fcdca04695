using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Steward.Core.Access;
using Steward.Core.Storage;

namespace Steward.Core.Tenancy;

/// <summary>Accounts, organisations, units and memberships: the tenant tree.</summary>
public static class TenancyArea
{
    extension(StewardDb db)
    {
        public DbSet<Account> Accounts => db.Set<Account>();

        public DbSet<Organisation> Organisations => db.Set<Organisation>();

        public DbSet<Unit> Units => db.Set<Unit>();

        public DbSet<Membership> Memberships => db.Set<Membership>();
    }

    public static IServiceCollection AddTenancy(this IServiceCollection services) => services
        .AddSingleton<AccountService>()
        .AddSingleton<OrganisationService>()
        .AddSingleton<UnitService>()
        .AddSingleton<MembershipService>()
        .AddSingleton<ICredentialOwner, AccountCredentialOwner>()
        .AddSingleton<ICredentialOwner, OrganisationCredentialOwner>()
        .AddAccountTable("accounts", (db, account) => db.Accounts.Where(x => x.Id == account))
        .AddAccountTable("organisations", (db, account) => db.Organisations.Where(x => x.AccountId == account).OrderBy(x => x.Id))
        .AddAccountTable("units", (db, account) => db.Units.Where(x => x.AccountId == account).OrderBy(x => x.Id))
        .AddAccountTable("memberships", (db, account) => db.Memberships.Where(x => x.AccountId == account).OrderBy(x => x.Id));
}
