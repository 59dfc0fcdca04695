using Microsoft.Extensions.Caching.Memory;
using Steward.Core.Events;

namespace Steward.Core.Caching;

/// <summary>
/// A bounded in-memory cache of recently read rows, so authorized reads and credential checks
/// need no database round trip. Writes invalidate entries after they commit (this instance) and
/// <see cref="Events.ClusterSync"/> invalidates them from the event log (other instances).
/// </summary>
public sealed class ReadCache : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    public bool TryGet<T>(object key, out T? value) where T : class
    {
        if (cache.TryGetValue(key, out var found) && found is T typed)
        {
            value = typed;
            return true;
        }

        value = null;
        return false;
    }

    public void Set<T>(object key, T value) where T : class =>
        cache.Set(key, value, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Lifetime });

    public void Remove(object key) => cache.Remove(key);

    /// <summary>Drops everything: for changes whose extent an event does not spell out (a deleted account).</summary>
    public void Clear() => cache.Clear();

    public void Dispose() => cache.Dispose();
}
