using Steward.Core.Access;
using Steward.Core.Identity;
using Steward.Core.Ids;
using Steward.Core.Tenancy;
using UnitEntity = Steward.Core.Tenancy.Unit;

namespace Steward.Server.Api.Wire;

// Accounts, organisations, units and memberships on the native wire (snake_case). Request bodies leave every field optional at the JSON level
// so that the core reports all missing or invalid fields at once, by name.

public sealed record AccountResource(string Id, long Number, string Name, string Email, string Slug, bool Test, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version)
{
    public static AccountResource From(Account a) =>
        new(PublicId.Of<Account>(a.Id), a.Number, a.Name, a.Email, a.Slug, a.Test, a.CreatedAt, a.UpdatedAt, a.Version);
}

public sealed record CreatedAccountResource(
    string Id, long Number, string Name, string Email, string Slug, bool Test, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version,
    string CredentialId, string ApiKey, string ApiSecret)
{
    public static CreatedAccountResource From(CreatedAccount c) =>
        new(PublicId.Of<Account>(c.Account.Id), c.Account.Number, c.Account.Name, c.Account.Email, c.Account.Slug, c.Account.Test,
            c.Account.CreatedAt, c.Account.UpdatedAt, c.Account.Version,
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

public sealed record MembershipResource(string OrganisationId, string UserId, MembershipRole Role, DateTimeOffset CreatedAt, int Version)
{
    public static MembershipResource From(Membership m) =>
        new(PublicId.Of<Organisation>(m.OrganisationId), PublicId.Of<User>(m.UserId), m.Role, m.CreatedAt, m.Version);
}

public sealed record AccountRequest(string? Name, string? Email, string? Slug, bool? Test);

public sealed record OrganisationRequest(string? Name, string? DomainName, string? Description, string? AccountId);

public sealed record UnitRequest(string? Name, int? BillingDay, string? OwnerUserId);

public sealed record MembershipRequest(string? UserId, string? Role);

public sealed record RoleRequest(string? Role);
