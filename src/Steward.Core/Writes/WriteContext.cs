using Steward.Core.Access;
using Steward.Core.Events;
using Steward.Core.Results;
using Steward.Core.Storage;

namespace Steward.Core.Writes;

/// <summary>
/// What a write sees: the context (inside the gate's transaction), the actor, the time, and the
/// means to append events and to act once the transaction has committed.
/// </summary>
public sealed class WriteContext
{
    private readonly List<Action> afterCommit = [];
    private readonly List<Revocation> revocations = [];
    private readonly List<StewardEvent> events = [];
    private readonly List<EventRecord> records = [];

    internal WriteContext(StewardDb db, Principal actor, DateTimeOffset now)
    {
        Db = db;
        Actor = actor;
        Now = now;
    }

    public StewardDb Db { get; }

    public Principal Actor { get; }

    public DateTimeOffset Now { get; }

    internal IReadOnlyList<Action> AfterCommitActions => afterCommit;

    internal IReadOnlyList<Revocation> Revocations => revocations;

    internal IReadOnlyList<StewardEvent> Events => events;

    /// <summary>The rows of the events, numbered and stored by the gate when the write has succeeded.</summary>
    internal IReadOnlyList<EventRecord> EventRecords => records;

    /// <summary>
    /// Appends an event to the log, in the same transaction as the change it describes. After the
    /// commit the gate runs the event's <see cref="StewardEvent.Invalidate"/> here; other instances run
    /// it when they read the event back (<see cref="ClusterSync"/>).
    /// </summary>
    public void Emit(Guid? accountId, StewardEvent e)
    {
        records.Add(new EventRecord
        {
            Type = EventCatalog.NameOf(e),
            SubjectId = e.SubjectId,
            AccountId = accountId == Guid.Empty ? null : accountId,
            ActorId = Actor.ActorId,
            Data = EventCatalog.Serialize(e),
            OccurredAt = Now,
        });
        events.Add(e);
    }

    /// <summary>Appends an event row as it is (an imported account's log); the gate numbers it with the others.</summary>
    internal void AppendRecord(EventRecord record) => records.Add(record);

    /// <summary>Records a revocation durably; it takes effect in memory as soon as the transaction commits.</summary>
    public void Revoke(Guid key, DateTimeOffset cutoff, DateTimeOffset expiresAt)
    {
        var revocation = new Revocation { Key = key, Cutoff = cutoff, ExpiresAt = expiresAt };
        Db.Revocations.Add(revocation);
        revocations.Add(revocation);
    }

    /// <summary>
    /// The error to answer if saving hits a unique index, instead of a generic conflict. Lets a hot
    /// write rely on the index rather than query first (one statement fewer in the single writer).
    /// </summary>
    public Error? OnUniqueViolation { get; set; }

    /// <summary>Runs an action (cache invalidation, revocation, notification) only if the change commits.</summary>
    public void AfterCommit(Action action) => afterCommit.Add(action);
}
