using System.Linq.Expressions;
using Steward.Core.Access;
using Steward.Core.Ids;

namespace Steward.Core.Tenancy;

/// <summary>An organisation in an account (a Kandy domain, an HSP client, an AS organisation).</summary>
public sealed class Organisation : IPublicEntity, ITenantScoped<Organisation>
{
    public static string IdPrefix => "org";

    public Guid Id { get; set; }

    public Guid AccountId { get; set; }

    /// <summary>Unique within the account.</summary>
    public string Name { get; set; } = "";

    /// <summary>Optional DNS-style name, unique across the whole server (Kandy's <c>domain_name</c>).</summary>
    public string? DomainName { get; set; }

    public string? Description { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public int Version { get; set; }

    public static Expression<Func<Organisation, bool>> OfOrganisation(Guid organisationId) => o => o.Id == organisationId;

    /// <summary>A user sees the organisations it is a member of, whatever its role.</summary>
    public static Expression<Func<Organisation, bool>> VisibleToUser(Guid userId, IQueryable<Membership> memberships) =>
        o => memberships.Any(m => m.OrganisationId == o.Id && m.UserId == userId);
}
