using System.Text.Json;

namespace Steward.Client;

/// <summary>One entry of the event log.</summary>
/// <param name="Id">Sequence number.</param>
/// <param name="Type">Event type, such as <c>organisation.created</c>.</param>
/// <param name="SubjectId">Public id of what changed.</param>
/// <param name="AccountId">The account it belongs to.</param>
/// <param name="ActorId">Who made the change.</param>
/// <param name="Data">The event's data.</param>
/// <param name="OccurredAt">When.</param>
public sealed record Event(long Id, string Type, string SubjectId, string? AccountId, string ActorId, JsonElement Data, DateTimeOffset OccurredAt);

/// <summary>A page of events.</summary>
/// <param name="Items">Events, oldest first.</param>
/// <param name="NextAfter">Pass as <c>after</c> to read on.</param>
public sealed record EventPage(IReadOnlyList<Event> Items, long NextAfter);
