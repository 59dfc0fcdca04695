using System.Globalization;
using System.Xml;
using Steward.Core.Results;
using Steward.Server.Hosting;

namespace Steward.Server.Faces.Spreedly;

/// <summary>
/// A request body as the Spreedly calls read it: the root element and the text of each child element,
/// names with dashes or underscores alike (<c>customer-id</c> is <c>customer_id</c>). Children that hold
/// elements of their own, and elements a call does not know, are ignored. An empty body is an empty
/// document (<see cref="Root"/> null). <c>nil="true"</c> gives a child a null value.
/// </summary>
internal sealed class SpreedlyDocument
{
    public static readonly SpreedlyDocument Empty = new(null, new Dictionary<string, string?>(StringComparer.Ordinal));

    private readonly Dictionary<string, string?> fields;

    private SpreedlyDocument(string? root, Dictionary<string, string?> fields)
    {
        Root = root;
        this.fields = fields;
    }

    /// <summary>The root element's name with underscores, or null for an empty body.</summary>
    public string? Root { get; }

    /// <summary>How many known or unknown child elements carried a value.</summary>
    public int Count => fields.Count;

    /// <summary>The text of a child (underscore name), null when absent or nil; an empty element is "".</summary>
    public string? this[string name] => fields.GetValueOrDefault(name);

    public bool Has(string name) => fields.ContainsKey(name);

    /// <summary>
    /// Reads the body safely: at most <see cref="JsonBody.MaxBytes"/>, no DTD (so no entities, no external
    /// resources, no expansion bombs), a bounded depth. Malformed XML (a mismatched closing tag, as pyspreedly's
    /// pro-rated complimentary subscription sends) is a validation error on <c>body</c>, which the face answers 400.
    /// </summary>
    public static async Task<Result<SpreedlyDocument>> ReadAsync(HttpRequest request)
    {
        if (request.ContentLength > JsonBody.MaxBytes)
        {
            return JsonBody.TooLarge();
        }

        byte[] buffer;
        try
        {
            using var memory = new MemoryStream();
            var chunk = new byte[8192];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
            {
                if (memory.Length + read > JsonBody.MaxBytes)
                {
                    return JsonBody.TooLarge();
                }

                memory.Write(chunk, 0, read);
            }

            buffer = memory.ToArray();
        }
        catch (Exception ex) when (JsonBody.UnreadableBody(ex) is { } unreadable)
        {
            return unreadable;
        }

        if (buffer.All(b => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
        {
            return Empty;
        }

        try
        {
            return Parse(buffer);
        }
        catch (XmlException ex)
        {
            return Error.Invalid("body", FieldRule.Format, $"The body is not well-formed XML: {ex.Message}");
        }
    }

    private static SpreedlyDocument Parse(byte[] buffer)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = JsonBody.MaxBytes * 2,
            MaxCharactersFromEntities = 1024,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
            CloseInput = true,
        };
        using var reader = XmlReader.Create(new MemoryStream(buffer), settings);
        reader.MoveToContent();
        var root = Name(reader.LocalName);
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (reader.IsEmptyElement)
        {
            ReadToEnd(reader);
            return new SpreedlyDocument(root, fields);
        }

        reader.Read();
        while (reader.NodeType != XmlNodeType.EndElement && !reader.EOF)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                // Text directly inside the root is not a field.
                reader.Skip();
                continue;
            }

            var name = Name(reader.LocalName);
            var nil = string.Equals(reader.GetAttribute("nil"), "true", StringComparison.OrdinalIgnoreCase);
            var value = ReadValue(reader);

            // The first occurrence counts; an element that holds elements is no field.
            if (nil || value is not null)
            {
                fields.TryAdd(name, nil ? null : value);
            }
        }

        ReadToEnd(reader);
        return new SpreedlyDocument(root, fields);
    }

    /// <summary>The text of a simple element, "" when empty, null (and skipped) when it holds elements.</summary>
    private static string? ReadValue(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return "";
        }

        var depth = reader.Depth;
        var text = new System.Text.StringBuilder();
        var nested = false;
        reader.Read();
        while (reader.Depth > depth)
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                nested = true;
                if (reader.Depth > MaxDepth)
                {
                    throw new XmlException($"Elements are nested more than {MaxDepth.ToString(CultureInfo.InvariantCulture)} deep.");
                }
            }
            else if (!nested && reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace)
            {
                text.Append(reader.Value);
            }

            reader.Read();
        }

        // Past the end tag of this element.
        reader.Read();
        return nested ? null : text.ToString();
    }

    /// <summary>Reads what is left, so that a malformed end (a mismatched closing tag) is found, not ignored.</summary>
    private static void ReadToEnd(XmlReader reader)
    {
        while (reader.Read())
        {
        }
    }

    private const int MaxDepth = 16;

    /// <summary>Dashes and underscores alike: the names are compared with underscores.</summary>
    private static string Name(string name) => name.Replace('-', '_');
}
