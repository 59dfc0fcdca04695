using Steward.Core.Events;
using Steward.Core.Ids;

namespace Steward.Core.Billing;

/// <summary>The data of every reservation event: the reservation after the change.</summary>
public abstract record ReservationEvent : StewardEvent
{
    public string Id { get; init; } = "";

    public string ProductId { get; init; } = "";

    public string MerchantId { get; init; } = "";

    public decimal Coins { get; init; }

    public string State { get; init; } = "";

    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>The charge line's amount, once settled.</summary>
    public decimal? SettledCoins { get; init; }

    public override string SubjectId => Id;

    public static T Of<T>(Reservation r) where T : ReservationEvent, new() => new()
    {
        Id = PublicId.Of<Reservation>(r.Id),
        ProductId = PublicId.Of<Product>(r.ProductId),
        MerchantId = PublicId.Of<Merchant>(r.MerchantId),
        Coins = r.Coins,
        State = ReservationStates.Name(r.State),
        ExpiresAt = r.ExpiresAt,
        ClosedAt = r.ClosedAt,
        SettledCoins = r.SettledCoins,
    };
}

/// <summary>
/// A merchant's reservations were stored (the spend check said yes): one event per write, merchant and
/// account, listing them (reservations are stored many at a time, as charge lines are).
/// </summary>
[EventType("reservations.created")]
public sealed record ReservationsCreated : StewardEvent
{
    public string MerchantId { get; init; } = "";

    /// <summary>Their sum.</summary>
    public decimal Coins { get; init; }

    public IReadOnlyList<CreatedReservation> Reservations { get; init; } = [];

    public override string SubjectId => MerchantId;
}

/// <summary>One reservation of a <see cref="ReservationsCreated"/> event.</summary>
public sealed record CreatedReservation(string Id, string ProductId, decimal Coins, DateTimeOffset ExpiresAt);

/// <summary>A reservation became a charge line (also recorded as <c>charges.recorded</c>).</summary>
[EventType("reservation.settled")]
public sealed record ReservationSettled : ReservationEvent;

[EventType("reservation.released")]
public sealed record ReservationReleased : ReservationEvent;

/// <summary>Neither settled nor released by its expiry; written by the sweeper (actor <c>system</c>) or by the first call that found it expired.</summary>
[EventType("reservation.expired")]
public sealed record ReservationExpired : ReservationEvent;

/// <summary>The wire names of <see cref="ReservationState"/>.</summary>
public static class ReservationStates
{
    public static string Name(ReservationState state) => state switch
    {
        ReservationState.Open => "open",
        ReservationState.Settled => "settled",
        ReservationState.Released => "released",
        _ => "expired",
    };
}
