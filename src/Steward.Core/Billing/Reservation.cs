using Steward.Core.Ids;

namespace Steward.Core.Billing;

/// <summary>Where a reservation stands. Stored as its number; never renumber.</summary>
public enum ReservationState
{
    /// <summary>Holding its coins against the product's limit until it expires.</summary>
    Open = 0,

    /// <summary>Turned into a charge line for the actual amount.</summary>
    Settled = 1,

    /// <summary>Given back by the merchant (or root) before it expired.</summary>
    Released = 2,

    /// <summary>Neither settled nor released in time; its coins went back at <see cref="Reservation.ExpiresAt"/>.</summary>
    Expired = 3,
}

/// <summary>
/// Coins a merchant holds against a product's limit before doing paid work (the spend check). It is
/// closed exactly once: settled into a charge line, released, or expired. The product's unit,
/// organisation and account are copied so that a settlement needs no join.
/// </summary>
public sealed class Reservation : IPublicEntity
{
    public static string IdPrefix => "resv";

    public Guid Id { get; set; }

    public Guid AccountId { get; set; }

    public Guid OrganisationId { get; set; }

    public Guid UnitId { get; set; }

    public Guid ProductId { get; set; }

    public Guid MerchantId { get; set; }

    /// <summary>
    /// The instance whose lease of the product's budget holds the coins (<see cref="SpendLease"/>);
    /// <see cref="Guid.Empty"/> when the server runs without leases (one instance, the whole budget in memory).
    /// </summary>
    public Guid LeaseInstanceId { get; set; }

    public decimal Coins { get; set; }

    public ReservationState State { get; set; }

    /// <summary>Who the work is for; the settled charge line's username unless the settlement names another.</summary>
    public string? Username { get; set; }

    /// <summary>What the work is; the settled charge line's name unless the settlement names another.</summary>
    public string? Name { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When it was settled, released or expired.</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>The charge line's amount, once settled.</summary>
    public decimal? SettledCoins { get; set; }

    public int Version { get; set; }

    /// <summary>Open and not yet past its expiry at <paramref name="now"/>.</summary>
    public bool HoldsAt(DateTimeOffset now) => State == ReservationState.Open && ExpiresAt > now;
}
