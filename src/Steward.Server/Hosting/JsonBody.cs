using System.Text.Json;
using Steward.Core.Results;

namespace Steward.Server.Hosting;

/// <summary>
/// Reads a JSON request body into a wire record, turning every kind of bad input (not JSON, wrong
/// types, a key given twice, empty) into a validation <see cref="Error"/> that names the field, and a
/// body that cannot be read into what happened to it (too large, too slow, malformed framing), so each
/// surface can answer in its own error style instead of the framework's bare 400.
/// </summary>
public static class JsonBody
{
    public const long MaxBytes = 64 * 1024;

    /// <summary>Reads the body; <paramref name="maxBytes"/> raises the limit for an endpoint that takes batches.</summary>
    public static async Task<Result<T>> ReadAsync<T>(HttpRequest request, JsonSerializerOptions options, bool allowEmpty = false, long maxBytes = MaxBytes)
        where T : class
    {
        if (request.ContentLength > maxBytes)
        {
            return TooLarge(maxBytes);
        }

        if (request.ContentLength is 0 || (request.ContentLength is null && !request.Body.CanRead))
        {
            return allowEmpty ? CreateEmpty<T>(options) : Error.Invalid("body", "A JSON object body is required.");
        }

        if (request.HasJsonContentType() is false && request.ContentType is not null && !request.ContentType.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            return Error.Invalid("body", "The body must be JSON (Content-Type: application/json).");
        }

        byte[] buffer;
        try
        {
            using var memory = new MemoryStream();
            var chunk = new byte[8192];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
            {
                if (memory.Length + read > maxBytes)
                {
                    return TooLarge(maxBytes);
                }

                memory.Write(chunk, 0, read);
            }

            buffer = memory.ToArray();
        }
        catch (Exception ex) when (UnreadableBody(ex) is { } unreadable)
        {
            return unreadable;
        }

        if (buffer.Length == 0 || buffer.All(b => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
        {
            return allowEmpty ? CreateEmpty<T>(options) : Error.Invalid("body", "A JSON object body is required.");
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer, options);
            return value is null ? Error.Invalid("body", "The body must be a JSON object, not null.") : value;
        }
        catch (JsonException ex)
        {
            // Only a failed body is scanned again, to tell a syntax error or a repeated key from a wrong type.
            if (SyntaxError(buffer) is { } syntax)
            {
                return Error.Invalid("body", syntax);
            }

            if (RepeatedKey(buffer) is { } repeated)
            {
                var name = FieldName("$." + repeated);
                return Error.Invalid(name, $"{name} is given more than once; send each field once.");
            }

            var field = FieldName(ex.Path);
            var message = field == "body"
                ? "The body must be a JSON object."
                : $"{field} has the wrong type or format.";
            return Error.Invalid(field, message);
        }
    }

    /// <summary>Checks that the bytes are well-formed JSON, so syntax errors are not reported as type errors.</summary>
    private static string? SyntaxError(byte[] buffer)
    {
        var reader = new Utf8JsonReader(buffer, new JsonReaderOptions { MaxDepth = 32 });
        try
        {
            while (reader.Read())
            {
            }

            return null;
        }
        catch (JsonException ex)
        {
            return "The body is not valid JSON" + (ex.LineNumber is { } line ? $" (line {line + 1}, byte {ex.BytePositionInLine + 1})." : ".");
        }
    }

    /// <summary>
    /// The first key that appears twice in one object, at any depth. The serializer refuses such a body
    /// (<see cref="JsonSerializerOptions.AllowDuplicateProperties"/> is off on every surface: which of the two
    /// values wins differs between parsers, so a proxy and Steward could read different requests); this says which.
    /// </summary>
    private static string? RepeatedKey(byte[] buffer)
    {
        var reader = new Utf8JsonReader(buffer, new JsonReaderOptions { MaxDepth = 64 });
        var objects = new Stack<HashSet<string>?>();
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    objects.Push(new HashSet<string>(StringComparer.Ordinal));
                    break;
                case JsonTokenType.StartArray:
                    objects.Push(null);
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    objects.Pop();
                    break;
                case JsonTokenType.PropertyName when objects.Peek() is { } keys:
                    var key = reader.GetString()!;
                    if (!keys.Add(key))
                    {
                        return key;
                    }

                    break;
            }
        }

        return null;
    }

    /// <summary>
    /// Why a body could not be read, said as it happened: over the server's size limit (413), arriving too
    /// slowly (408, Kestrel's minimum data rate), or malformed or cut short (400: bad chunked framing, a
    /// connection closed mid-body); null for an exception that is not about reading the body.
    /// </summary>
    public static Error? UnreadableBody(Exception ex) => ex switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => TooLarge(),
        BadHttpRequestException { StatusCode: StatusCodes.Status408RequestTimeout } =>
            Error.RequestTimeout("The body arrived too slowly and was given up on; send it at once."),
        BadHttpRequestException or IOException =>
            Error.Invalid("body", "The body could not be read: its framing is malformed (chunked encoding) or it ended before its declared length."),
        _ => null,
    };

    private static Result<T> CreateEmpty<T>(JsonSerializerOptions options) where T : class =>
        JsonSerializer.Deserialize<T>("{}", options)!;

    /// <summary>The refusal of a body over <see cref="MaxBytes"/>.</summary>
    public static Error TooLarge() => TooLarge(MaxBytes);

    /// <summary>The refusal of a body over <paramref name="maxBytes"/> (an endpoint's raised limit).</summary>
    public static Error TooLarge(long maxBytes) =>
        Error.PayloadTooLarge($"The body is larger than {maxBytes / 1024} KiB.", "body", $"The body must be at most {maxBytes / 1024} KiB.");

    /// <summary>
    /// Turns a JSON path such as <c>$.user.email</c> or <c>$</c> into a field name; an element of an
    /// array keeps its index (<c>lines[3].coins</c>), so a batch names the item that is wrong.
    /// </summary>
    private static string FieldName(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        var trimmed = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        var bracket = trimmed.IndexOf('[', StringComparison.Ordinal);
        if (trimmed.StartsWith("['", StringComparison.Ordinal))
        {
            return trimmed[2..trimmed.IndexOf('\'', 2)];
        }

        if (bracket > 0 && bracket + 1 < trimmed.Length && char.IsAsciiDigit(trimmed[bracket + 1]))
        {
            return trimmed;
        }

        return bracket > 0 ? trimmed[..bracket] : trimmed;
    }
}
