namespace Steward.Core.Events;

/// <summary>One append-only entry of the event log, written in the same transaction as its change.</summary>
public sealed class EventRecord
{
    /// <summary>Monotonic sequence number; the event id on the wire.</summary>
    public long Sequence { get; set; }

    public string Type { get; set; } = "";

    public string SubjectId { get; set; } = "";

    public Guid? AccountId { get; set; }

    /// <summary>The acting principal (audit): its public id.</summary>
    public string ActorId { get; set; } = "";

    public string Data { get; set; } = "{}";

    public DateTimeOffset OccurredAt { get; set; }
}
