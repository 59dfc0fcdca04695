namespace Steward.Server.Api.Wire;

// Request bodies of the native API. Every field is optional at the JSON level so that the core can
// report all missing or invalid fields at once, by name.

public sealed record AccountRequest(string? Name, string? Email);

public sealed record OrganisationRequest(string? Name, string? DomainName, string? Description, string? AccountId);

public sealed record UnitRequest(string? Name, int? BillingDay, string? OwnerUserId);

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
    string? AccountId);

public sealed record MembershipRequest(string? UserId, string? Role);

public sealed record RoleRequest(string? Role);

public sealed record DeviceRequest(string? NativeId, string? Family, string? Name, string? ClientSwVersion, string? OsVersion);

public sealed record CredentialRequest(string? OwnerId, string? Label);

public sealed record MintTokenRequest(string? UserId);
