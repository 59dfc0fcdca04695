using Microsoft.AspNetCore.Http.HttpResults;
using Steward.Core.Identity;
using Steward.Core.Ids;
using Steward.Core.Storage;
using Steward.Core.Tenancy;
using Steward.Server.Api.Wire;
using Steward.Server.Auth;
using Steward.Server.Hosting;

namespace Steward.Server.Api;

/// <summary>Billing units inside organisations.</summary>
public static class UnitsApi
{
    public static RouteGroupBuilder MapUnitsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/organisations/{organisationId}/units", Create).WithTags("Units").WithName("CreateUnit")
            .WithSummary("Create a unit in an organisation (billing_day 1..28, default 1).").Accepts<UnitRequest>("application/json");
        api.MapGet("/organisations/{organisationId}/units", List).WithTags("Units").WithName("ListUnits").WithSummary("List an organisation's units.");
        var group = api.MapGroup("/units").WithTags("Units");
        group.MapGet("/{id}", Get).WithName("GetUnit").WithSummary("Read a unit.");
        group.MapPatch("/{id}", Update).WithName("UpdateUnit").WithSummary("Change a unit's name or billing day; honours If-Match.").Accepts<UnitRequest>("application/json");
        group.MapDelete("/{id}", Delete).WithName("DeleteUnit").WithSummary("Delete a unit.");
        return group;
    }

    private static async Task<Results<Created<UnitResource>, ProblemHttpResult>> Create(HttpContext http, UnitService units, Id<Organisation> organisationId)
    {
        var body = await JsonBody.ReadAsync<UnitRequest>(http.Request, StewardJson.Options);
        if (body.Error is { } error)
        {
            return Problems.From(error);
        }

        var owner = Http.OptionalId<User>(body.Value.OwnerUserId, "owner_user_id");
        if (!owner.IsSuccess)
        {
            return Problems.From(owner.Error!);
        }

        var result = await units.CreateAsync(http.GetPrincipal(), organisationId.Value, new UnitInput(body.Value.Name, body.Value.BillingDay, owner.Value), http.RequestAborted);
        return Http.Created(http, result, UnitResource.From, u => "/api/v1/units/" + u.Id, u => u.Version);
    }

    private static async Task<Results<Ok<ItemList<UnitResource>>, ProblemHttpResult>> List(HttpContext http, UnitService units, Id<Organisation> organisationId, int? limit, string? cursor)
    {
        return Http.Page(await units.ListAsync(http.GetPrincipal(), organisationId.Value, limit, cursor, http.RequestAborted), UnitResource.From);
    }

    private static async Task<Results<Ok<UnitResource>, ProblemHttpResult>> Get(HttpContext http, UnitService units, Id<Unit> id)
    {
        return Http.Tagged(http, await units.GetAsync(http.GetPrincipal(), id.Value, http.RequestAborted), UnitResource.From, u => u.Version);
    }

    private static async Task<Results<Ok<UnitResource>, ProblemHttpResult>> Update(HttpContext http, UnitService units, Id<Unit> id)
    {
        var version = Http.IfMatch(http.Request);
        var body = await JsonBody.ReadAsync<UnitRequest>(http.Request, StewardJson.Options);
        if ((version.Error ?? body.Error) is { } error)
        {
            return Problems.From(error);
        }

        var result = await units.UpdateAsync(http.GetPrincipal(), id.Value, new UnitInput(body.Value.Name, body.Value.BillingDay), version.Value, http.RequestAborted);
        return Http.Tagged(http, result, UnitResource.From, u => u.Version);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(HttpContext http, UnitService units, Id<Unit> id)
    {
        return Http.NoContent(await units.DeleteAsync(http.GetPrincipal(), id.Value, http.RequestAborted));
    }
}
