using Microsoft.EntityFrameworkCore;

namespace Steward.Core.Storage;

/// <summary>
/// The EF Core context. Reads may use it directly; every write goes through <see cref="Writes.WriteGate"/>.
/// Each area declares its own tables (an <c>extension(StewardDb)</c> block with its <c>DbSet</c>s, beside
/// its entities) and its <c>IEntityTypeConfiguration</c>s, which are discovered here; adding an area
/// changes nothing in this file.
/// </summary>
public sealed class StewardDb(DbContextOptions<StewardDb> options) : DbContext(options)
{
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
