using Steward.Core.Caching;
using Steward.Core.Events;
using Steward.Core.Ids;
using Steward.Core.Tenancy;

namespace Steward.Core.Webhooks;

/// <summary>The data of every webhook endpoint event. Never the secret.</summary>
public abstract record WebhookEvent : StewardEvent
{
    public string Id { get; init; } = "";

    public string AccountId { get; init; } = "";

    public string Url { get; init; } = "";

    public IReadOnlyList<string> EventTypes { get; init; } = [];

    public bool Enabled { get; init; }

    public string? Description { get; init; }

    public int Version { get; init; }

    public override string SubjectId => Id;

    /// <summary>An endpoint appeared, changed or went: the delivery worker looks at the endpoints again.</summary>
    public override void Invalidate(ReadCache cache) => cache.Remove(NoEnabledWebhooks.Key);

    public static T Of<T>(WebhookEndpoint e) where T : WebhookEvent, new() => new()
    {
        Id = PublicId.Of<WebhookEndpoint>(e.Id),
        AccountId = PublicId.Of<Account>(e.AccountId),
        Url = e.Url,
        EventTypes = e.EventTypeList,
        Enabled = e.Enabled,
        Description = e.Description,
        Version = e.Version,
    };
}

[EventType("webhook.created")]
public sealed record WebhookCreated : WebhookEvent;

[EventType("webhook.updated")]
public sealed record WebhookUpdated : WebhookEvent;

[EventType("webhook.deleted")]
public sealed record WebhookDeleted : WebhookEvent;

/// <summary>A new secret signs from now on; the old one signs too until <see cref="PreviousSecretExpiresAt"/>.</summary>
[EventType("webhook.secret_rotated")]
public sealed record WebhookSecretRotated : WebhookEvent
{
    public DateTimeOffset? PreviousSecretExpiresAt { get; init; }
}

/// <summary>Steward disabled an endpoint that failed every attempt for five days; its pending messages were dead-lettered.</summary>
[EventType("webhook.disabled")]
public sealed record WebhookDisabled : WebhookEvent
{
    public string Reason { get; init; } = "";

    public DateTimeOffset? FailingSince { get; init; }
}

/// <summary>A finished message was queued again by the account (its subject is the message, <c>msg-…</c>).</summary>
[EventType("webhook.delivery_replayed")]
public sealed record WebhookDeliveryReplayed : StewardEvent
{
    public string Id { get; init; } = "";

    public string WebhookId { get; init; } = "";

    public long EventId { get; init; }

    public override string SubjectId => Id;
}
