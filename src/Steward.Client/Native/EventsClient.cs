namespace Steward.Client;

/// <summary>The event log, <c>/api/v1/events</c>. Reach it as <see cref="StewardClient.Events"/>.</summary>
public sealed class EventsClient
{
    private readonly NativeTransport transport;

    internal EventsClient(NativeTransport transport) => this.transport = transport;

    /// <summary>Reads events with a sequence number greater than <paramref name="after"/>, oldest first.</summary>
    /// <param name="after">The last sequence number already read (a page's <see cref="EventPage.NextAfter"/>); 0 for the start.</param>
    /// <param name="limit">Page size; the server's default when null.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<EventPage> ListAsync(long after = 0, int? limit = null, CancellationToken ct = default) =>
        transport.SendAsync<EventPage>(HttpMethod.Get, "/api/v1/events" + NativeTransport.Query(("after", NativeTransport.Number(after)), ("limit", NativeTransport.Number(limit))), null, ct);
}
