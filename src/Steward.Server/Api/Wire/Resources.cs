using System.Text.Json;
using Steward.Core.Access;
using Steward.Core.Events;
using Steward.Core.Identity;
using Steward.Core.Ids;
using Steward.Core.Tenancy;
using UnitEntity = Steward.Core.Tenancy.Unit;

namespace Steward.Server.Api.Wire;

// The native API's resource shapes (snake_case on the wire), and their mapping from core entities.

public sealed record ItemList<T>(IReadOnlyList<T> Items, string? NextCursor);

public sealed record AccountResource(string Id, long Number, string Name, string Email, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version)
{
    public static AccountResource From(Account a) =>
        new(PublicId.Of<Account>(a.Id), a.Number, a.Name, a.Email, a.CreatedAt, a.UpdatedAt, a.Version);
}

/// <summary>A new account with its first credential; the secret is shown this once.</summary>
public sealed record CreatedAccountResource(string Id, long Number, string Name, string Email, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version, string CredentialId, string ApiKey, string ApiSecret)
{
    public static CreatedAccountResource From(CreatedAccount c) =>
        new(PublicId.Of<Account>(c.Account.Id), c.Account.Number, c.Account.Name, c.Account.Email, c.Account.CreatedAt, c.Account.UpdatedAt, c.Account.Version,
            PublicId.Of<Credential>(c.Credential.Credential.Id), c.Credential.Credential.ApiKey, c.Credential.Secret);
}

public sealed record OrganisationResource(string Id, string AccountId, string Name, string? DomainName, string? Description, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version)
{
    public static OrganisationResource From(Organisation o) =>
        new(PublicId.Of<Organisation>(o.Id), PublicId.Of<Account>(o.AccountId), o.Name, o.DomainName, o.Description, o.CreatedAt, o.UpdatedAt, o.Version);
}

public sealed record CreatedOrganisationResource(string Id, string AccountId, string Name, string? DomainName, string? Description, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version, string CredentialId, string ApiKey, string ApiSecret)
{
    public static CreatedOrganisationResource From(CreatedOrganisation c)
    {
        var o = c.Organisation;
        return new(PublicId.Of<Organisation>(o.Id), PublicId.Of<Account>(o.AccountId), o.Name, o.DomainName, o.Description, o.CreatedAt, o.UpdatedAt, o.Version,
            PublicId.Of<Credential>(c.Credential.Credential.Id), c.Credential.Credential.ApiKey, c.Credential.Secret);
    }
}

public sealed record UnitResource(string Id, string OrganisationId, string Name, int BillingDay, string? OwnerUserId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version)
{
    public static UnitResource From(UnitEntity u) =>
        new(PublicId.Of<Unit>(u.Id), PublicId.Of<Organisation>(u.OrganisationId), u.Name, u.BillingDay,
            u.OwnerUserId is { } owner ? PublicId.Of<User>(owner) : null, u.CreatedAt, u.UpdatedAt, u.Version);
}

public sealed record UserResource(
    string Id, string AccountId, string? OrganisationId, string Username, string? Email, string? FirstName, string? LastName,
    string? PhoneNumber, string? CountryCode, string? ExternalId, bool HasPassword, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version)
{
    public static UserResource From(User u) =>
        new(PublicId.Of<User>(u.Id), PublicId.Of<Account>(u.AccountId),
            u.OrganisationId is { } o ? PublicId.Of<Organisation>(o) : null,
            u.Username, u.Email, u.FirstName, u.LastName, u.PhoneNumber, u.CountryCode, u.ExternalId, u.PasswordHash is not null, u.CreatedAt, u.UpdatedAt, u.Version);
}

public sealed record CreatedUserResource(
    string Id, string AccountId, string? OrganisationId, string Username, string? Email, string? FirstName, string? LastName,
    string? PhoneNumber, string? CountryCode, string? ExternalId, bool HasPassword, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version,
    string CredentialId, string ApiKey, string ApiSecret)
{
    public static CreatedUserResource From(CreatedUser c)
    {
        var u = UserResource.From(c.User);
        return new(u.Id, u.AccountId, u.OrganisationId, u.Username, u.Email, u.FirstName, u.LastName, u.PhoneNumber, u.CountryCode, u.ExternalId, u.HasPassword, u.CreatedAt, u.UpdatedAt, u.Version,
            PublicId.Of<Credential>(c.Credential.Credential.Id), c.Credential.Credential.ApiKey, c.Credential.Secret);
    }
}

public sealed record MembershipResource(string OrganisationId, string UserId, MembershipRole Role, DateTimeOffset CreatedAt, int Version)
{
    public static MembershipResource From(Membership m) =>
        new(PublicId.Of<Organisation>(m.OrganisationId), PublicId.Of<User>(m.UserId), m.Role, m.CreatedAt, m.Version);
}

public sealed record DeviceResource(string Id, string UserId, string? NativeId, string? Family, string? Name, string? ClientSwVersion, string? OsVersion, DateTimeOffset CreatedAt)
{
    public static DeviceResource From(Device d) =>
        new(PublicId.Of<Device>(d.Id), PublicId.Of<User>(d.UserId), d.NativeId, d.Family, d.Name, d.ClientSoftwareVersion, d.OsVersion, d.CreatedAt);
}

public sealed record CredentialResource(string Id, PrincipalKind OwnerKind, string OwnerId, string ApiKey, string? Label, bool IsPrimary, DateTimeOffset CreatedAt, DateTimeOffset? RotatedAt, DateTimeOffset? RevokedAt, int Version)
{
    public static CredentialResource From(Credential c) =>
        new(PublicId.Of<Credential>(c.Id), c.OwnerKind, PrincipalKinds.PublicIdOf(c.OwnerKind, c.OwnerId), c.ApiKey, c.Label, c.IsPrimary, c.CreatedAt, c.RotatedAt, c.RevokedAt, c.Version);
}

/// <summary>A credential with its secret, shown once at creation or rotation.</summary>
public sealed record IssuedCredentialResource(string Id, PrincipalKind OwnerKind, string OwnerId, string ApiKey, string ApiSecret, string? Label, bool IsPrimary, DateTimeOffset CreatedAt, DateTimeOffset? RotatedAt)
{
    public static IssuedCredentialResource From(IssuedCredential i)
    {
        var c = i.Credential;
        return new(PublicId.Of<Credential>(c.Id), c.OwnerKind, PrincipalKinds.PublicIdOf(c.OwnerKind, c.OwnerId), c.ApiKey, i.Secret, c.Label, c.IsPrimary, c.CreatedAt, c.RotatedAt);
    }
}

public sealed record EventResource(long Id, string Type, string SubjectId, string? AccountId, string ActorId, JsonElement Data, DateTimeOffset OccurredAt)
{
    public static EventResource From(EventRecord e)
    {
        using var data = JsonDocument.Parse(e.Data);
        return new(e.Sequence, e.Type, e.SubjectId, e.AccountId is { } a ? PublicId.Of<Account>(a) : null, e.ActorId, data.RootElement.Clone(), e.OccurredAt);
    }
}

public sealed record TokenResource(string AccessToken, string TokenType, int ExpiresIn, DateTimeOffset ExpiresAt);
