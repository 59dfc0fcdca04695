using Microsoft.AspNetCore.Http.HttpResults;
using Steward.Core.Billing;
using Steward.Core.Ids;
using Steward.Server.Api.Wire;
using Steward.Server.Auth;
using Steward.Server.Hosting;

namespace Steward.Server.Api;

/// <summary>The spend check: a merchant reserves coins of a product before paid work, then settles or releases them.</summary>
public static class ReservationsApi
{
    public static RouteGroupBuilder MapReservationsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/products/{id}/reservations", Reserve).WithTags("Reservations").WithName("ReserveCoins")
            .WithSummary("May this product spend N coins now? 201 holds them (until settled, released or ttl_seconds pass, default 300); 409 limit-reached when used + reserved + N would pass the limit. Merchant token.")
            .Accepts<ReservationRequest>("application/json");

        var group = api.MapGroup("/reservations").WithTags("Reservations");
        group.MapGet("/{id}", Get).WithName("GetReservation").WithSummary("Read a reservation (its merchant, root, and the product's readers).");
        group.MapPost("/{id}/settle", Settle).WithName("SettleReservation")
            .WithSummary("Turn the reservation into a charge line of the actual coins; settling again changes nothing.").Accepts<SettlementRequest>("application/json");
        group.MapDelete("/{id}", Release).WithName("ReleaseReservation").WithSummary("Give the reserved coins back; releasing again changes nothing.");
        return group;
    }

    private static async Task<Results<Created<ReservationResource>, ProblemHttpResult>> Reserve(HttpContext http, ReservationService reservations, Id<Product> id)
    {
        var body = await JsonBody.ReadAsync<ReservationRequest>(http.Request, StewardJson.Options);
        if (body.Error is { } error)
        {
            return Problems.From(error);
        }

        var b = body.Value;
        var result = await reservations.ReserveAsync(http.GetPrincipal(), id.Value, new ReservationInput(Amount.Text(b.Coins), b.TtlSeconds, b.Username, b.Name), http.RequestAborted);
        return Http.Created(http, result, ReservationResource.From, r => "/api/v1/reservations/" + r.Id);
    }

    private static async Task<Results<Ok<ReservationResource>, ProblemHttpResult>> Get(HttpContext http, ReservationService reservations, Id<Reservation> id) =>
        Http.Ok(await reservations.GetAsync(http.GetPrincipal(), id.Value, http.RequestAborted), ReservationResource.From);

    private static async Task<Results<Ok<ReservationResource>, ProblemHttpResult>> Settle(HttpContext http, ReservationService reservations, Id<Reservation> id)
    {
        var body = await JsonBody.ReadAsync<SettlementRequest>(http.Request, StewardJson.Options);
        if (body.Error is { } error)
        {
            return Problems.From(error);
        }

        var b = body.Value;
        return Http.Ok(await reservations.SettleAsync(http.GetPrincipal(), id.Value, new SettlementInput(Amount.Text(b.Coins), b.Username, b.Name), http.RequestAborted), ReservationResource.From);
    }

    private static async Task<Results<Ok<ReservationResource>, ProblemHttpResult>> Release(HttpContext http, ReservationService reservations, Id<Reservation> id) =>
        Http.Ok(await reservations.ReleaseAsync(http.GetPrincipal(), id.Value, http.RequestAborted), ReservationResource.From);
}
