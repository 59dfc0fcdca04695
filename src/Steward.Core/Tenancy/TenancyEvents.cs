using System.Text.Json.Serialization;
using Steward.Core.Access;
using Steward.Core.Caching;
using Steward.Core.Events;
using Steward.Core.Identity;
using Steward.Core.Ids;

namespace Steward.Core.Tenancy;

/// <summary>The data of every account event.</summary>
public abstract record AccountEvent : StewardEvent
{
    public string Id { get; init; } = "";

    public long Number { get; init; }

    public string Name { get; init; } = "";

    public string? Email { get; init; }

    public string Slug { get; init; } = "";

    public bool Test { get; init; }

    public int Version { get; init; }

    public override string SubjectId => Id;

    /// <summary>The account may have had another slug before; drop whatever slug entry points at it.</summary>
    public override void Invalidate(ReadCache cache)
    {
        if (PublicId.TryParse<Account>(Id, out var id))
        {
            cache.RemoveWhere<AccountSlugCacheKey>((_, value) => value is Account a && a.Id == id);
        }
    }

    public static T Of<T>(Account a) where T : AccountEvent, new() =>
        new() { Id = PublicId.Of<Account>(a.Id), Number = a.Number, Name = a.Name, Email = a.Email, Slug = a.Slug, Test = a.Test, Version = a.Version };
}

[EventType("account.created")]
public sealed record AccountCreated : AccountEvent;

[EventType("account.updated")]
public sealed record AccountUpdated : AccountEvent;

/// <summary>
/// The account was brought in from another Steward database (<c>steward import</c>) with its rows and
/// its events, which precede this one in the log. Nothing of it was cached before, so nothing is dropped.
/// </summary>
[EventType("account.imported")]
public sealed record AccountImported : AccountEvent
{
    /// <summary>How many rows came in, events included.</summary>
    public int Rows { get; init; }
}

[EventType("account.deleted")]
public sealed record AccountDeleted : AccountEvent
{
    /// <summary>The event does not list the account's organisations, users and keys; deleting an account is rare.</summary>
    public override void Invalidate(ReadCache cache) => cache.Clear();
}

/// <summary>The data of every organisation event.</summary>
public abstract record OrganisationEvent : StewardEvent
{
    public string Id { get; init; } = "";

    public string AccountId { get; init; } = "";

    public string Name { get; init; } = "";

    public string? DomainName { get; init; }

    public string? Description { get; init; }

    public int Version { get; init; }

    public override string SubjectId => Id;

    public override void Invalidate(ReadCache cache)
    {
        if (PublicId.TryParse<Organisation>(Id, out var id))
        {
            cache.Remove(new OrganisationCacheKey(id));
        }
    }

    public static T Of<T>(Organisation o) where T : OrganisationEvent, new() => new()
    {
        Id = PublicId.Of<Organisation>(o.Id),
        AccountId = PublicId.Of<Account>(o.AccountId),
        Name = o.Name,
        DomainName = o.DomainName,
        Description = o.Description,
        Version = o.Version,
    };
}

[EventType("organisation.created")]
public sealed record OrganisationCreated : OrganisationEvent;

[EventType("organisation.updated")]
public sealed record OrganisationUpdated : OrganisationEvent;

[EventType("organisation.deleted")]
public sealed record OrganisationDeleted : OrganisationEvent
{
    /// <summary>Its members' roles and its users' keys go with it; which users they were, the event does not say.</summary>
    public override void Invalidate(ReadCache cache)
    {
        base.Invalidate(cache);
        if (PublicId.TryParse<Organisation>(Id, out var id))
        {
            cache.RemoveWhere<MembershipsCacheKey>((_, roles) => roles is IReadOnlyDictionary<Guid, MembershipRole> r && r.ContainsKey(id));
            cache.RemoveWhere<CredentialCacheKey>((_, c) => c is CredentialSnapshot s && (s.OrganisationId == id || s.OwnerId == id));
        }
    }
}

/// <summary>The data of every unit event.</summary>
public abstract record UnitEvent : StewardEvent
{
    public string Id { get; init; } = "";

    public string OrganisationId { get; init; } = "";

    public string Name { get; init; } = "";

    public int BillingDay { get; init; }

    public string? OwnerUserId { get; init; }

    public int Version { get; init; }

    public override string SubjectId => Id;

    public override void Invalidate(ReadCache cache)
    {
        if (PublicId.TryParse<Unit>(Id, out var id))
        {
            cache.Remove(new UnitCacheKey(id));
        }
    }

    public static T Of<T>(Unit u) where T : UnitEvent, new() => new()
    {
        Id = PublicId.Of<Unit>(u.Id),
        OrganisationId = PublicId.Of<Organisation>(u.OrganisationId),
        Name = u.Name,
        BillingDay = u.BillingDay,
        OwnerUserId = u.OwnerUserId is { } o ? PublicId.Of<User>(o) : null,
        Version = u.Version,
    };
}

[EventType("unit.created")]
public sealed record UnitCreated : UnitEvent;

[EventType("unit.updated")]
public sealed record UnitUpdated : UnitEvent;

[EventType("unit.deleted")]
public sealed record UnitDeleted : UnitEvent;

/// <summary>
/// The data of every membership event; its subject is the member. <see cref="Version"/> is absent
/// when the membership was made with its organisation (the creating user becomes the owner).
/// </summary>
public abstract record MembershipEvent : StewardEvent
{
    public string OrganisationId { get; init; } = "";

    public string UserId { get; init; } = "";

    public MembershipRole Role { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Version { get; init; }

    public override string SubjectId => UserId;

    public override void Invalidate(ReadCache cache)
    {
        if (PublicId.TryParse<User>(UserId, out var user))
        {
            cache.Remove(new MembershipsCacheKey(user));
        }
    }

    public static T Of<T>(Membership m) where T : MembershipEvent, new() => new()
    {
        OrganisationId = PublicId.Of<Organisation>(m.OrganisationId),
        UserId = PublicId.Of<User>(m.UserId),
        Role = m.Role,
        Version = m.Version,
    };
}

[EventType("membership.created")]
public sealed record MembershipCreated : MembershipEvent;

[EventType("membership.updated")]
public sealed record MembershipUpdated : MembershipEvent;

[EventType("membership.deleted")]
public sealed record MembershipDeleted : MembershipEvent;
