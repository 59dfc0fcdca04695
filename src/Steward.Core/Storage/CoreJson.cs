using System.Text.Json;
using System.Text.Json.Serialization;

namespace Steward.Core.Storage;

/// <summary>JSON settings for data the core writes itself (event payloads): snake_case, like the wire.</summary>
public static class CoreJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };
}
