using System.Text.Json;
using System.Text.Json.Serialization;

namespace Steward.Cli;

/// <summary>JSON the command line prints with <c>--json</c>: snake_case like the native API, indented for people and jq alike.</summary>
internal static class CliJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = true,
    };

    public static void Write<T>(TextWriter output, T value) => output.WriteLine(JsonSerializer.Serialize(value, Options));
}
