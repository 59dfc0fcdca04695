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

    private static async Task<Results<Created<UnitResource>, ProblemHttpResult>> Create(HttpContext http, UnitService units, string organisationId)
    {
        var org = Http.Id(PublicId.Organisation, organisationId, "Organisation");
        var body = await JsonBody.ReadAsync<UnitRequest>(http.Request, StewardJson.Options);
        if ((org.Error ?? body.Error) is { } error)
        {
            return Problems.From(error);
        }

        var owner = Http.OptionalId(PublicId.User, body.Value.OwnerUserId, "owner_user_id");
        if (!owner.IsSuccess)
        {
            return Problems.From(owner.Error!);
        }

        var result = await units.CreateAsync(http.GetPrincipal(), org.Value, new UnitInput(body.Value.Name, body.Value.BillingDay, owner.Value), http.RequestAborted);
        return Http.Created(http, result, UnitResource.From, u => "/api/v1/units/" + u.Id, u => u.Version);
    }

    private static async Task<Results<Ok<ItemList<UnitResource>>, ProblemHttpResult>> List(HttpContext http, UnitService units, string organisationId, int? limit, string? cursor)
    {
        var org = Http.Id(PublicId.Organisation, organisationId, "Organisation");
        if (!org.IsSuccess)
        {
            return Problems.From(org.Error!);
        }

        return Http.Page(await units.ListAsync(http.GetPrincipal(), org.Value, limit, cursor, http.RequestAborted), UnitResource.From);
    }

    private static async Task<Results<Ok<UnitResource>, ProblemHttpResult>> Get(HttpContext http, UnitService units, string id)
    {
        var parsed = Http.Id(PublicId.Unit, id, "Unit");
        if (!parsed.IsSuccess)
        {
            return Problems.From(parsed.Error!);
        }

        return Http.Tagged(http, await units.GetAsync(http.GetPrincipal(), parsed.Value, http.RequestAborted), UnitResource.From, u => u.Version);
    }

    private static async Task<Results<Ok<UnitResource>, ProblemHttpResult>> Update(HttpContext http, UnitService units, string id)
    {
        var parsed = Http.Id(PublicId.Unit, id, "Unit");
        var version = Http.IfMatch(http.Request);
        var body = await JsonBody.ReadAsync<UnitRequest>(http.Request, StewardJson.Options);
        if ((parsed.Error ?? version.Error ?? body.Error) is { } error)
        {
            return Problems.From(error);
        }

        var result = await units.UpdateAsync(http.GetPrincipal(), parsed.Value, new UnitInput(body.Value.Name, body.Value.BillingDay), version.Value, http.RequestAborted);
        return Http.Tagged(http, result, UnitResource.From, u => u.Version);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(HttpContext http, UnitService units, string id)
    {
        var parsed = Http.Id(PublicId.Unit, id, "Unit");
        if (!parsed.IsSuccess)
        {
            return Problems.From(parsed.Error!);
        }

        return Http.NoContent(await units.DeleteAsync(http.GetPrincipal(), parsed.Value, http.RequestAborted));
    }
}
