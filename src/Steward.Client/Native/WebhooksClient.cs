namespace Steward.Client;

/// <summary>Webhook endpoints of the caller's account, <c>/api/v1/webhooks</c>. Reach it as <see cref="StewardClient.Webhooks"/>.</summary>
public sealed class WebhooksClient
{
    private readonly NativeTransport transport;

    internal WebhooksClient(NativeTransport transport) => this.transport = transport;

    /// <summary>Registers an endpoint; the answer carries its signing secret, shown once.</summary>
    /// <param name="url">A public <c>https://</c> URL (plain http and private addresses only where the server allows them).</param>
    /// <param name="eventTypes">Patterns of the event types to receive: <c>*</c>, <c>user.*</c>, <c>organisation.created</c>.</param>
    /// <param name="description">Free text.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<WebhookWithSecret> CreateAsync(string url, IReadOnlyList<string> eventTypes, string? description = null, CancellationToken ct = default) =>
        transport.SendAsync<WebhookWithSecret>(HttpMethod.Post, "/api/v1/webhooks", new { url, event_types = eventTypes, description }, ct);

    /// <summary>Reads an endpoint.</summary>
    /// <param name="id">The endpoint's public id, <c>webhook-…</c>.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<Webhook> GetAsync(string id, CancellationToken ct = default) =>
        transport.SendAsync<Webhook>(HttpMethod.Get, "/api/v1/webhooks/" + NativeTransport.Segment(id), null, ct);

    /// <summary>Lists the account's endpoints.</summary>
    /// <param name="limit">Page size; the server's default when null.</param>
    /// <param name="cursor">The previous page's <see cref="ItemList{T}.NextCursor"/>; null for the first page.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<ItemList<Webhook>> ListAsync(int? limit = null, string? cursor = null, CancellationToken ct = default) =>
        transport.SendAsync<ItemList<Webhook>>(HttpMethod.Get, "/api/v1/webhooks" + NativeTransport.Query(("limit", NativeTransport.Number(limit)), ("cursor", cursor)), null, ct);

    /// <summary>Changes an endpoint; null arguments are left as they are. Enabling a disabled endpoint clears its failure record.</summary>
    /// <param name="id">The endpoint's public id.</param>
    /// <param name="url">New URL.</param>
    /// <param name="eventTypes">New event type patterns.</param>
    /// <param name="enabled">Enable or disable it.</param>
    /// <param name="description">New description.</param>
    /// <param name="ifMatchVersion">Sent as <c>If-Match</c>; a stale version fails with 412 <c>version-conflict</c>.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<Webhook> UpdateAsync(string id, string? url = null, IReadOnlyList<string>? eventTypes = null, bool? enabled = null, string? description = null, int? ifMatchVersion = null, CancellationToken ct = default) =>
        transport.SendAsync<Webhook>(HttpMethod.Patch, "/api/v1/webhooks/" + NativeTransport.Segment(id), new { url, event_types = eventTypes, enabled, description }, ct, ifMatchVersion);

    /// <summary>Deletes an endpoint and its delivery log.</summary>
    /// <param name="id">The endpoint's public id.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task DeleteAsync(string id, CancellationToken ct = default) =>
        transport.SendAsync(HttpMethod.Delete, "/api/v1/webhooks/" + NativeTransport.Segment(id), ct);

    /// <summary>Replaces the signing secret; the old one keeps signing beside the new one for the overlap.</summary>
    /// <param name="id">The endpoint's public id.</param>
    /// <param name="overlapSeconds">How long the old secret still signs: 0 to 86400 (the default, 24 hours); 0 for a leaked secret.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<WebhookWithSecret> RotateSecretAsync(string id, int? overlapSeconds = null, CancellationToken ct = default) =>
        transport.SendAsync<WebhookWithSecret>(HttpMethod.Post, $"/api/v1/webhooks/{NativeTransport.Segment(id)}/rotate-secret", new { overlap_seconds = overlapSeconds }, ct);

    /// <summary>The delivery log, oldest first.</summary>
    /// <param name="id">The endpoint's public id.</param>
    /// <param name="status">Only messages in this state: <c>pending</c>, <c>succeeded</c> or <c>dead_lettered</c>.</param>
    /// <param name="limit">Page size.</param>
    /// <param name="cursor">The previous page's cursor.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<ItemList<WebhookDelivery>> ListDeliveriesAsync(string id, string? status = null, int? limit = null, string? cursor = null, CancellationToken ct = default) =>
        transport.SendAsync<ItemList<WebhookDelivery>>(HttpMethod.Get,
            $"/api/v1/webhooks/{NativeTransport.Segment(id)}/deliveries" + NativeTransport.Query(("status", status), ("limit", NativeTransport.Number(limit)), ("cursor", cursor)), null, ct);

    /// <summary>Reads one message of the delivery log.</summary>
    /// <param name="id">The endpoint's public id.</param>
    /// <param name="deliveryId">The message id, <c>msg-…</c>.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<WebhookDelivery> GetDeliveryAsync(string id, string deliveryId, CancellationToken ct = default) =>
        transport.SendAsync<WebhookDelivery>(HttpMethod.Get, $"/api/v1/webhooks/{NativeTransport.Segment(id)}/deliveries/{NativeTransport.Segment(deliveryId)}", null, ct);

    /// <summary>Messages whose every attempt failed, or whose endpoint was disabled.</summary>
    /// <param name="id">The endpoint's public id.</param>
    /// <param name="limit">Page size.</param>
    /// <param name="cursor">The previous page's cursor.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<ItemList<WebhookDelivery>> ListDeadLettersAsync(string id, int? limit = null, string? cursor = null, CancellationToken ct = default) =>
        transport.SendAsync<ItemList<WebhookDelivery>>(HttpMethod.Get,
            $"/api/v1/webhooks/{NativeTransport.Segment(id)}/dead-letters" + NativeTransport.Query(("limit", NativeTransport.Number(limit)), ("cursor", cursor)), null, ct);

    /// <summary>Sends a delivered or dead-lettered message again, with the same <c>webhook-id</c> and a fresh retry schedule.</summary>
    /// <param name="id">The endpoint's public id.</param>
    /// <param name="deliveryId">The message id, <c>msg-…</c>.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<WebhookDelivery> ReplayAsync(string id, string deliveryId, CancellationToken ct = default) =>
        transport.SendAsync<WebhookDelivery>(HttpMethod.Post, $"/api/v1/webhooks/{NativeTransport.Segment(id)}/deliveries/{NativeTransport.Segment(deliveryId)}/replay", null, ct);
}
