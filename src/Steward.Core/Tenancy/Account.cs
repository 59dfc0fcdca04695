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

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency token, incremented on every update; the ETag.</summary>
    public int Version { get; set; }
}
