using Npgsql;
using Steward.Hosting;

namespace Steward.Cli;

/// <summary>How messages name things, never with a password in them.</summary>
internal static class Describe
{
    public static string Target(StorageTarget target)
    {
        if (CliContext.SqliteFileOf(target) is { } file)
        {
            return "the SQLite database " + file;
        }

        var b = new NpgsqlConnectionStringBuilder(target.ConnectionString);
        return $"the PostgreSQL database {b.Database} on {b.Host}";
    }
}
