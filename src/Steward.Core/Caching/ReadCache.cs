using Microsoft.Extensions.Caching.Memory;

namespace Steward.Core.Caching;

/// <summary>
/// A bounded in-memory cache of recently read rows, so authorized reads and credential checks
/// need no database round trip. Keys are records declared by the area that caches (so kinds never
/// collide). Entries are dropped by the typed events of the changes that make them stale
/// (<see cref="Events.StewardEvent.Invalidate"/>), on this instance after commit and on others
/// through <see cref="Events.ClusterSync"/>.
/// </summary>
public sealed class ReadCache : IDisposable
{
    /// <summary>At most this many entries; past it the least recently used are evicted.</summary>
    public const int Capacity = 100_000;

    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = Capacity });

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

    /// <summary>
    /// Drops every entry whose key is a <typeparamref name="TKey"/> and matches <paramref name="match"/>:
    /// for changes that make an unknown set of entries stale (a deleted organisation's members). Walks the
    /// cache, so it is for rare changes only.
    /// </summary>
    public void RemoveWhere<TKey>(Func<TKey, object?, bool> match)
    {
        foreach (var key in cache.Keys)
        {
            if (key is TKey typed && cache.TryGetValue(key, out var value) && match(typed, value))
            {
                cache.Remove(key);
            }
        }
    }

    /// <summary>Drops everything: for changes whose extent an event does not spell out (a deleted account).</summary>
    public void Clear() => cache.Clear();

    public void Dispose() => cache.Dispose();
}
