using Steward.Core.Ids;

namespace Steward.Core.Tenancy;

/// <summary>A billing unit inside an organisation; a personal unit belongs to one user.</summary>
public sealed class Unit : IPublicEntity
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
}
