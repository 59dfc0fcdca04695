using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Steward.Cli.Commands;

/// <summary>
/// The account export file: one JSON document.
/// <code>
/// { "format": "steward.account-export", "format_version": 1, "exported_at": "…", "account_id": "acct-…",
///   "source": { "provider": "Sqlite" },
///   "counts": { "accounts": 1, "organisations": 2, … },
///   "tables": { "accounts": [ {row}, … ], "organisations": [ … ], … } }
/// </code>
/// Each table is one that an area registered (<c>IAccountTable</c>), each row its entity as stored:
/// property names in snake_case, enums as their stored numbers, byte arrays in base64, times with
/// their full precision, secrets still encrypted. <c>counts</c> comes first so that a reader can show
/// progress and tell a truncated file.
/// </summary>
internal static class ExportFormat
{
    public const string Format = "steward.account-export";

    /// <summary>Raised when a change would make older importers misread a file; adding a table is not such a change.</summary>
    public const int Version = 1;

    /// <summary>From this many rows on, export and import show a progress bar.</summary>
    public const int ProgressThreshold = 2_000;

    /// <summary>
    /// How rows are written and read: the properties EF Core stores for each entity (columns, complex
    /// and owned values), not navigations to other entities, which travel as rows of their own tables.
    /// </summary>
    public static JsonSerializerOptions Rows(IModel model) => new(JsonSerializerDefaults.General)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.Strict,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { info => KeepStored(model, info) } },
    };

    private static void KeepStored(IModel model, JsonTypeInfo info)
    {
        if (model.FindEntityType(info.Type) is not { } entity || entity.IsOwned())
        {
            return;
        }

        var stored = entity.GetProperties().Select(p => p.Name)
            .Concat(entity.GetComplexProperties().Select(p => p.Name))
            .Concat(entity.GetNavigations().Where(n => n.TargetEntityType.IsOwned()).Select(n => n.Name))
            .ToHashSet(StringComparer.Ordinal);
        for (var i = info.Properties.Count - 1; i >= 0; i--)
        {
            if (info.Properties[i].AttributeProvider is not MemberInfo member || !stored.Contains(member.Name))
            {
                info.Properties.RemoveAt(i);
            }
        }
    }
}
