using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Steward.Cli.Commands;
using Steward.Core.Storage;

namespace Steward.Cli.Tests.Infrastructure;

/// <summary>Every row an account owns, table by table, as JSON text: what an export and an import must preserve.</summary>
public static class Rows
{
    /// <param name="withoutGeneratedKeys">Leave out keys the database numbers (event sequences), which an import assigns afresh.</param>
    public static async Task<Dictionary<string, List<string>>> OfAccountAsync(TestStore store, Guid accountId, bool withoutGeneratedKeys)
    {
        await using var core = store.OpenCore();
        await using var db = await core.GetRequiredService<IDbContextFactory<StewardDb>>().CreateDbContextAsync();
        var tables = new Dictionary<string, List<string>>();
        var rowJson = ExportFormat.Rows(db.Model);
        foreach (var table in core.GetRequiredService<IEnumerable<IAccountTable>>())
        {
            var generated = GeneratedKey(db.Model.FindEntityType(table.EntityType)!);
            var rows = new List<string>();
            await foreach (var row in table.ReadAsync(db, accountId, default))
            {
                var json = JsonSerializer.SerializeToNode(row, table.EntityType, rowJson)!.AsObject();
                if (withoutGeneratedKeys && generated is not null)
                {
                    json.Remove(JsonNamingPolicy.SnakeCaseLower.ConvertName(generated));
                }

                rows.Add(json.ToJsonString());
            }

            tables[table.Name] = rows;
        }

        return tables;
    }

    private static string? GeneratedKey(IEntityType entity) =>
        entity.FindPrimaryKey()!.Properties is [{ ValueGenerated: ValueGenerated.OnAdd } key] && (key.ClrType == typeof(long) || key.ClrType == typeof(int))
            ? key.Name
            : null;
}
