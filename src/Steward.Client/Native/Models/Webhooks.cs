namespace Steward.Client;

/// <summary>A webhook endpoint (without its secret).</summary>
/// <param name="Id">Public id, <c>webhook-…</c>.</param>
/// <param name="AccountId">Owning account.</param>
/// <param name="Url">Where messages are POSTed.</param>
/// <param name="EventTypes">Patterns of the event types it receives: <c>*</c>, <c>user.*</c>, <c>organisation.created</c>.</param>
/// <param name="Description">Free text.</param>
/// <param name="Enabled">Whether it receives messages.</param>
/// <param name="DisabledReason"><c>failing</c> when Steward disabled it after five days of failures.</param>
/// <param name="FailingSince">Start of the current run of failed attempts.</param>
/// <param name="PreviousSecretExpiresAt">Until when the secret before the last rotation still signs.</param>
/// <param name="CreatedAt">Creation time.</param>
/// <param name="UpdatedAt">Last change.</param>
/// <param name="Version">Concurrency version (the ETag).</param>
public sealed record Webhook(
    string Id, string AccountId, string Url, IReadOnlyList<string> EventTypes, string? Description, bool Enabled, string? DisabledReason,
    DateTimeOffset? FailingSince, DateTimeOffset? PreviousSecretExpiresAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version);

/// <summary>A webhook endpoint with its signing secret, answered only at registration and rotation.</summary>
/// <param name="Id">Public id, <c>webhook-…</c>.</param>
/// <param name="AccountId">Owning account.</param>
/// <param name="Url">Where messages are POSTed.</param>
/// <param name="EventTypes">Event type patterns.</param>
/// <param name="Enabled">Whether it receives messages.</param>
/// <param name="PreviousSecretExpiresAt">Until when the previous secret still signs (after a rotation).</param>
/// <param name="Version">Concurrency version.</param>
/// <param name="Secret">The signing secret, <c>whsec_…</c> (shown once): verify deliveries with <see cref="WebhookSignatures.Verify"/>.</param>
public sealed record WebhookWithSecret(string Id, string AccountId, string Url, IReadOnlyList<string> EventTypes, bool Enabled, DateTimeOffset? PreviousSecretExpiresAt, int Version, string Secret);

/// <summary>One message of a webhook's delivery log.</summary>
/// <param name="Id">The message id, <c>msg-…</c>: the <c>webhook-id</c> header of every attempt.</param>
/// <param name="WebhookId">The endpoint.</param>
/// <param name="EventId">The event's sequence number in the log.</param>
/// <param name="EventType">The event's type.</param>
/// <param name="Status"><c>pending</c>, <c>succeeded</c> or <c>dead_lettered</c>.</param>
/// <param name="Attempts">Attempts made (since it was enqueued or replayed).</param>
/// <param name="NextAttemptAt">When the next attempt is due, while pending.</param>
/// <param name="LastAttemptAt">When the last attempt was made.</param>
/// <param name="LastStatusCode">The last answer's HTTP status; null when none came.</param>
/// <param name="LastLatencyMs">How long the last attempt took.</param>
/// <param name="LastError">What went wrong with the last attempt.</param>
/// <param name="CompletedAt">When it was delivered or dead-lettered.</param>
/// <param name="CreatedAt">When it was enqueued.</param>
public sealed record WebhookDelivery(
    string Id, string WebhookId, long EventId, string EventType, string Status, int Attempts, DateTimeOffset? NextAttemptAt, DateTimeOffset? LastAttemptAt,
    int? LastStatusCode, int? LastLatencyMs, string? LastError, DateTimeOffset? CompletedAt, DateTimeOffset CreatedAt);
