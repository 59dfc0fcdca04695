using Steward.Core.Ids;

namespace Steward.Core.Webhooks;

/// <summary>Where a message stands: waiting for its next attempt, delivered, or given up on (replayable).</summary>
public enum DeliveryStatus
{
    Pending = 0,
    Succeeded = 1,
    DeadLettered = 2,
}

/// <summary>
/// One message: one event for one endpoint. Its public id is the <c>webhook-id</c> header, the same on
/// every attempt and on a replay, so a receiver can drop duplicates (delivery is at least once).
/// The row is the delivery log: the last attempt's outcome and when the next one is due.
/// </summary>
public sealed class WebhookDelivery : IPublicEntity
{
    public static string IdPrefix => "msg";

    public Guid Id { get; set; }

    public Guid EndpointId { get; set; }

    public Guid AccountId { get; set; }

    /// <summary>The event's sequence number in the log (its <c>id</c> on the wire).</summary>
    public long EventSequence { get; set; }

    public string EventType { get; set; } = "";

    public DeliveryStatus Status { get; set; }

    /// <summary>Attempts made since the message was enqueued or last replayed.</summary>
    public int Attempts { get; set; }

    /// <summary>When the next attempt is due; null once delivered or dead-lettered.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    /// <summary>The HTTP status of the last answer; null when none came (timeout, refused connection).</summary>
    public int? LastStatusCode { get; set; }

    public int? LastLatencyMs { get; set; }

    /// <summary>What went wrong with the last attempt, in words (never a secret).</summary>
    public string? LastError { get; set; }

    /// <summary>When the message was delivered or dead-lettered.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>An instance holds the message while it sends it, until this time (a lease: a crashed sender's claim runs out).</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }

    /// <summary>The holder's claim; an outcome is recorded only by the claim that sent it.</summary>
    public Guid? ClaimToken { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public int Version { get; set; }
}

/// <summary>How far the delivery worker has read the event log: one row, so a restart resumes where it stopped.</summary>
public sealed class WebhookCursor
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public long LastSequence { get; set; }
}
