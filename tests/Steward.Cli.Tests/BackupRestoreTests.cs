using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Steward.Cli.Tests.Infrastructure;
using Steward.Core.Access;
using Steward.Core.Storage;
using Steward.Core.Tenancy;

namespace Steward.Cli.Tests;

public sealed class BackupRestoreTests
{
    [Fact]
    public async Task A_backup_is_taken_while_another_connection_holds_a_write_transaction_open()
    {
        await using var store = await TestStore.Sqlite().MigratedAsync();
        await using var core = store.OpenCore();
        await Seed.AccountAsync(core, "Acme");
        await Seed.AccountAsync(core, "Globex");

        var backup = Path.Combine(store.Directory, "backup.db");
        await using (var writer = await core.GetRequiredService<IDbContextFactory<StewardDb>>().CreateDbContextAsync())
        {
            await using var transaction = await writer.Database.BeginTransactionAsync();
            writer.Accounts.Add(new Account { Id = Guid.CreateVersion7(), Number = 99, Name = "Uncommitted", Email = "u@example.com", Version = 1 });
            await writer.SaveChangesAsync();

            var result = await store.RunExpectingAsync(ExitCodes.Ok, "backup", backup);
            Assert.Contains($"Backed up {store.SqliteFile} to {backup}", result.Error, StringComparison.Ordinal);
            Assert.Contains("The master key is not in the backup; keep " + store.MasterKeyFile, result.Error, StringComparison.Ordinal);
            await transaction.CommitAsync();
        }

        // The last committed state: the write that was still open is not in it.
        Assert.Equal(2, Count(backup, "SELECT count(*) FROM accounts"));
        Assert.Equal("delete", Text(backup, "PRAGMA journal_mode"));
        Files.AssertOwnerOnly(backup);
        Assert.Equal(3, Count(store.SqliteFile, "SELECT count(*) FROM accounts"));
    }

    [Fact]
    public async Task Backups_taken_while_writes_happen_are_consistent()
    {
        await using var store = await TestStore.Sqlite().MigratedAsync();
        await using var core = store.OpenCore();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var accounts = core.GetRequiredService<AccountService>();
        var written = 0;
        var writes = Task.Run(async () =>
        {
            for (var i = 0; i < 400 && !stop.IsCancellationRequested; i++)
            {
                Seed.Ok(await accounts.CreateAsync(Principal.System, new AccountInput("Tenant " + i, $"ops@t{i}.example")));
                Interlocked.Increment(ref written);
            }
        });

        var counts = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            while (Volatile.Read(ref written) < (i + 1) * 20 && !writes.IsCompleted)
            {
                await Task.Delay(10);
            }

            var backup = Path.Combine(store.Directory, $"backup-{i}.db");
            await store.RunExpectingAsync(ExitCodes.Ok, "backup", backup);

            // Each write commits an account, its credential and their events together: a consistent copy has all or none of each.
            var count = Count(backup, "SELECT count(*) FROM accounts");
            Assert.Equal(count, Count(backup, "SELECT count(*) FROM credentials"));
            Assert.Equal(count, Count(backup, "SELECT count(*) FROM events WHERE type = 'account.created'"));
            Assert.Equal("ok", Text(backup, "PRAGMA integrity_check"));
            counts.Add(count);
        }

        await stop.CancelAsync();
        await writes;
        Assert.True(counts[0] > 0 && counts[2] > counts[0], $"the backups saw the writes progress: {string.Join(", ", counts)}");
    }

    [Fact]
    public async Task Restore_refuses_a_database_in_use_and_brings_back_the_backup_once_it_is_free()
    {
        await using var store = await TestStore.Sqlite().MigratedAsync();
        await using (var core = store.OpenCore())
        {
            await Seed.AccountAsync(core, "Acme");
        }

        var backup = Path.Combine(store.Directory, "backup.db");
        await store.RunExpectingAsync(ExitCodes.Ok, "backup", backup);
        await using (var core = store.OpenCore())
        {
            await Seed.AccountAsync(core, "Later");
        }

        // A server keeps its connections open, idle or not.
        await using (var server = Open(store.SqliteFile))
        {
            var refused = await store.RunExpectingAsync(ExitCodes.Refused, "restore", backup);
            Assert.Contains("is in use", refused.Error, StringComparison.Ordinal);
            Assert.Contains("Stop the server", refused.Error, StringComparison.Ordinal);
            Assert.Equal(2, Count(store.SqliteFile, "SELECT count(*) FROM accounts"));
        }

        var restored = await store.RunExpectingAsync(ExitCodes.Ok, "restore", backup);
        Assert.Contains($"Restored {store.SqliteFile} from {backup}", restored.Error, StringComparison.Ordinal);
        var names = ListingTests.Items(await store.RunExpectingAsync(ExitCodes.Ok, "accounts", "list", "--json"), out _);
        Assert.Equal("Acme", Assert.Single(names).GetProperty("name").GetString());
        Assert.Equal("wal", Text(store.SqliteFile, "PRAGMA journal_mode"));
    }

    [Fact]
    public async Task Restore_with_force_writes_into_a_database_in_use()
    {
        await using var store = await TestStore.Sqlite().MigratedAsync();
        var backup = Path.Combine(store.Directory, "empty.db");
        await store.RunExpectingAsync(ExitCodes.Ok, "backup", backup);
        await using (var core = store.OpenCore())
        {
            await Seed.AccountAsync(core, "Acme");
        }

        await using var server = Open(store.SqliteFile);
        var forced = await store.RunExpectingAsync(ExitCodes.Ok, "restore", backup, "--force");
        Assert.Contains("restart it now", forced.Error, StringComparison.Ordinal);

        // The open connection reads the restored content on its next query.
        await using var command = server.CreateCommand();
        command.CommandText = "SELECT count(*) FROM accounts";
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Backup_and_restore_refuse_what_they_cannot_do()
    {
        await using var store = await TestStore.Sqlite().MigratedAsync();
        var backup = Path.Combine(store.Directory, "backup.db");
        await store.RunExpectingAsync(ExitCodes.Ok, "backup", backup);
        Assert.Contains("add --force", (await store.RunExpectingAsync(ExitCodes.Refused, "backup", backup)).Error, StringComparison.Ordinal);
        await store.RunExpectingAsync(ExitCodes.Ok, "backup", backup, "--force");
        await store.RunExpectingAsync(ExitCodes.Usage, "backup", store.SqliteFile);
        await store.RunExpectingAsync(ExitCodes.Failure, "restore", backup + ".missing");

        var foreign = Path.Combine(store.Directory, "foreign.db");
        await using (var connection = Open(foreign))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE notes (body TEXT);";
            await command.ExecuteNonQueryAsync();
        }

        Assert.Contains("not a Steward database", (await store.RunExpectingAsync(ExitCodes.Failure, "restore", foreign)).Error, StringComparison.Ordinal);
        var text = Path.Combine(store.Directory, "notes.txt");
        await File.WriteAllTextAsync(text, new string('x', 4096));
        await store.RunExpectingAsync(ExitCodes.Failure, "restore", text);

        await using var missing = TestStore.Sqlite();
        await missing.RunExpectingAsync(ExitCodes.Failure, "backup", Path.Combine(missing.Directory, "b.db"));
    }

    [PostgresFact]
    public async Task Backup_and_restore_point_to_postgres_tools_on_postgres()
    {
        await using var store = await TestStore.Create("Postgres").MigratedAsync();
        var refused = await store.RunExpectingAsync(ExitCodes.Refused, "backup", Path.Combine(store.Directory, "b.db"));
        Assert.Contains("pg_dump", refused.Error, StringComparison.Ordinal);
        await store.RunExpectingAsync(ExitCodes.Refused, "restore", Path.Combine(store.Directory, "b.db"));
    }

    private static SqliteConnection Open(string file)
    {
        var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master";
        command.ExecuteScalar();
        return connection;
    }

    private static long Count(string file, string sql) => (long)Scalar(file, sql)!;

    private static string Text(string file, string sql) => (string)Scalar(file, sql)!;

    private static object? Scalar(string file, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
