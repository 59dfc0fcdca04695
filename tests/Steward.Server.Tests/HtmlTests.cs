using Steward.Server.AdminConsole;

namespace Steward.Server.Tests;

/// <summary>The console's markup builder encodes every value unless it is markup already.</summary>
public sealed class HtmlTests
{
    [Fact]
    public void Values_are_encoded_and_literals_are_not()
    {
        var name = "<script>alert(\"x\") & 'y'</script>";
        var html = Html.Of($"<td title=\"{name}\">{name}</td>");
        Assert.Equal(
            "<td title=\"&lt;script&gt;alert(&quot;x&quot;) &amp; &#x27;y&#x27;&lt;/script&gt;\">&lt;script&gt;alert(&quot;x&quot;) &amp; &#x27;y&#x27;&lt;/script&gt;</td>",
            html.Value);
    }

    [Fact]
    public void Markup_is_kept_and_sequences_of_markup_are_joined()
    {
        var cells = new[] { "a<b", "c" }.Select(t => Html.Of($"<td>{t}</td>"));
        var row = Html.Of($"<tr>{cells}</tr>");
        Assert.Equal("<tr><td>a&lt;b</td><td>c</td></tr>", row.Value);
    }

    [Fact]
    public void Numbers_and_dates_are_formatted_invariantly_and_text_outside_ascii_stays_readable()
    {
        var html = Html.Of($"{1234.5m} {new DateOnly(2026, 1, 2)} {"Zoë 東京"} {(string?)null}");
        Assert.Equal("1234.5 01/02/2026 Zoë 東京 ", html.Value);
    }
}
