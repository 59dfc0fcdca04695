using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Steward.Core.Options;
using Steward.Core.Storage;
using Steward.Storage.Postgres;
using Steward.Storage.Sqlite;

namespace Steward.Hosting;

// Compiled into both the server and the command line (a linked source file), so that both read
// Steward:Storage the same way and the command line needs no reference to the web server.

/// <summary>The database Steward's configuration names: its provider and its connection string.</summary>
internal sealed record StorageTarget(bool IsPostgres, string ConnectionString)
{
    public string ProviderName => IsPostgres ? "Postgres" : "Sqlite";
}

/// <summary>Chooses the database from <c>Steward:Storage</c>: SQLite (default, a file in the data directory) or PostgreSQL.</summary>
internal static class StorageSetup
{
    public static StewardOptions ReadOptions(IConfiguration configuration) =>
        configuration.GetSection(StewardOptions.Section).Get<StewardOptions>() ?? new StewardOptions();

    public static StorageTarget Resolve(StewardOptions options)
    {
        var storage = options.Storage;
        if (storage.IsPostgres)
        {
            if (string.IsNullOrWhiteSpace(storage.ConnectionString))
            {
                throw new InvalidOperationException("Steward:Storage:Provider is Postgres but Steward:Storage:ConnectionString is empty.");
            }

            return new StorageTarget(true, storage.ConnectionString);
        }

        if (string.Equals(storage.Provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return new StorageTarget(false, string.IsNullOrWhiteSpace(storage.ConnectionString)
                ? SqliteStorage.DefaultConnectionString(options.DataDirectory)
                : storage.ConnectionString);
        }

        throw new InvalidOperationException($"Steward:Storage:Provider '{storage.Provider}' is not known; use Sqlite or Postgres.");
    }

    public static IServiceCollection AddStewardStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var target = Resolve(ReadOptions(configuration));
        if (target.IsPostgres)
        {
            services.AddPooledDbContextFactory<StewardDb>(o => o.UseStewardPostgres(target.ConnectionString));
        }
        else
        {
            services.AddPooledDbContextFactory<StewardDb>(o => o.UseStewardSqlite(target.ConnectionString));
        }

        return services;
    }
}
