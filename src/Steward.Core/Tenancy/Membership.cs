using System.Linq.Expressions;
using Steward.Core.Access;

namespace Steward.Core.Tenancy;

/// <summary>A user's role in an organisation.</summary>
public sealed class Membership : ITenantScoped<Membership>
{
    public Guid Id { get; set; }

    public Guid AccountId { get; set; }

    public Guid OrganisationId { get; set; }

    public Guid UserId { get; set; }

    public MembershipRole Role { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public int Version { get; set; }

    public static Expression<Func<Membership, bool>> OfOrganisation(Guid organisationId) => m => m.OrganisationId == organisationId;

    /// <summary>A user sees the members of the organisations it is a member of.</summary>
    public static Expression<Func<Membership, bool>> VisibleToUser(Guid userId, IQueryable<Membership> memberships) =>
        m => memberships.Any(mine => mine.OrganisationId == m.OrganisationId && mine.UserId == userId);
}

public enum MembershipRole
{
    Member = 0,
    Admin = 1,
    Owner = 2,
}
