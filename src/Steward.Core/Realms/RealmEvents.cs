using Steward.Core.Caching;
using Steward.Core.Events;

namespace Steward.Core.Realms;

/// <summary>
/// A new signing key took over (the first one, a rotation asked for, or one due by age). Server-wide (no
/// account). Every instance drops its cached key set when it reads this, and signs with the new key.
/// </summary>
[EventType("signing_key.rotated")]
public sealed record SigningKeyRotated : StewardEvent
{
    public string KeyId { get; init; } = "";

    public string? PreviousKeyId { get; init; }

    public override string SubjectId => KeyId;

    public override void Invalidate(ReadCache cache) => cache.Remove(RealmKeySet.CacheKey);
}
