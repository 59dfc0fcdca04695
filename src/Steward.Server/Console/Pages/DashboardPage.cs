using Steward.Core.Events;
using Steward.Core.Storage;
using Steward.Server.Auth;

namespace Steward.Server.AdminConsole.Pages;

/// <summary>The first page after sign-in: events per day (a chart drawn on the server) and the latest events.</summary>
public static class DashboardPage
{
    public const int ChartDays = 14;

    public static void Map(RouteGroupBuilder console)
    {
        console.MapGet("/dashboard", Show);
        console.MapGet("/charts/events-per-day.svg", EventsPerDay);
    }

    private static async Task<IResult> Show(HttpContext http, EventService events)
    {
        var latest = await events.ListNewestAsync(http.GetPrincipal(), null, new ListQuery(Limit: 8), http.RequestAborted);
        var rows = latest.IsSuccess ? latest.Value : [];
        var body = Html.Of($"""
            <section class="card">
            <h2>Events per day, last {ChartDays} days (UTC)</h2>
            <img class="chart" src="/console/charts/events-per-day.svg" alt="A bar chart of events per day" width="{Charts.Width}" height="{Charts.Height}">
            </section>
            <section class="card">
            <h2>Latest events</h2>
            {EventsPage.Table(rows)}
            <p><a href="/console/events">The live event log</a></p>
            </section>
            """);
        return await Layout.PageAsync(http, "Dashboard", body);
    }

    private static async Task<IResult> EventsPerDay(HttpContext http, EventService events, TimeProvider time)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var counts = await events.CountPerDayAsync(http.GetPrincipal(), today.AddDays(1 - ChartDays), ChartDays, http.RequestAborted);
        if (!counts.IsSuccess)
        {
            return ConsoleErrorStyle.Instance.Render(counts.Error!);
        }

        return Results.Content(Charts.PerDay(counts.Value, "events"), "image/svg+xml; charset=utf-8");
    }
}
