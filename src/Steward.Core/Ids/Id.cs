using System.Diagnostics.CodeAnalysis;

namespace Steward.Core.Ids;

/// <summary>
/// A public id of entity kind <typeparamref name="T"/>, parseable by the framework so routes bind it
/// directly (<c>/organisations/{id}</c> → <c>Id&lt;Organisation&gt;</c>). Text that is not an id of this
/// kind binds as <see cref="None"/>, which no row has: the lookup answers "not found" exactly as for an
/// unknown id, so a malformed id tells a caller nothing more than a wrong one.
/// </summary>
public readonly record struct Id<T>(Guid Value) : IParsable<Id<T>>
    where T : IPublicEntity
{
    public static Id<T> None => default;

    public static string Prefix => T.IdPrefix;

    public static Id<T> Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : None;

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out Id<T> result)
    {
        PublicId.TryParse(T.IdPrefix, s, out var guid);
        result = new Id<T>(guid);
        return true;
    }

    public override string ToString() => PublicId.Format(T.IdPrefix, Value);

    public static implicit operator Guid(Id<T> id) => id.Value;
}
