using System.Text.Json.Serialization;
using Steward.Core.Caching;

namespace Steward.Core.Events;

/// <summary>
/// A change, as recorded in the event log. A concrete event is a record in its area's folder whose
/// properties are the event's <c>data</c> (snake_case JSON) and whose <see cref="EventTypeAttribute"/>
/// names its <c>type</c>. What the change makes stale in this instance's caches is said once, in
/// <see cref="Invalidate"/>: the write gate calls it after the commit, and <see cref="ClusterSync"/>
/// calls it on every other instance when it reads the same event back from the log, so a renamed
/// field cannot leave another instance stale without failing to compile.
/// </summary>
public abstract record StewardEvent
{
    /// <summary>The public id of what changed (<c>org-…</c>), the event's <c>subject_id</c>.</summary>
    [JsonIgnore]
    public abstract string SubjectId { get; }

    /// <summary>Drops the cache entries this change made stale. Must be cheap and must not throw.</summary>
    public virtual void Invalidate(ReadCache cache)
    {
    }
}

/// <summary>The event's <c>type</c> on the wire, such as <c>organisation.updated</c>. Never rename one.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class EventTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
