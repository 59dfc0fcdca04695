using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Steward.Core.Results;
using Steward.Core.Storage;

namespace Steward.Server.AdminConsole;

/// <summary>The console's building blocks: forms (each with its anti-forgery token), fields, tables, search and paging.</summary>
public static class Ui
{
    /// <summary>Rows per page of every list.</summary>
    public const int PageSize = 25;

    /// <summary>The list query of a page: its search box and its cursor.</summary>
    public static ListQuery Query(string? q, string? cursor) => new(PageSize, cursor, q);

    /// <summary>A POST form carrying the anti-forgery token; <paramref name="confirm"/> asks before sending.</summary>
    public static Html Form(HttpContext http, string action, Html fields, string? confirm = null, string css = "")
    {
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        var ask = confirm is null ? Html.Empty : Html.Of($" data-confirm=\"{confirm}\"");
        return Html.Of($"<form method=\"post\" action=\"{action}\" class=\"{css}\"{ask}><input type=\"hidden\" name=\"{tokens.FormFieldName}\" value=\"{tokens.RequestToken}\">{fields}</form>");
    }

    /// <summary>A small form with one button (delete, revoke, rotate).</summary>
    public static Html Button(HttpContext http, string action, string label, string? confirm = null, string css = "") =>
        Form(http, action, Html.Of($"<button type=\"submit\" class=\"{css}\">{label}</button>"), confirm, "inline");

    public static Html Input(string name, string label, IFormCollection? form, Error? error, string type = "text", bool required = false, string? hint = null)
    {
        var value = type == "password" ? "" : form?[name].ToString();
        var req = required ? Html.Of($" required") : Html.Empty;
        return Html.Of($"<label>{label}<input type=\"{type}\" name=\"{name}\" value=\"{value}\"{req}{Placeholder(hint)}>{FieldError(name, error)}</label>");
    }

    /// <summary>A drop-down; the first option is empty when <paramref name="empty"/> is given.</summary>
    public static Html Select(string name, string label, IEnumerable<(string Value, string Text)> options, IFormCollection? form, Error? error, string? empty = null, string? selected = null)
    {
        var current = form?[name].ToString() ?? selected;
        var first = empty is null ? Html.Empty : Html.Of($"<option value=\"\">{empty}</option>");
        var items = options.Select(o => Html.Of($"<option value=\"{o.Value}\"{Html.When(o.Value == current, Html.Of($" selected"))}>{o.Text}</option>"));
        return Html.Of($"<label>{label}<select name=\"{name}\">{first}{items}</select>{FieldError(name, error)}</label>");
    }

    /// <summary>The error of a form: its message, unless every field message is shown beside its field.</summary>
    public static Html Alert(Error? error) =>
        error is null ? Html.Empty : Html.Of($"<p class=\"alert\" role=\"alert\">{error.Message}</p>");

    public static Html Notice(string? text) =>
        string.IsNullOrEmpty(text) ? Html.Empty : Html.Of($"<p class=\"notice\" role=\"status\">{text}</p>");

    /// <summary>A newly issued key and secret; the page that shows it is the only place the secret is ever shown.</summary>
    public static Html Secret(string title, string apiKey, string secret) => Html.Of($"""
        <section class="secret" role="status">
        <h2>{title}</h2>
        <p>Store the secret now: it is shown this once and cannot be read again.</p>
        <dl><dt>API key</dt><dd><code data-copy>{apiKey}</code></dd><dt>API secret</dt><dd><code data-copy>{secret}</code></dd></dl>
        </section>
        """);

    /// <summary>A search box for a list, keeping the list's filters.</summary>
    public static Html Search(string path, string? q, params (string Name, string? Value)[] filters)
    {
        var hidden = filters.Where(f => !string.IsNullOrEmpty(f.Value))
            .Select(f => Html.Of($"<input type=\"hidden\" name=\"{f.Name}\" value=\"{f.Value}\">"));
        return Html.Of($"<form method=\"get\" action=\"{path}\" class=\"search\" role=\"search\">{hidden}<input type=\"search\" name=\"q\" value=\"{q}\" placeholder=\"Search\" aria-label=\"Search\"><button type=\"submit\">Search</button></form>");
    }

    public static Html Table<T>(IReadOnlyList<T> rows, string[] headers, Func<T, Html> row, string empty)
    {
        if (rows.Count == 0)
        {
            return Html.Of($"<p class=\"empty\">{empty}</p>");
        }

        var head = headers.Select(h => Html.Of($"<th>{h}</th>"));
        return Html.Of($"<table><thead><tr>{head}</tr></thead><tbody>{rows.Select(row)}</tbody></table>");
    }

    /// <summary>Links to the first page (when not on it) and the next page (when there is one), keeping the search and filters.</summary>
    public static Html Pager(string path, string? cursor, string? next, string? q, params (string Name, string? Value)[] filters)
    {
        string Link(string? c)
        {
            (string Name, string? Value)[] all = [.. filters, ("q", q), ("cursor", c)];
            var parts = all.Where(f => !string.IsNullOrEmpty(f.Value)).Select(f => f.Name + "=" + Uri.EscapeDataString(f.Value!));
            var query = string.Join("&", parts);
            return query.Length == 0 ? path : path + "?" + query;
        }

        var first = string.IsNullOrEmpty(cursor) ? Html.Empty : Html.Of($"<a href=\"{Link(null)}\">First page</a>");
        var more = next is null ? Html.Empty : Html.Of($"<a href=\"{Link(next)}\" rel=\"next\">Next page</a>");
        return Html.Of($"<nav class=\"pager\">{first}{more}</nav>");
    }

    /// <summary>An optional field: empty means "none", as an absent JSON property does.</summary>
    public static string? Optional(IFormCollection form, string name) =>
        string.IsNullOrWhiteSpace(form[name]) ? null : form[name].ToString();

    public static Html Time(DateTimeOffset at) =>
        Html.Of($"<time datetime=\"{at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}\">{at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}</time>");

    public static Html Link(string href, string text) => Html.Of($"<a href=\"{href}\">{text}</a>");

    /// <summary>A field's own messages, beside the field.</summary>
    private static Html FieldError(string name, Error? error) =>
        error?.Fields is { } fields && fields.TryGetValue(name, out var messages)
            ? Html.Of($"<span class=\"field-error\">{string.Join(" ", messages)}</span>")
            : Html.Empty;

    private static Html Placeholder(string? hint) => hint is null ? Html.Empty : Html.Of($" placeholder=\"{hint}\"");
}
