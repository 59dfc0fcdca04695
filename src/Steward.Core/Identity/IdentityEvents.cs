using Steward.Core.Access;
using Steward.Core.Caching;
using Steward.Core.Events;
using Steward.Core.Ids;
using Steward.Core.Tenancy;

namespace Steward.Core.Identity;

/// <summary>The data of every user event.</summary>
public abstract record UserEvent : StewardEvent
{
    public string Id { get; init; } = "";

    public string AccountId { get; init; } = "";

    public string? OrganisationId { get; init; }

    public string Username { get; init; } = "";

    public string? Email { get; init; }

    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public string? PhoneNumber { get; init; }

    public string? CountryCode { get; init; }

    public bool Admin { get; init; }

    public int Version { get; init; }

    public override string SubjectId => Id;

    public override void Invalidate(ReadCache cache)
    {
        if (PublicId.TryParse<User>(Id, out var id))
        {
            cache.Remove(new MembershipsCacheKey(id));
        }
    }

    public static T Of<T>(User u) where T : UserEvent, new() => new()
    {
        Id = PublicId.Of<User>(u.Id),
        AccountId = PublicId.Of<Account>(u.AccountId),
        OrganisationId = u.OrganisationId is { } o ? PublicId.Of<Organisation>(o) : null,
        Username = u.Username,
        Email = u.Email,
        FirstName = u.FirstName,
        LastName = u.LastName,
        PhoneNumber = u.PhoneNumber,
        CountryCode = u.CountryCode,
        Admin = u.IsAdmin,
        Version = u.Version,
    };
}

[EventType("user.created")]
public sealed record UserCreated : UserEvent;

[EventType("user.updated")]
public sealed record UserUpdated : UserEvent;

[EventType("user.deleted")]
public sealed record UserDeleted : UserEvent
{
    /// <summary>The user's keys go with it.</summary>
    public override void Invalidate(ReadCache cache)
    {
        base.Invalidate(cache);
        if (PublicId.TryParse<User>(Id, out var id))
        {
            cache.RemoveWhere<CredentialCacheKey>((_, c) => c is CredentialSnapshot s && s.OwnerId == id);
        }
    }
}

/// <summary>The data of every device event.</summary>
public abstract record DeviceEvent : StewardEvent
{
    public string Id { get; init; } = "";

    public string UserId { get; init; } = "";

    public string? DeviceNativeId { get; init; }

    public string? DeviceFamily { get; init; }

    public string? DeviceName { get; init; }

    public string? ClientSwVersion { get; init; }

    public string? DeviceOsVersion { get; init; }

    public override string SubjectId => Id;

    public static T Of<T>(Device d) where T : DeviceEvent, new() => new()
    {
        Id = PublicId.Of<Device>(d.Id),
        UserId = PublicId.Of<User>(d.UserId),
        DeviceNativeId = d.NativeId,
        DeviceFamily = d.Family,
        DeviceName = d.Name,
        ClientSwVersion = d.ClientSoftwareVersion,
        DeviceOsVersion = d.OsVersion,
    };
}

[EventType("device.created")]
public sealed record DeviceCreated : DeviceEvent;

[EventType("device.deleted")]
public sealed record DeviceDeleted : DeviceEvent;
