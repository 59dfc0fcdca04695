namespace Steward.Core.Ids;

/// <summary>
/// An entity with a public id <c>&lt;prefix&gt;-&lt;uuid&gt;</c>. The prefix is declared on the entity
/// itself, so a new area declares its id kinds in its own folder.
/// </summary>
public interface IPublicEntity
{
    /// <summary>The id prefix, such as <c>org</c> or <c>user</c>.</summary>
    static abstract string IdPrefix { get; }
}
