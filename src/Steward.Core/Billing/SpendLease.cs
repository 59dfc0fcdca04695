namespace Steward.Core.Billing;

/// <summary>
/// A slice of a product's budget leased by one server instance: that instance may hold open
/// reservations of the product up to <see cref="Coins"/> without asking the database. Leases are
/// granted so that the product's used coins plus every lease never pass its limit (see
/// <see cref="SpendLeases"/>). A settlement shrinks the lease by what it charged; an instance that
/// stops renewing its leases is presumed gone and its leases shrink to the reservations they still hold.
/// </summary>
public sealed class SpendLease
{
    public Guid ProductId { get; set; }

    /// <summary>The instance holding it (a new id every time a server starts).</summary>
    public Guid InstanceId { get; set; }

    public decimal Coins { get; set; }

    /// <summary>Renewed by its instance while it runs; a lease not renewed for long is taken back.</summary>
    public DateTimeOffset RenewedAt { get; set; }

    /// <summary>Its instance stopped renewing it: it now covers only its open reservations and shrinks as they close.</summary>
    public bool Abandoned { get; set; }

    public int Version { get; set; }
}

/// <summary>
/// One row per product whose budget is leased: the turn every lease grant takes (its version is
/// checked and raised by the grant's UPDATE), so that two instances granting at once cannot both
/// count the same room. Only grants change it; shrinking a lease only makes room.
/// </summary>
public sealed class SpendBudget
{
    public Guid ProductId { get; set; }

    /// <summary>When a lease of the product was last granted.</summary>
    public DateTimeOffset GrantedAt { get; set; }

    public int Version { get; set; }
}

/// <summary>
/// A note to the instance that granted a reservation that another instance settled or released it:
/// the granting instance drops it from memory and rereads its lease on its next sweep, instead of
/// holding the coins until the reservation would have expired.
/// </summary>
public sealed class SpendNotice
{
    public long Id { get; set; }

    public Guid InstanceId { get; set; }

    public Guid ProductId { get; set; }

    public Guid ReservationId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
