using System.Text.Json;
using System.Text.Json.Serialization;

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

    public static readonly JsonSerializerOptions Rows = new(JsonSerializerDefaults.General)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.Strict,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };
}
