using System.Linq.Expressions;
using Steward.Core.Access;
using Steward.Core.Ids;
using Steward.Core.Tenancy;

namespace Steward.Core.Catalog;

/// <summary>
/// A subscriber of a subscription site (a Spreedly subscriber): the account's user named by the
/// site's own customer id, with what a site shows of it. The user (account-level, username
/// <c>customer-{id}</c>, its email) is made and removed with it; its subscription, store credit and
/// free-trial eligibility are the user's <see cref="Subscription"/>.
/// </summary>
public sealed class Subscriber : IPublicEntity, ITenantScoped<Subscriber>
{
    public static string IdPrefix => "subscriber";

    public Guid Id { get; set; }

    public Guid AccountId { get; set; }

    public Guid UserId { get; set; }

    /// <summary>The site's id for its customer: digits, unique in the account; may be changed.</summary>
    public long CustomerId { get; set; }

    /// <summary>1, 2, 3… in the account, in order of creation (Spreedly's <c>pagination-id</c>); never changes.</summary>
    public long Number { get; set; }

    public string? ScreenName { get; set; }

    /// <summary>A random token that names the subscriber in links (the sign-up page's token form); unique on the server.</summary>
    public string Token { get; set; } = "";

    public string? BillingFirstName { get; set; }

    public string? BillingLastName { get; set; }

    public string? BillingAddress1 { get; set; }

    public string? BillingCity { get; set; }

    public string? BillingState { get; set; }

    public string? BillingZip { get; set; }

    public string? BillingCountry { get; set; }

    public string? BillingPhoneNumber { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency token, incremented on every change.</summary>
    public int Version { get; set; }

    /// <summary>Subscribers are account-level users: no organisation's credential sees them.</summary>
    public static Expression<Func<Subscriber, bool>> OfOrganisation(Guid organisationId) => _ => false;

    /// <summary>A user sees its own subscriber record.</summary>
    public static Expression<Func<Subscriber, bool>> VisibleToUser(Guid userId, IQueryable<Membership> memberships) =>
        s => s.UserId == userId;
}
