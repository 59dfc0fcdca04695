using Microsoft.EntityFrameworkCore;
using Steward.Core.Access;
using Steward.Core.Events;
using Steward.Core.Idempotency;
using Steward.Core.Identity;
using Steward.Core.Tenancy;

namespace Steward.Core.Storage;

/// <summary>The EF Core context. Reads may use it directly; every write goes through <see cref="Writes.WriteGate"/>.</summary>
public sealed class StewardDb(DbContextOptions<StewardDb> options) : DbContext(options)
{
    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<Unit> Units => Set<Unit>();

    public DbSet<User> Users => Set<User>();

    public DbSet<Membership> Memberships => Set<Membership>();

    public DbSet<Device> Devices => Set<Device>();

    public DbSet<Credential> Credentials => Set<Credential>();

    public DbSet<EventRecord> Events => Set<EventRecord>();

    public DbSet<Revocation> Revocations => Set<Revocation>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public bool IsPostgres => Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true;

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(StewardDb).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset natively; store UTC ticks so both providers sort alike.
        if (Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true)
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetTicksConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetTicksConverter>();
        }
    }
}
