using System.Linq.Expressions;
using Steward.Core.Access;
using Steward.Core.Tenancy;

namespace Steward.Core.Catalog;

/// <summary>
/// A plan (a Spreedly subscription plan, an HSP package) in an account's catalog. What a subscriber
/// pays and gets (the terms) lives in its versions (<see cref="PlanVersion"/>): changing the terms
/// makes a new version, and existing subscriptions keep the version they bought.
/// </summary>
public sealed class Plan : ITenantScoped<Plan>
{
    public Guid Id { get; set; }

    public Guid AccountId { get; set; }

    /// <summary>The plan's integer id, unique on the server (the <c>id</c> faces show).</summary>
    public long Number { get; set; }

    /// <summary>A stable name unique in the account (an HSP package uid); never changes.</summary>
    public string Uid { get; set; } = "";

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    /// <summary>Where the plan sits in lists (ascending; ties by <see cref="Number"/>).</summary>
    public int Position { get; set; }

    public string? ReturnUrl { get; set; }

    /// <summary>A disabled plan is listed but cannot be bought.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>HSP: whether a client on this package may list several mail servers per domain.</summary>
    public bool AllowsMultipleMailServers { get; set; }

    /// <summary>HSP: what the reseller pays per domain, in cents.</summary>
    public long? ResellerDomainCents { get; set; }

    /// <summary>HSP: what the reseller pays per mailbox, in cents.</summary>
    public long? ResellerMailboxCents { get; set; }

    /// <summary>The number of the current terms version (1, 2, …).</summary>
    public int TermsVersion { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency token, incremented on every change; the ETag.</summary>
    public int Version { get; set; }

    /// <summary>In display order: by position, then as given.</summary>
    public List<PlanFeature> Features { get; set; } = [];

    public List<PlanTag> Tags { get; set; } = [];

    /// <summary>Every terms version, oldest first once loaded through the service.</summary>
    public List<PlanVersion> Versions { get; set; } = [];

    /// <summary>The current terms (loaded with <see cref="Versions"/>).</summary>
    public PlanVersion Current => Versions.First(v => v.Number == TermsVersion);

    /// <summary>The account's catalog is visible to everyone in the account.</summary>
    public static Expression<Func<Plan, bool>> OfOrganisation(Guid organisationId) => _ => true;

    public static Expression<Func<Plan, bool>> VisibleToUser(Guid userId, IQueryable<Membership> memberships) => _ => true;
}

/// <summary>One feature of a plan, as listed to buyers (HSP package features).</summary>
public sealed class PlanFeature
{
    /// <summary>An integer id, kept while the feature keeps its name across changes of the plan.</summary>
    public long Id { get; set; }

    public Guid PlanId { get; set; }

    public string Name { get; set; } = "";

    public string? Blurb { get; set; }

    public string? Description { get; set; }

    public int Position { get; set; }
}

/// <summary>A tag of a plan; plans are listed by tag (HSP packages by tag).</summary>
public sealed class PlanTag
{
    public Guid PlanId { get; set; }

    public Guid AccountId { get; set; }

    public string Tag { get; set; } = "";
}
