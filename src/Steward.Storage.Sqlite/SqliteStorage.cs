using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Steward.Core.Storage;

namespace Steward.Storage.Sqlite;

/// <summary>SQLite: the default, an embedded file. Durable commits (synchronous=FULL), foreign keys on, WAL.</summary>
public static class SqliteStorage
{
    public static string DefaultConnectionString(string dataDirectory) =>
        "Data Source=" + Path.Combine(dataDirectory, "steward.db");

    public static DbContextOptionsBuilder UseStewardSqlite(this DbContextOptionsBuilder options, string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true, Pooling = true };
        if (builder.DataSource is { Length: > 0 } file && !file.Equals(":memory:", StringComparison.Ordinal))
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(file));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }

        return options
            .UseSqlite(builder.ToString(), o => o.MigrationsAssembly(typeof(SqliteStorage).Assembly.GetName().Name))
            .AddInterceptors(new DurabilityInterceptor());
    }

    /// <summary>Sets per-connection pragmas: every commit is fsynced, and a busy database is waited for.</summary>
    private sealed class DurabilityInterceptor : DbConnectionInterceptor
    {
        private const string Pragmas = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000;";

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}

/// <summary>Used by the EF Core tools to build migrations for SQLite.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<StewardDb>
{
    public StewardDb CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<StewardDb>();
        options.UseStewardSqlite("Data Source=design.db");
        return new StewardDb(options.Options);
    }
}
