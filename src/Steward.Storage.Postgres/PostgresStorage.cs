using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Steward.Core.Storage;

namespace Steward.Storage.Postgres;

/// <summary>PostgreSQL: for more than one Steward instance sharing one database.</summary>
public static class PostgresStorage
{
    public static DbContextOptionsBuilder UseStewardPostgres(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, o => o.MigrationsAssembly(typeof(PostgresStorage).Assembly.GetName().Name));
}

/// <summary>Used by the EF Core tools to build migrations for PostgreSQL.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<StewardDb>
{
    public StewardDb CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<StewardDb>();
        options.UseStewardPostgres("Host=localhost;Database=steward_design");
        return new StewardDb(options.Options);
    }
}
