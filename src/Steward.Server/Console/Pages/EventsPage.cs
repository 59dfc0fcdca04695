using System.Globalization;
using Steward.Core.Events;
using Steward.Core.Results;
using Steward.Core.Storage;
using Steward.Server.Api;
using Steward.Server.Auth;

namespace Steward.Server.AdminConsole.Pages;

/// <summary>
/// The event log, newest first, with search and older pages. The first page is live: console.js follows
/// the same server-sent-events stream as the native API (<c>EventsApi.Stream</c>, here behind the
/// session cookie) and adds each new event at the top.
/// </summary>
public static class EventsPage
{
    public static void Map(RouteGroupBuilder console)
    {
        console.MapGet("/events", List);
        console.MapGet("/events/stream", EventsApi.Stream);
    }

    private static async Task<IResult> List(HttpContext http, EventService events, string? q, string? cursor)
    {
        long? before = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            if (!long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var b))
            {
                return ConsoleErrorStyle.Instance.Render(Error.Invalid("cursor", "cursor must be an event number."));
            }

            before = b;
        }

        var result = await events.ListNewestAsync(http.GetPrincipal(), before, Ui.Query(q, null), http.RequestAborted);
        if (!result.IsSuccess)
        {
            return ConsoleErrorStyle.Instance.Render(result.Error!);
        }

        var rows = result.Value;
        var next = rows.Count == Ui.PageSize ? rows[^1].Sequence.ToString(CultureInfo.InvariantCulture) : null;

        // Live only on the first page: newer events belong at its top.
        var newest = rows.Count > 0 ? rows[0].Sequence : await NewestAsync(http, events);
        var live = before is null
            ? Html.Of($"<p class=\"live\" data-stream=\"/console/events/stream\" data-after=\"{newest}\" data-filter=\"{q}\"><span class=\"dot\"></span> Live: new events appear at the top.</p>")
            : Html.Empty;
        var body = Html.Of($"""
            {Ui.Search("/console/events", q)}
            {live}
            {Table(rows)}
            {Ui.Pager("/console/events", cursor, next, q)}
            """);
        return await Layout.PageAsync(http, "Events", body);
    }

    /// <summary>The events table; console.js adds live rows in the same shape.</summary>
    public static Html Table(IReadOnlyList<EventRecord> rows)
    {
        var body = rows.Select(e => Html.Of($"<tr><td>{e.Sequence}</td><td>{Ui.Time(e.OccurredAt)}</td><td><code>{e.Type}</code></td><td>{e.SubjectId}</td><td>{e.ActorId}</td></tr>"));
        return Html.Of($"<table class=\"events\"><thead><tr><th>#</th><th>Time (UTC)</th><th>Type</th><th>Subject</th><th>Actor</th></tr></thead><tbody>{body}</tbody></table>");
    }

    /// <summary>With no matching event the stream starts after the newest event of all, not from the beginning.</summary>
    private static async Task<long> NewestAsync(HttpContext http, EventService events)
    {
        var newest = await events.ListNewestAsync(http.GetPrincipal(), null, new ListQuery(Limit: 1), http.RequestAborted);
        return newest.IsSuccess && newest.Value.Count > 0 ? newest.Value[0].Sequence : 0;
    }
}
