using System.CommandLine;
using System.Text.Json;
using Steward.Core.Ids;
using Steward.Core.Storage;
using Steward.Core.Tenancy;

namespace Steward.Cli.Commands;

/// <summary><c>steward import</c>: an exported account into this database, exactly as it was.</summary>
internal static class ImportCommand
{
    public static Command Create(CliContext cli)
    {
        var file = new Argument<string>("file") { Description = "A file written by 'steward export'." };
        var command = new Command("import",
            "Insert an exported account into the configured database with the same ids, numbers, hashes and ciphertexts "
            + "(its events are appended to the log in their order). Refused (exit 4) if the account exists here, or if this database's "
            + "master key cannot decrypt the export's secrets.")
        {
            file,
        };
        command.SetAction(async (parse, ct) =>
        {
            var path = Path.GetFullPath(parse.GetValue(file)!);
            if (!File.Exists(path))
            {
                throw new CliException(ExitCodes.Failure, $"There is no file {path}.");
            }

            await using var steward = await cli.OpenAsync(parse, ct, requireMasterKey: true);
            var known = steward.Get<IEnumerable<IAccountTable>>().ToDictionary(t => t.Name, StringComparer.Ordinal);
            using var document = await ReadAsync(path, ct);
            var root = document.RootElement;
            var accountId = ReadHeader(root, path);
            var tables = root.GetProperty("tables").EnumerateObject().ToList();
            var counts = root.TryGetProperty("counts", out var c) ? c : default;
            var plan = new List<(string Name, int Rows)>();
            foreach (var table in tables)
            {
                if (!known.ContainsKey(table.Name))
                {
                    throw new CliException(ExitCodes.Failure,
                        $"The export has a table '{table.Name}' that this build of Steward does not know; import it with a Steward at least as new as the one that exported it.");
                }

                var rows = table.Value.GetArrayLength();
                if (counts.ValueKind == JsonValueKind.Object && (!counts.TryGetProperty(table.Name, out var count) || count.GetInt32() != rows))
                {
                    throw new CliException(ExitCodes.Failure, $"The export's table '{table.Name}' has {rows} rows where its header says otherwise: the file is damaged.");
                }

                plan.Add((table.Name, rows));
            }

            JsonSerializerOptions rowJson;
            await using (var db = await steward.DbAsync(ct))
            {
                rowJson = ExportFormat.Rows(db.Model);
            }

            var imported = new List<ImportedTable>();
            await TableProgress.RunAsync(cli.Console, "reading", plan, advance =>
            {
                for (var i = 0; i < tables.Count; i++)
                {
                    var table = known[tables[i].Name];
                    var rows = new List<object>(plan[i].Rows);
                    foreach (var element in tables[i].Value.EnumerateArray())
                    {
                        rows.Add(ReadRow(element, table, rows.Count, rowJson));
                        advance(i);
                    }

                    imported.Add(new ImportedTable(table, rows));
                }

                return Task.CompletedTask;
            });

            var total = plan.Sum(p => p.Rows);
            cli.Console.Message($"Importing {PublicId.Of<Account>(accountId)} ({total} rows) into {Describe.Target(steward.Target)}…");
            var result = await TableProgress.StatusAsync(cli.Console, total, $"writing {total} rows in one transaction",
                () => steward.Get<AccountImport>().ImportAsync(accountId, imported, ct));
            if (!result.IsSuccess)
            {
                throw CliException.From(result.Error!);
            }

            cli.Console.Message($"Imported {PublicId.Of<Account>(accountId)}: "
                + string.Join(", ", plan.Where(p => p.Rows > 0).Select(p => $"{p.Rows} {p.Name}")) + ".");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<JsonDocument> ReadAsync(string path, CancellationToken ct)
    {
        try
        {
            await using var stream = File.OpenRead(path);
            return await JsonDocument.ParseAsync(stream, default, ct);
        }
        catch (JsonException ex)
        {
            throw new CliException(ExitCodes.Failure, $"{path} is not a JSON document ({ex.Message}).");
        }
    }

    private static Guid ReadHeader(JsonElement root, string path)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != ExportFormat.Format
            || !root.TryGetProperty("format_version", out var version) || version.ValueKind != JsonValueKind.Number
            || !root.TryGetProperty("tables", out var tables) || tables.ValueKind != JsonValueKind.Object)
        {
            throw new CliException(ExitCodes.Failure, $"{path} is not a Steward account export.");
        }

        if (version.GetInt32() > ExportFormat.Version)
        {
            throw new CliException(ExitCodes.Failure,
                $"{path} is in export format {version.GetInt32()}, newer than this build reads ({ExportFormat.Version}); import it with a newer Steward.");
        }

        if (!root.TryGetProperty("account_id", out var account) || !PublicId.TryParse<Account>(account.GetString(), out var accountId))
        {
            throw new CliException(ExitCodes.Failure, $"{path} does not say which account it holds (account_id).");
        }

        return accountId;
    }

    private static object ReadRow(JsonElement element, IAccountTable table, int index, JsonSerializerOptions rowJson)
    {
        try
        {
            return element.Deserialize(table.EntityType, rowJson)
                ?? throw new JsonException("the row is null");
        }
        catch (JsonException ex)
        {
            throw new CliException(ExitCodes.Failure, $"Row {index + 1} of table '{table.Name}' cannot be read: {ex.Message}");
        }
    }
}
