using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Steward.Core.Storage;

namespace Steward.Core.Events;

/// <summary>
/// Every event type, discovered from the <see cref="EventTypeAttribute"/>s in the core assembly, so a
/// new area's events need no registration. Maps a type name to its record and back.
/// </summary>
public static class EventCatalog
{
    /// <summary>
    /// The core's JSON settings, less <see cref="StewardEvent.SubjectId"/>: it is the event's own column,
    /// not data (an override does not inherit the base property's <c>[JsonIgnore]</c>, so it is removed here).
    /// </summary>
    private static readonly JsonSerializerOptions Options = new(CoreJson.Options)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver
        {
            Modifiers =
            {
                info =>
                {
                    if (typeof(StewardEvent).IsAssignableFrom(info.Type))
                    {
                        var subject = info.Properties.FirstOrDefault(p => p.Name == "subject_id");
                        if (subject is not null)
                        {
                            info.Properties.Remove(subject);
                        }
                    }
                },
            },
        },
    };

    private static readonly FrozenDictionary<string, Type> ByName;
    private static readonly FrozenDictionary<Type, string> ByType;

    static EventCatalog()
    {
        var pairs = typeof(StewardEvent).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(StewardEvent).IsAssignableFrom(t))
            .Select(t => (Type: t, Name: t.GetCustomAttribute<EventTypeAttribute>()?.Name
                ?? throw new InvalidOperationException($"{t.Name} needs an [EventType] attribute.")))
            .ToList();
        ByName = pairs.ToFrozenDictionary(p => p.Name, p => p.Type, StringComparer.Ordinal);
        ByType = pairs.ToFrozenDictionary(p => p.Type, p => p.Name);
    }

    public static IEnumerable<string> Names => ByName.Keys;

    /// <summary>The type name of an event; records outside the core assembly (tests) are read from their attribute.</summary>
    public static string NameOf(StewardEvent e) =>
        ByType.TryGetValue(e.GetType(), out var name)
            ? name
            : e.GetType().GetCustomAttribute<EventTypeAttribute>()?.Name ?? throw new InvalidOperationException($"{e.GetType().Name} needs an [EventType] attribute.");

    public static string Serialize(StewardEvent e) => JsonSerializer.Serialize(e, e.GetType(), Options);

    /// <summary>Reads a stored event back as its record; false for a type this build does not know (a newer instance wrote it).</summary>
    public static bool TryRead(string type, string data, out StewardEvent? e)
    {
        e = null;
        if (!ByName.TryGetValue(type, out var clr))
        {
            return false;
        }

        e = JsonSerializer.Deserialize(data, clr, Options) as StewardEvent;
        return e is not null;
    }
}
