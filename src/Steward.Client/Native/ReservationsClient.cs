namespace Steward.Client;

/// <summary>
/// The spend check, <c>/api/v1/products/{id}/reservations</c> and <c>/api/v1/reservations</c>: before
/// paid work a merchant reserves coins of a product; afterwards it settles them (a charge line of the
/// actual amount) or releases them. Reach it as <see cref="StewardClient.Reservations"/>.
/// </summary>
public sealed class ReservationsClient
{
    private readonly NativeTransport transport;

    internal ReservationsClient(NativeTransport transport) => this.transport = transport;

    /// <summary>
    /// Reserves coins of a product with a merchant's token. When the product's used and reserved coins
    /// plus these would pass its limit, throws <see cref="StewardApiException"/> with status 409 and
    /// problem code <c>limit-reached</c>.
    /// </summary>
    /// <param name="productId">The product's public id, <c>product-…</c>.</param>
    /// <param name="coins">Coins to hold, above 0, at most 9 decimal places.</param>
    /// <param name="ttlSeconds">How long to hold them unless settled or released (1..86400; the server's default, 300, when null).</param>
    /// <param name="username">Who the work is for (the settled line's username).</param>
    /// <param name="name">What the work is (the settled line's name).</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<Reservation> ReserveAsync(string productId, decimal coins, int? ttlSeconds = null, string? username = null, string? name = null, CancellationToken ct = default) =>
        transport.SendAsync<Reservation>(HttpMethod.Post, $"/api/v1/products/{NativeTransport.Segment(productId)}/reservations",
            new { coins, ttl_seconds = ttlSeconds, username, name }, ct);

    /// <summary>Reads a reservation.</summary>
    /// <param name="id">The reservation's public id, <c>resv-…</c>.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<Reservation> GetAsync(string id, CancellationToken ct = default) =>
        transport.SendAsync<Reservation>(HttpMethod.Get, "/api/v1/reservations/" + NativeTransport.Segment(id), null, ct);

    /// <summary>Turns a reservation into a charge line of the actual coins (more or less than reserved); settling again changes nothing.</summary>
    /// <param name="id">The reservation's public id.</param>
    /// <param name="coins">The actual coins, 0 or more.</param>
    /// <param name="username">The line's username, when not the reservation's.</param>
    /// <param name="name">The line's name, when not the reservation's.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<Reservation> SettleAsync(string id, decimal coins, string? username = null, string? name = null, CancellationToken ct = default) =>
        transport.SendAsync<Reservation>(HttpMethod.Post, $"/api/v1/reservations/{NativeTransport.Segment(id)}/settle", new { coins, username, name }, ct);

    /// <summary>Gives the reserved coins back; releasing again changes nothing.</summary>
    /// <param name="id">The reservation's public id.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<Reservation> ReleaseAsync(string id, CancellationToken ct = default) =>
        transport.SendAsync<Reservation>(HttpMethod.Delete, "/api/v1/reservations/" + NativeTransport.Segment(id), null, ct);
}
