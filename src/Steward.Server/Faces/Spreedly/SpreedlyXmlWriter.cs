using System.Globalization;
using System.Text;

namespace Steward.Server.Faces.Spreedly;

/// <summary>
/// Writes XML exactly as the Spreedly service (a Rails application) did: the declaration
/// <c>&lt;?xml version="1.0" encoding="UTF-8"?&gt;</c>, elements indented by two spaces, a <c>type</c>
/// attribute on typed values (<c>integer</c>, <c>decimal</c>, <c>boolean</c>, <c>datetime</c>, <c>array</c>),
/// <c>nil="true"</c> on unset ones, times as <c>2009-10-28T22:27:38Z</c> and decimals as Ruby prints
/// them (<c>0.0</c>, <c>19.0</c>, <c>2.55</c>). Clients parse these strictly (pyspreedly's datetime
/// format has no fractional seconds), so nothing here is left to a general-purpose serializer.
/// </summary>
internal sealed class SpreedlyXmlWriter
{
    private readonly StringBuilder text = new("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    private int depth;

    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A decimal as Ruby's BigDecimal prints it: at least one decimal place, no trailing zeros beyond it.</summary>
    public static string Decimal(decimal d) => d.ToString("0.0###########", CultureInfo.InvariantCulture);

    public SpreedlyXmlWriter Open(string name, string? type = null)
    {
        Indent().Append('<').Append(name);
        if (type is not null)
        {
            text.Append(" type=\"").Append(type).Append('"');
        }

        text.Append(">\n");
        depth++;
        return this;
    }

    public SpreedlyXmlWriter Close(string name)
    {
        depth--;
        Indent().Append("</").Append(name).Append(">\n");
        return this;
    }

    /// <summary>An array: <c>&lt;name type="array"&gt;</c> with one element per item, or <c>&lt;name type="array"/&gt;</c> when empty.</summary>
    public SpreedlyXmlWriter Array<T>(string name, IReadOnlyCollection<T> items, Action<SpreedlyXmlWriter, T> write)
    {
        if (items.Count == 0)
        {
            Indent().Append('<').Append(name).Append(" type=\"array\"/>\n");
            return this;
        }

        Open(name, "array");
        foreach (var item in items)
        {
            write(this, item);
        }

        return Close(name);
    }

    /// <summary>Text with no type: <c>nil="true"</c> when null.</summary>
    public SpreedlyXmlWriter Text(string name, string? value) => Element(name, null, value);

    /// <summary>Text written empty (not nil) when unset, as Spreedly wrote a subscriber's plan name and feature level.</summary>
    public SpreedlyXmlWriter TextOrEmpty(string name, string? value, string? type = null) => Element(name, type, value ?? "");

    public SpreedlyXmlWriter Integer(string name, long? value) =>
        Element(name, "integer", value?.ToString(CultureInfo.InvariantCulture));

    public SpreedlyXmlWriter Decimal(string name, decimal? value) => Element(name, "decimal", value is { } d ? Decimal(d) : null);

    public SpreedlyXmlWriter Boolean(string name, bool value) => Element(name, "boolean", value ? "true" : "false");

    public SpreedlyXmlWriter DateTime(string name, DateTimeOffset? value) => Element(name, "datetime", value is { } t ? Time(t) : null);

    public override string ToString() => text.ToString();

    private SpreedlyXmlWriter Element(string name, string? type, string? value)
    {
        Indent().Append('<').Append(name);
        if (type is not null)
        {
            text.Append(" type=\"").Append(type).Append('"');
        }

        if (value is null)
        {
            text.Append(" nil=\"true\"></").Append(name).Append(">\n");
            return this;
        }

        text.Append('>');
        Escape(value);
        text.Append("</").Append(name).Append(">\n");
        return this;
    }

    private StringBuilder Indent() => text.Append(' ', depth * 2);

    /// <summary>Escapes markup characters and drops characters XML 1.0 cannot carry, so the answer is always well-formed.</summary>
    private void Escape(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '&': text.Append("&amp;"); break;
                case '<': text.Append("&lt;"); break;
                case '>': text.Append("&gt;"); break;
                case '"': text.Append("&quot;"); break;
                case '\r': text.Append("&#13;"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        text.Append(c).Append(value[++i]);
                    }
                    else if (c is '\t' or '\n' || (c >= 0x20 && !char.IsSurrogate(c) && c is not ('\uFFFE' or '\uFFFF')))
                    {
                        text.Append(c);
                    }

                    break;
            }
        }
    }
}
