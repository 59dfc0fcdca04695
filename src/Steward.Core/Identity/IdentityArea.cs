using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Steward.Core.Access;
using Steward.Core.Storage;

namespace Steward.Core.Identity;

/// <summary>Users and their devices.</summary>
public static class IdentityArea
{
    extension(StewardDb db)
    {
        public DbSet<User> Users => db.Set<User>();

        public DbSet<Device> Devices => db.Set<Device>();
    }

    public static IServiceCollection AddIdentity(this IServiceCollection services) => services
        .AddSingleton<UserService>()
        .AddSingleton<DeviceService>()
        .AddSingleton<ICredentialOwner, UserCredentialOwner>()
        .AddAccountTable("users", (db, account) => db.Users.Where(x => x.AccountId == account).OrderBy(x => x.Id))
        .AddAccountTable("devices", (db, account) => db.Devices.Where(x => x.AccountId == account).OrderBy(x => x.Id));
}
