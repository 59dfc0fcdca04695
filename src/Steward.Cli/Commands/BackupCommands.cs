using System.CommandLine;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Steward.Hosting;

namespace Steward.Cli.Commands;

/// <summary>
/// <c>steward backup</c> and <c>steward restore</c> of an SQLite database, with SQLite's online backup
/// API: a consistent copy of the last committed state, taken while the server keeps writing (in WAL
/// mode a backup reads a snapshot and blocks no writer), never a file copy of a database in use.
/// </summary>
internal static class BackupCommands
{
    private const int Busy = 5;
    private const int Locked = 6;

    public static Command CreateBackup(CliContext cli)
    {
        var file = new Argument<string>("file") { Description = "Where to write the backup (a standalone SQLite file, mode 600)." };
        var force = new Option<bool>("--force") { Description = "Replace the file if it exists." };
        var command = new Command("backup",
            "Copy the configured SQLite database to a file while the server runs (SQLite's online backup API). "
            + "The master key is not in it: keep the key with the backup.")
        {
            file,
            force,
        };
        command.SetAction((parse, ct) =>
        {
            var source = SqliteFile(cli, parse, "backup");
            var path = Path.GetFullPath(parse.GetValue(file)!);
            if (!File.Exists(source))
            {
                throw new CliException(ExitCodes.Failure, $"There is no database at {source}.");
            }

            if (string.Equals(path, source, StringComparison.Ordinal))
            {
                throw new CliException(ExitCodes.Usage, "The backup cannot be the database itself.");
            }

            if (File.Exists(path) && !parse.GetValue(force))
            {
                throw new CliException(ExitCodes.Refused, $"{path} exists; choose another file or add --force to replace it.");
            }

            var partial = path + ".partial";
            File.Delete(partial);
            using (var from = Open(source, SqliteOpenMode.ReadWrite))
            using (var to = Open(partial, SqliteOpenMode.ReadWriteCreate))
            {
                from.BackupDatabase(to);

                // A backup is one self-contained file: no WAL beside it.
                Execute(to, "PRAGMA journal_mode=DELETE;");
                Check(to, partial);
            }

            SqliteConnection.ClearAllPools();
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(partial, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            File.Move(partial, path, overwrite: true);
            cli.Console.Message($"Backed up {source} to {path} ({new FileInfo(path).Length} bytes).");
            cli.Console.Message($"The master key is not in the backup; keep {MasterKeyOf(cli, parse)} with it.");
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    public static Command CreateRestore(CliContext cli)
    {
        var file = new Argument<string>("file") { Description = "A backup written by 'steward backup'." };
        var force = new Option<bool>("--force") { Description = "Restore even if another process has the database open (a running server would then serve stale caches)." };
        var command = new Command("restore",
            "Replace the configured SQLite database with a backup, through SQLite's backup API. Refused (exit 4) while the database is in use: stop the server first.")
        {
            file,
            force,
        };
        command.SetAction((parse, ct) =>
        {
            var database = SqliteFile(cli, parse, "restore");
            var path = Path.GetFullPath(parse.GetValue(file)!);
            if (!File.Exists(path))
            {
                throw new CliException(ExitCodes.Failure, $"There is no file {path}.");
            }

            if (string.Equals(path, database, StringComparison.Ordinal))
            {
                throw new CliException(ExitCodes.Usage, "The backup cannot be the database itself.");
            }

            using (var backup = Open(path, SqliteOpenMode.ReadOnly))
            {
                Check(backup, path);
                if (Scalar(backup, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('__EFMigrationsHistory', 'accounts');") != 2)
                {
                    throw new CliException(ExitCodes.Failure, $"{path} is an SQLite file but not a Steward database.");
                }

                // Our own pooled connections must not count as "in use".
                SqliteConnection.ClearAllPools();
                Directory.CreateDirectory(Path.GetDirectoryName(database)!);
                using var target = Open(database, SqliteOpenMode.ReadWriteCreate);
                if (!parse.GetValue(force))
                {
                    TakeExclusive(target, database);
                }

                backup.BackupDatabase(target);
                Execute(target, "PRAGMA locking_mode=NORMAL; PRAGMA journal_mode=WAL;");
                Check(target, database);
            }

            SqliteConnection.ClearAllPools();
            cli.Console.Message($"Restored {database} from {path}.");
            if (parse.GetValue(force))
            {
                cli.Console.Message("If a server had the database open, restart it now: its caches hold what was there before.");
            }

            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    /// <summary>
    /// Holds the database exclusively for the restore, or refuses. Every connection to a WAL database keeps
    /// a shared lock on its file while open, so the exclusive lock is granted only if no other connection
    /// (a server, even idle) has it open; in exclusive locking mode it is then kept until the connection closes.
    /// </summary>
    private static void TakeExclusive(SqliteConnection target, string database)
    {
        try
        {
            // One second, not the usual wait for a busy database: a server holds its connections for good.
            // One statement at a time: the mode must be set before the connection first reads the file
            // (preparing a batch would read the schema first), and the read is what takes the lock.
            foreach (var statement in new[] { "PRAGMA locking_mode=EXCLUSIVE;", "BEGIN EXCLUSIVE;", "SELECT count(*) FROM sqlite_master;", "COMMIT;" })
            {
                Execute(target, statement, timeoutSeconds: 1);
            }
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is Busy or Locked)
        {
            throw new CliException(ExitCodes.Refused,
                $"{database} is in use: a Steward server (or another program) has it open. Stop the server, then run restore again. "
                + "(--force restores into it anyway; a running server would then serve stale caches until restarted.)");
        }
    }

    private static string SqliteFile(CliContext cli, ParseResult parse, string what) =>
        CliContext.SqliteFileOf(cli.TargetFor(parse)) ?? throw new CliException(ExitCodes.Refused,
                $"steward {what} works on SQLite databases; for PostgreSQL use its own tools (pg_dump and pg_restore, or continuous archiving).");

    private static string MasterKeyOf(CliContext cli, ParseResult parse)
    {
        var options = StorageSetup.ReadOptions(cli.ConfigurationFor(parse));
        return string.IsNullOrWhiteSpace(options.MasterKey)
            ? Path.GetFullPath(options.MasterKeyFile ?? Path.Combine(options.DataDirectory, "master.key"))
            : "the master key (Steward:MasterKey)";
    }

    private static SqliteConnection Open(string file, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = file,
            Mode = mode,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        return connection;
    }

    private static void Check(SqliteConnection connection, string file)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA quick_check;";
        if (command.ExecuteScalar() is not "ok")
        {
            throw new CliException(ExitCodes.Failure, $"{file} fails SQLite's integrity check.");
        }
    }

    private static void Execute(SqliteConnection connection, string sql, int timeoutSeconds = 30)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = timeoutSeconds;
        command.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
