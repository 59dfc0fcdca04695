using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Steward.Server.Hosting;

/// <summary>
/// Amounts of money on the native wire: read from a JSON number or a decimal string (<c>24.5</c> or
/// <c>"24.50"</c>), written as a number without trailing zeros, whichever database stored it.
/// </summary>
public sealed class JsonMoney : JsonConverter<decimal>
{
    private const NumberStyles Styles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite;

    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var number))
        {
            return number;
        }

        if (reader.TokenType == JsonTokenType.String && decimal.TryParse(reader.GetString(), Styles, CultureInfo.InvariantCulture, out var text))
        {
            return text;
        }

        throw new JsonException("An amount is a number or a decimal string such as \"24.50\".");
    }

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(Normalize(value));

    /// <summary>The same value with no trailing zeros (24.5000 → 24.5).</summary>
    public static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;
}

/// <summary><see cref="JsonMoney"/> for an optional amount; JSON null is no amount.</summary>
public sealed class JsonOptionalMoney : JsonConverter<decimal?>
{
    private static readonly JsonMoney Money = new();

    public override decimal? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : Money.Read(ref reader, typeof(decimal), options);

    public override void Write(Utf8JsonWriter writer, decimal? value, JsonSerializerOptions options)
    {
        if (value is { } v)
        {
            Money.Write(writer, v, options);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

/// <summary>A key that clients send as a number or a string (a plan's integer id or its uid); read as text.</summary>
public sealed class JsonKeyText : JsonConverter<string?>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number when reader.TryGetInt64(out var n) => n.ToString(CultureInfo.InvariantCulture),
        _ => throw new JsonException("A plan is named by its integer id or its uid."),
    };

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
