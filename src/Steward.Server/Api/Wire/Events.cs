using System.Text.Json;
using Steward.Core.Events;
using Steward.Core.Ids;
using Steward.Core.Tenancy;
using Steward.Core.Webhooks;

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

/// <summary>The body of a webhook delivery: the same record as the event log, with the same JSON settings.</summary>
public sealed class EventPayload : IWebhookPayload
{
    public byte[] Render(EventRecord e) => JsonSerializer.SerializeToUtf8Bytes(EventResource.From(e), Hosting.StewardJson.Options);
}
