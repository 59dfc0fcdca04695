using Npgsql;

namespace Steward.Functional.Infrastructure;

/// <summary>
/// The database a test server runs on. The SQLite build uses a fresh file per server; the PostgreSQL
/// build uses a fresh database per server on the server named by <c>STEWARD_TEST_POSTGRES</c>, and
/// is skipped when that variable is not set.
/// </summary>
public static class TestDatabase
{
    public const string PostgresVariable = "STEWARD_TEST_POSTGRES";

#if STEWARD_POSTGRES
    public const string Provider = "Postgres";

    public static string? SkipReason =>
        string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresVariable))
            ? $"{PostgresVariable} is not set; the PostgreSQL run of the functional suite is skipped."
            : null;

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static string Create()
    {
        var admin = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(PostgresVariable));
        var name = "steward_t_" + Guid.NewGuid().ToString("N")[..16];
        using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE {name}";
            command.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = name }.ConnectionString;
    }

    public static void Drop(string connectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        NpgsqlConnection.ClearAllPools();
        var admin = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(PostgresVariable));
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var connection = new NpgsqlConnection(admin.ConnectionString);
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = $"DROP DATABASE IF EXISTS {target.Database} WITH (FORCE)";
                command.ExecuteNonQuery();
                return;
            }
            catch (PostgresException ex)
            {
                // A server that is still shutting down may reconnect while the database is dropped; try again.
                // A test database that cannot be dropped is left behind (it has a unique name) rather than
                // failing a run whose tests all passed.
                Console.Error.WriteLine($"dropping test database {target.Database} failed ({ex.SqlState}: {ex.MessageText}); attempt {attempt} of 5");
                if (attempt == 5)
                {
                    return;
                }

                Thread.Sleep(200 * attempt);
            }
        }
    }
#else
    public const string Provider = "Sqlite";

    public static string? SkipReason => null;

    public static string Create()
    {
        var directory = Path.Combine(Path.GetTempPath(), "steward-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return "Data Source=" + Path.Combine(directory, "steward.db");
    }

    public static void Drop(string connectionString)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
        var directory = Path.GetDirectoryName(file);
        if (directory is not null && Directory.Exists(directory))
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still open on a slow shutdown is left in the temp folder; it is harmless.
            }
        }
    }
#endif
}
