using System.Text.Json;
using System.Text.Json.Serialization;

namespace Steward.Server.Hosting;

/// <summary>JSON settings of the native API: snake_case names, enums as snake_case strings, no repeated keys.</summary>
public static class StewardJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions o)
    {
        o.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        o.DictionaryKeyPolicy = null;
        o.NumberHandling = JsonNumberHandling.Strict;

        // A key given twice is refused, not resolved by taking the last: parsers disagree on which wins.
        o.AllowDuplicateProperties = false;
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        return o;
    }
}
