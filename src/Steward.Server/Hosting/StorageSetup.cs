using Microsoft.EntityFrameworkCore;
using Steward.Core.Options;
using Steward.Core.Storage;
using Steward.Storage.Postgres;
using Steward.Storage.Sqlite;

namespace Steward.Server.Hosting;

/// <summary>Chooses the database from <c>Steward:Storage</c>: SQLite (default, a file in the data directory) or PostgreSQL.</summary>
public static class StorageSetup
{
    public static IServiceCollection AddStewardStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(StewardOptions.Section).Get<StewardOptions>() ?? new StewardOptions();
        var storage = options.Storage;
        if (storage.IsPostgres)
        {
            if (string.IsNullOrWhiteSpace(storage.ConnectionString))
            {
                throw new InvalidOperationException("Steward:Storage:Provider is Postgres but Steward:Storage:ConnectionString is empty.");
            }

            services.AddPooledDbContextFactory<StewardDb>(o => o.UseStewardPostgres(storage.ConnectionString));
        }
        else if (string.Equals(storage.Provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            var connectionString = string.IsNullOrWhiteSpace(storage.ConnectionString)
                ? SqliteStorage.DefaultConnectionString(options.DataDirectory)
                : storage.ConnectionString;
            services.AddPooledDbContextFactory<StewardDb>(o => o.UseStewardSqlite(connectionString));
        }
        else
        {
            throw new InvalidOperationException($"Steward:Storage:Provider '{storage.Provider}' is not known; use Sqlite or Postgres.");
        }

        return services;
    }
}
