using Steward.Core.Access;
using Steward.Core.Identity;
using Steward.Core.Ids;
using Steward.Core.Tenancy;

namespace Steward.Server.Api.Wire;

// Users and devices on the native wire (snake_case). Request bodies leave every field optional at the JSON level
// so that the core reports all missing or invalid fields at once, by name.

public sealed record UserResource(
    string Id, string AccountId, string? OrganisationId, string Username, string? Email, string? FirstName, string? LastName,
    string? PhoneNumber, string? CountryCode, string? ExternalId, bool HasPassword, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version, bool Admin = false)
{
    public static UserResource From(User u) =>
        new(PublicId.Of<User>(u.Id), PublicId.Of<Account>(u.AccountId),
            u.OrganisationId is { } o ? PublicId.Of<Organisation>(o) : null,
            u.Username, u.Email, u.FirstName, u.LastName, u.PhoneNumber, u.CountryCode, u.ExternalId, u.PasswordHash is not null, u.CreatedAt, u.UpdatedAt, u.Version, u.IsAdmin);
}

public sealed record CreatedUserResource(
    string Id, string AccountId, string? OrganisationId, string Username, string? Email, string? FirstName, string? LastName,
    string? PhoneNumber, string? CountryCode, string? ExternalId, bool HasPassword, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version,
    string CredentialId, string ApiKey, string ApiSecret, bool Admin = false)
{
    public static CreatedUserResource From(CreatedUser c)
    {
        var u = UserResource.From(c.User);
        return new(u.Id, u.AccountId, u.OrganisationId, u.Username, u.Email, u.FirstName, u.LastName, u.PhoneNumber, u.CountryCode, u.ExternalId, u.HasPassword, u.CreatedAt, u.UpdatedAt, u.Version,
            PublicId.Of<Credential>(c.Credential.Credential.Id), c.Credential.Credential.ApiKey, c.Credential.Secret, u.Admin);
    }
}

public sealed record DeviceResource(string Id, string UserId, string? NativeId, string? Family, string? Name, string? ClientSwVersion, string? OsVersion, DateTimeOffset CreatedAt)
{
    public static DeviceResource From(Device d) =>
        new(PublicId.Of<Device>(d.Id), PublicId.Of<User>(d.UserId), d.NativeId, d.Family, d.Name, d.ClientSoftwareVersion, d.OsVersion, d.CreatedAt);
}

public sealed record UserRequest(
    string? Username,
    string? Email,
    string? FirstName,
    string? LastName,
    string? PhoneNumber,
    string? CountryCode,
    string? Password,
    string? OrganisationId,
    string? ExternalId,
    string? AccountId,
    bool? Admin = null);

public sealed record DeviceRequest(string? NativeId, string? Family, string? Name, string? ClientSwVersion, string? OsVersion);
