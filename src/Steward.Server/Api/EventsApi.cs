using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Steward.Core.Access;
using Steward.Core.Events;
using Steward.Core.Results;
using Steward.Server.Api.Wire;
using Steward.Server.Auth;
using Steward.Server.Hosting;

namespace Steward.Server.Api;

/// <summary>The event log: a page of events after a sequence number, or a live server-sent-events stream.</summary>
public static class EventsApi
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static RouteGroupBuilder MapEventsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/events").WithTags("Events");
        group.MapGet("/", List).WithName("ListEvents").WithSummary("Events with a sequence number greater than 'after' (default 0), oldest first.");
        group.MapGet("/stream", Stream).WithName("StreamEvents")
            .WithSummary("Server-sent events, live; resumes after the Last-Event-ID header (or 'after').");
        return group;
    }

    private static async Task<Results<Ok<EventPage>, ProblemHttpResult>> List(HttpContext http, EventService events, long? after, int? limit)
    {
        var result = await events.ListAsync(http.GetPrincipal(), after ?? 0, limit, http.RequestAborted);
        if (!result.IsSuccess)
        {
            return Problems.From(result.Error!);
        }

        var items = result.Value.Select(EventResource.From).ToList();
        return TypedResults.Ok(new EventPage(items, items.Count > 0 ? items[^1].Id : after ?? 0));
    }

    /// <summary>Also the admin console's live event log, behind its session cookie.</summary>
    internal static async Task<Results<ServerSentEventsResult<string>, ProblemHttpResult>> Stream(HttpContext http, EventService events, long? after)
    {
        var start = after ?? 0;
        var lastEventId = http.Request.Headers["Last-Event-ID"].ToString();
        if (lastEventId.Length > 0 && !long.TryParse(lastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out start))
        {
            return Problems.From(Error.Invalid("Last-Event-ID", "Last-Event-ID must be the id of an event this stream sent."));
        }

        var principal = http.GetPrincipal();
        var first = await events.ListAsync(principal, start, 1, http.RequestAborted);
        if (!first.IsSuccess)
        {
            return Problems.From(first.Error!);
        }

        return TypedResults.ServerSentEvents(Read(events, principal, start, http.RequestAborted));
    }

    private static async IAsyncEnumerable<SseItem<string>> Read(EventService events, Principal principal, long after, [EnumeratorCancellation] CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            // Subscribe before reading, so an event committed in between is not missed.
            var wake = events.WaitForNewAsync(Heartbeat, ct);
            var page = await events.ListAsync(principal, after, 100, ct);
            if (!page.IsSuccess)
            {
                yield break;
            }

            foreach (var e in page.Value)
            {
                after = e.Sequence;
                var json = JsonSerializer.Serialize(EventResource.From(e), StewardJson.Options);
                yield return new SseItem<string>(json, e.Type) { EventId = e.Sequence.ToString(CultureInfo.InvariantCulture) };
            }

            if (page.Value.Count == 0)
            {
                try
                {
                    await wake;
                }
                catch (OperationCanceledException)
                {
                    yield break;
                }
            }
        }
    }

    public sealed record EventPage(IReadOnlyList<EventResource> Items, long NextAfter);
}
