using System.Text.Json;
using Steward.Core.Events;
using Steward.Core.Ids;
using Steward.Core.Tenancy;

namespace Steward.Server.Api.Wire;

// The event log on the native wire. Request bodies leave every field optional at the JSON level
// so that the core reports all missing or invalid fields at once, by name.

public sealed record EventResource(long Id, string Type, string SubjectId, string? AccountId, string ActorId, JsonElement Data, DateTimeOffset OccurredAt)
{
    public static EventResource From(EventRecord e)
    {
        using var data = JsonDocument.Parse(e.Data);
        return new(e.Sequence, e.Type, e.SubjectId, e.AccountId is { } a ? PublicId.Of<Account>(a) : null, e.ActorId, data.RootElement.Clone(), e.OccurredAt);
    }
}
