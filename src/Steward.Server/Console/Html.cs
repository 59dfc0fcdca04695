using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Steward.Server.AdminConsole;

/// <summary>
/// Markup that is safe to write as it is. Pages build it with <see cref="Of"/> from an interpolated
/// string: every value put into the string is HTML-encoded unless it is itself <see cref="Html"/>, so a
/// username or an organisation name can never become markup (encoding is the default, not a habit).
/// </summary>
public readonly struct Html(string? value)
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static Html Empty => default;

    public string Value => value ?? "";

    /// <summary>Builds markup: <c>Html.Of($"&lt;td&gt;{user.Username}&lt;/td&gt;")</c> encodes the username.</summary>
    public static Html Of(ref HtmlBuilder markup) => markup.ToHtml();

    /// <summary>Text, encoded.</summary>
    public static Html Text(string? text) => new(Encode(text));

    /// <summary>Markup made by a trusted library (an SVG chart), written as it is.</summary>
    public static Html Trusted(string markup) => new(markup);

    public static Html Join(IEnumerable<Html> parts) => new(string.Concat(parts.Select(p => p.Value)));

    public static Html When(bool condition, Html html) => condition ? html : Empty;

    public static string Encode(string? text) => text is null ? "" : Encoder.Encode(text);

    public override string ToString() => Value;
}

/// <summary>The interpolated-string handler behind <see cref="Html.Of"/>: literals as they are, values encoded.</summary>
[InterpolatedStringHandler]
public ref struct HtmlBuilder
{
    private readonly StringBuilder text;

    public HtmlBuilder(int literalLength, int formattedCount)
    {
        text = new StringBuilder(literalLength + (formattedCount * 16));
    }

    public readonly void AppendLiteral(string literal) => text.Append(literal);

    public readonly void AppendFormatted(Html html) => text.Append(html.Value);

    public readonly void AppendFormatted(string? value) => text.Append(Html.Encode(value));

    public readonly void AppendFormatted<T>(T value, string? format = null)
    {
        // A sequence of markup is joined, so a list of rows can go straight into a table.
        if (value is IEnumerable<Html> parts)
        {
            text.Append(Html.Join(parts).Value);
            return;
        }

        var formatted = value is IFormattable f ? f.ToString(format, CultureInfo.InvariantCulture) : value?.ToString();
        text.Append(Html.Encode(formatted));
    }

    public readonly Html ToHtml() => new(text.ToString());
}
