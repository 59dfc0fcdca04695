using Steward.Core.Ids;

namespace Steward.Core.Tenancy;

/// <summary>The tenant root: a developer account, a reseller or a subscription site.</summary>
public sealed class Account : IPublicEntity
{
    public static string IdPrefix => "acct";

    public Guid Id { get; set; }

    /// <summary>A stable number for faces that show one (Kandy's <c>account_number</c>).</summary>
    public long Number { get; set; }

    public string Name { get; set; } = "";

    public string Email { get; set; } = "";

    /// <summary>
    /// Unique on the server: lower-case letters, digits and dashes. Names the account where a face
    /// needs a name in a path (a Keycloak-style realm, a Spreedly site).
    /// </summary>
    public string Slug { get; set; } = "";

    /// <summary>A test account (a Spreedly test site): faces allow what only test sites may do, such as deleting all subscribers.</summary>
    public bool Test { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency token, incremented on every update; the ETag.</summary>
    public int Version { get; set; }
}
