using System.CommandLine;
using System.Data;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Steward.Core.Ids;
using Steward.Core.Storage;
using Steward.Core.Tenancy;

namespace Steward.Cli.Commands;

/// <summary><c>steward export</c>: one account and everything it owns, as one JSON document (<see cref="ExportFormat"/>).</summary>
internal static class ExportCommand
{
    public static Command Create(CliContext cli)
    {
        var account = new Argument<string>("account-id") { Description = "The account (acct-…)." };
        var output = new Option<string>("--out") { Description = "The file to write (mode 600: it holds password hashes and encrypted secrets).", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace the file if it exists." };
        var command = new Command("export",
            "Write one account with everything it owns (credentials with their secrets still encrypted, organisations, units, memberships, "
            + "users, devices, events, and the tables of every other area) to a JSON file that 'steward import' reads back.")
        {
            account,
            output,
            force,
        };
        command.SetAction(async (parse, ct) =>
        {
            var path = Path.GetFullPath(parse.GetValue(output)!);
            if (File.Exists(path) && !parse.GetValue(force))
            {
                throw new CliException(ExitCodes.Refused, $"{path} exists; choose another file or add --force to replace it.");
            }

            var idText = parse.GetValue(account)!;
            await using var steward = await cli.OpenAsync(parse, ct);
            await using var db = await steward.DbAsync(ct);
            await using var snapshot = await SnapshotAsync(db, ct);
            if (!PublicId.TryParse<Account>(idText, out var accountId) || !await db.Accounts.AnyAsync(a => a.Id == accountId, ct))
            {
                throw new CliException(ExitCodes.NotFound, $"There is no account {idText}.");
            }

            var tables = steward.Get<IEnumerable<IAccountTable>>().ToList();
            var counts = new List<(string Name, int Rows)>();
            foreach (var table in tables)
            {
                counts.Add((table.Name, await table.CountAsync(db, accountId, ct)));
            }

            var rowJson = ExportFormat.Rows(db.Model);
            var partial = path + ".partial";
            File.Delete(partial);
            await TableProgress.RunAsync(cli.Console, "exporting", counts, async advance =>
            {
                await using var stream = new FileStream(partial, OwnerOnly());
                await using var writer = new Utf8JsonWriter(stream);
                writer.WriteStartObject();
                writer.WriteString("format", ExportFormat.Format);
                writer.WriteNumber("format_version", ExportFormat.Version);
                writer.WriteString("exported_at", steward.Get<TimeProvider>().GetUtcNow());
                writer.WriteString("account_id", PublicId.Of<Account>(accountId));
                writer.WriteStartObject("source");
                writer.WriteString("provider", steward.Target.ProviderName);
                writer.WriteEndObject();
                writer.WriteStartObject("counts");
                foreach (var (name, rows) in counts)
                {
                    writer.WriteNumber(name, rows);
                }

                writer.WriteEndObject();
                writer.WriteStartObject("tables");
                for (var i = 0; i < tables.Count; i++)
                {
                    writer.WriteStartArray(tables[i].Name);
                    await foreach (var row in tables[i].ReadAsync(db, accountId, ct))
                    {
                        JsonSerializer.Serialize(writer, row, tables[i].EntityType, rowJson);
                        advance(i);
                        if (writer.BytesPending > 1 << 16)
                        {
                            await writer.FlushAsync(ct);
                        }
                    }

                    writer.WriteEndArray();
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
                await writer.FlushAsync(ct);
                stream.Flush(flushToDisk: true);
            });

            // Renamed only once complete: an interrupted export never leaves a file that looks whole.
            File.Move(partial, path, overwrite: true);
            cli.Console.Message($"Exported {PublicId.Of<Account>(accountId)} ({counts.Sum(c => c.Rows)} rows: "
                + string.Join(", ", counts.Where(c => c.Rows > 0).Select(c => $"{c.Rows} {c.Name}")) + $") to {path}.");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// Reads every table from one snapshot, so that the file is consistent while the server keeps writing.
    /// On SQLite a deferred transaction does it without the write lock (EF's own would take it).
    /// </summary>
    private static async Task<IAsyncDisposable> SnapshotAsync(StewardDb db, CancellationToken ct)
    {
        if (db.IsPostgres)
        {
            return await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        }

        await db.Database.OpenConnectionAsync(ct);
        var transaction = ((SqliteConnection)db.Database.GetDbConnection()).BeginTransaction(deferred: true);
        await db.Database.UseTransactionAsync(transaction, ct);
        return transaction;
    }

    private static FileStreamOptions OwnerOnly()
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return options;
    }
}
