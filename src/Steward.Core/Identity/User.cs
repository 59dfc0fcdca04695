using System.Linq.Expressions;
using Steward.Core.Access;
using Steward.Core.Tenancy;
using Steward.Core.Ids;

namespace Steward.Core.Identity;

/// <summary>A person or service user of an account, optionally homed in one organisation.</summary>
public sealed class User : IPublicEntity, ITenantScoped<User>
{
    public static string IdPrefix => "user";

    public Guid Id { get; set; }

    public Guid AccountId { get; set; }

    /// <summary>The home organisation (a Kandy domain); usernames are unique within it, or within the account when null.</summary>
    public Guid? OrganisationId { get; set; }

    /// <summary>The organisation id, or the account id for account-level users: the scope in which the username is unique.</summary>
    public Guid UsernameScope { get; set; }

    public string Username { get; set; } = "";

    public string? Email { get; set; }

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? PhoneNumber { get; set; }

    public string? CountryCode { get; set; }

    /// <summary>PBKDF2 hash of the password, when the user has one.</summary>
    public string? PasswordHash { get; set; }

    public string? ExternalId { get; set; }

    /// <summary>The account-level admin role (a realm token's <c>admin</c> role): set only by the account or root.</summary>
    public bool IsAdmin { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public int Version { get; set; }

    public static Expression<Func<User, bool>> OfOrganisation(Guid organisationId) => u => u.OrganisationId == organisationId;

    /// <summary>A user sees itself and the users of organisations it is an owner or admin of.</summary>
    public static Expression<Func<User, bool>> VisibleToUser(Guid userId, IQueryable<Membership> memberships) =>
        u => u.Id == userId || memberships.Any(m =>
            m.UserId == userId && m.OrganisationId == u.OrganisationId && m.Role != MembershipRole.Member);
}
