using Steward.Core.Ids;
using Steward.Core.Tenancy;
using Steward.Core.Webhooks;

namespace Steward.Server.Api.Wire;

// Webhook endpoints and their delivery log on the native wire (snake_case). Request bodies leave every field
// optional at the JSON level so that the core reports all missing or invalid fields at once, by name.

public sealed record WebhookResource(
    string Id, string AccountId, string Url, IReadOnlyList<string> EventTypes, string? Description, bool Enabled, string? DisabledReason,
    DateTimeOffset? FailingSince, DateTimeOffset? PreviousSecretExpiresAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version)
{
    public static WebhookResource From(WebhookEndpoint e) =>
        new(PublicId.Of<WebhookEndpoint>(e.Id), PublicId.Of<Account>(e.AccountId), e.Url, e.EventTypeList, e.Description, e.Enabled, e.DisabledReason,
            e.FailingSince, e.PreviousSecret is null ? null : e.PreviousSecretExpiresAt, e.CreatedAt, e.UpdatedAt, e.Version);
}

/// <summary>An endpoint with its signing secret (<c>whsec_…</c>), answered only at registration and rotation.</summary>
public sealed record WebhookWithSecretResource(
    string Id, string AccountId, string Url, IReadOnlyList<string> EventTypes, string? Description, bool Enabled,
    DateTimeOffset? PreviousSecretExpiresAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version, string Secret)
{
    public static WebhookWithSecretResource From(WebhookWithSecret w)
    {
        var e = w.Endpoint;
        return new(PublicId.Of<WebhookEndpoint>(e.Id), PublicId.Of<Account>(e.AccountId), e.Url, e.EventTypeList, e.Description, e.Enabled,
            e.PreviousSecret is null ? null : e.PreviousSecretExpiresAt, e.CreatedAt, e.UpdatedAt, e.Version, w.Secret);
    }
}

/// <summary>One message in the delivery log: its id is the <c>webhook-id</c> header; <c>event_id</c> the event's sequence number.</summary>
public sealed record WebhookDeliveryResource(
    string Id, string WebhookId, long EventId, string EventType, DeliveryStatus Status, int Attempts, DateTimeOffset? NextAttemptAt,
    DateTimeOffset? LastAttemptAt, int? LastStatusCode, int? LastLatencyMs, string? LastError, DateTimeOffset? CompletedAt, DateTimeOffset CreatedAt)
{
    public static WebhookDeliveryResource From(WebhookDelivery d) =>
        new(PublicId.Of<WebhookDelivery>(d.Id), PublicId.Of<WebhookEndpoint>(d.EndpointId), d.EventSequence, d.EventType, d.Status, d.Attempts,
            d.NextAttemptAt, d.LastAttemptAt, d.LastStatusCode, d.LastLatencyMs, d.LastError, d.CompletedAt, d.CreatedAt);
}

public sealed record WebhookRequest(string? Url, string?[]? EventTypes, bool? Enabled, string? Description, string? AccountId);

public sealed record RotateSecretRequest(int? OverlapSeconds);
