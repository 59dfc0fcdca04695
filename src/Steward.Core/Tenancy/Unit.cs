using System.Linq.Expressions;
using Steward.Core.Access;
using Steward.Core.Ids;

namespace Steward.Core.Tenancy;

/// <summary>A billing unit inside an organisation; a personal unit belongs to one user.</summary>
public sealed class Unit : IPublicEntity, ITenantScoped<Unit>
{
    public static string IdPrefix => "unit";

    public Guid Id { get; set; }

    public Guid AccountId { get; set; }

    public Guid OrganisationId { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Day of the month (1..28) on which the unit's billing period starts.</summary>
    public int BillingDay { get; set; }

    public Guid? OwnerUserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public int Version { get; set; }

    public static Expression<Func<Unit, bool>> OfOrganisation(Guid organisationId) => u => u.OrganisationId == organisationId;

    /// <summary>A user sees the units of organisations it is a member of, and its personal units.</summary>
    public static Expression<Func<Unit, bool>> VisibleToUser(Guid userId, IQueryable<Membership> memberships) =>
        u => u.OwnerUserId == userId || memberships.Any(m => m.OrganisationId == u.OrganisationId && m.UserId == userId);
}
