using System.Text.Json;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Storage;

namespace Steward.Core.Billing;

/// <summary>
/// One line of a charges batch as a merchant sends it. Amounts are decimal text (a JSON number's text
/// or a decimal string), so that the core reports a bad amount by its field.
/// </summary>
public sealed record ChargeLineInput(
    string? ProductId,
    string? ExternalId,
    string? Kind,
    string? Coins,
    string? Username = null,
    string? Name = null,
    string? Description = null,
    string? Group = null,
    string? BurnRate = null,
    long? Sequence = null,
    DateTimeOffset? Timestamp = null,
    JsonElement? AdditionalData = null);

/// <summary>A valid line, its amounts parsed and signed; the product is not yet looked up.</summary>
internal sealed record ParsedLine(
    int Index,
    Guid ProductId,
    string ExternalId,
    ChargeKind Kind,
    decimal Coins,
    decimal? BurnRate,
    string? Username,
    string? Name,
    string? Description,
    string? Group,
    long Sequence,
    DateTimeOffset Timestamp,
    string? AdditionalData);

/// <summary>The rules of one charge line; every field error is named <c>lines[i].field</c>.</summary>
internal static class ChargeLineRules
{
    /// <summary>The most lines one request may carry.</summary>
    public const int MaxLines = 1000;

    /// <summary>How far back a line's timestamp may be: the oldest period a reader can ask for (pbp -23) and one more.</summary>
    public const int MaxAgeMonths = 24;

    /// <summary>How far ahead of the server's clock a merchant's clock may run.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Stop reporting after this many broken rules: a wholly wrong batch need not answer 5,000 messages.</summary>
    private const int MaxReported = 100;

    public static Result<IReadOnlyList<ParsedLine>> Parse(IReadOnlyList<ChargeLineInput?>? lines, DateTimeOffset now)
    {
        var v = new Validator();
        if (lines is null || lines.Count == 0)
        {
            v.Add("lines", FieldRule.Required, "lines is required: an array of 1 to 1000 charge lines.");
            return v.ToError();
        }

        if (lines.Count > MaxLines)
        {
            v.Add("lines", FieldRule.OutOfRange, $"A request carries at most {MaxLines} lines; send the rest in another request.", new Dictionary<string, object> { ["min"] = 1, ["max"] = MaxLines });
            return v.ToError();
        }

        var parsed = new List<ParsedLine>(lines.Count);
        for (var i = 0; i < lines.Count && v.Count < MaxReported; i++)
        {
            var line = Parse(v, i, lines[i], now);
            if (line is not null)
            {
                parsed.Add(line);
            }
        }

        return v.IsValid ? parsed : v.ToError();
    }

    private static ParsedLine? Parse(Validator v, int i, ChargeLineInput? input, DateTimeOffset now)
    {
        var at = $"lines[{i}]";
        if (input is null)
        {
            v.Add(at, FieldRule.Required, $"{at} must be a charge line object.");
            return null;
        }

        var before = v.Count;
        var productText = v.Required($"{at}.product_id", input.ProductId, 100);
        if (productText.Length > 0 && !PublicId.TryParse<Product>(productText, out _))
        {
            v.Add($"{at}.product_id", FieldRule.Format, $"{at}.product_id must be a product id such as product-0190f6f4-7b2a-7cc1-8a4e-9d8f3b1c2a10.");
        }

        var externalId = v.Required($"{at}.external_id", input.ExternalId, ChargeLineConfiguration.ExternalIdLength);
        var kind = ReadKind(v, $"{at}.kind", input.Kind);
        var coins = Billing.Coins.Read(v, $"{at}.coins", input.Coins, required: true, positive: false);
        var username = kind == ChargeKind.Processing
            ? v.Required($"{at}.username", input.Username, Limits.Username)
            : v.Optional($"{at}.username", input.Username, Limits.Username);
        var name = kind == ChargeKind.Fee
            ? v.Required($"{at}.name", input.Name, ChargeLineConfiguration.NameLength)
            : v.Optional($"{at}.name", input.Name, ChargeLineConfiguration.NameLength);
        var description = v.Optional($"{at}.description", input.Description, Limits.Description);
        var group = v.Optional($"{at}.group", input.Group, ChargeLineConfiguration.GroupLength);
        decimal? burnRate = null;
        if (input.BurnRate is not null && kind is { } k && k != ChargeKind.Storage)
        {
            v.Add($"{at}.burn_rate", FieldRule.Invalid, $"{at}.burn_rate applies to storage lines only.");
        }
        else
        {
            burnRate = Billing.Coins.Read(v, $"{at}.burn_rate", input.BurnRate, required: false, positive: false);
        }

        if (input.Sequence is < 0)
        {
            v.Add($"{at}.sqn", FieldRule.OutOfRange, $"{at}.sqn must be zero or more.", new Dictionary<string, object> { ["min"] = 0 });
        }

        var timestamp = input.Timestamp ?? now;
        if (timestamp > now + ClockSkew || timestamp < now.AddMonths(-MaxAgeMonths))
        {
            v.Add($"{at}.timestamp", FieldRule.OutOfRange, $"{at}.timestamp must lie within the last {MaxAgeMonths} months and not in the future.");
        }

        string? additional = null;
        if (input.AdditionalData is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } data)
        {
            additional = data.ValueKind == JsonValueKind.Object ? data.GetRawText() : null;
            if (additional is null)
            {
                v.Add($"{at}.additional_data", FieldRule.Format, $"{at}.additional_data must be a JSON object.");
            }
            else if (additional.Length > ChargeLineConfiguration.AdditionalDataLength)
            {
                v.Add($"{at}.additional_data", FieldRule.TooLong, $"{at}.additional_data must be at most {ChargeLineConfiguration.AdditionalDataLength} characters of JSON.", new Dictionary<string, object> { ["max"] = ChargeLineConfiguration.AdditionalDataLength });
            }
        }

        if (v.Count > before)
        {
            return null;
        }

        var productId = PublicId.TryParse<Product>(productText, out var id) ? id : Guid.Empty;
        var signed = kind == ChargeKind.Credit ? -coins!.Value : coins!.Value;
        var rate = kind == ChargeKind.Storage ? burnRate ?? coins!.Value : (decimal?)null;
        return new ParsedLine(i, productId, externalId, kind!.Value, signed, rate, username, name, description, group, input.Sequence ?? 0, timestamp.ToUniversalTime(), additional);
    }

    private static ChargeKind? ReadKind(Validator v, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            v.Add(field, FieldRule.Required, $"{field} is required: processing, storage, fee or credit.");
            return null;
        }

        ChargeKind? kind = text.Trim().ToLowerInvariant() switch
        {
            "processing" => ChargeKind.Processing,
            "storage" => ChargeKind.Storage,
            "fee" => ChargeKind.Fee,
            "credit" => ChargeKind.Credit,
            _ => null,
        };
        if (kind is null)
        {
            v.Add(field, FieldRule.Invalid, $"{field} must be processing, storage, fee or credit.");
        }

        return kind;
    }
}
