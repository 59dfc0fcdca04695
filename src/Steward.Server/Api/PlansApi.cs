using Microsoft.AspNetCore.Http.HttpResults;
using Steward.Core.Catalog;
using Steward.Core.Results;
using Steward.Core.Tenancy;
using Steward.Server.Api.Wire;
using Steward.Server.Auth;
using Steward.Server.Hosting;

namespace Steward.Server.Api;

/// <summary>Plans in the caller's account's catalog, named by their integer id or their uid.</summary>
public static class PlansApi
{
    public static RouteGroupBuilder MapPlansApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/plans").WithTags("Plans");
        group.MapPost("/", Create).WithName("CreatePlan")
            .WithSummary("Create a plan in the caller's account (root adds account_id); answers it with its integer id and uid.")
            .Accepts<PlanRequest>("application/json");
        group.MapGet("/", List).WithName("ListPlans").WithSummary("List the account's plans by position; filter with tag and enabled.");
        group.MapGet("/{key}", Get).WithName("GetPlan").WithSummary("Read a plan by its integer id or its uid.");
        group.MapPatch("/{key}", Update).WithName("UpdatePlan")
            .WithSummary("Change a plan; a change of its terms makes a new version (subscriptions keep theirs); honours If-Match.")
            .Accepts<PlanRequest>("application/json");
        group.MapDelete("/{key}", Delete).WithName("DeletePlan").WithSummary("Delete a plan nobody subscribed to (otherwise disable it).");
        return group;
    }

    private static async Task<Results<Created<PlanResource>, ProblemHttpResult>> Create(HttpContext http, PlanService plans)
    {
        var body = await JsonBody.ReadAsync<PlanRequest>(http.Request, StewardJson.Options);
        if (body.Error is { } error)
        {
            return Problems.From(error);
        }

        var account = Http.OptionalId<Account>(body.Value.AccountId, "account_id");
        if (!account.IsSuccess)
        {
            return Problems.From(account.Error!);
        }

        var result = await plans.CreateAsync(http.GetPrincipal(), body.Value.ToInput(account.Value), http.RequestAborted);
        return Http.Created(http, result, PlanResource.From, p => "/api/v1/plans/" + p.Id, p => p.Version);
    }

    private static async Task<Results<Ok<ItemList<PlanResource>>, ProblemHttpResult>> List(HttpContext http, PlanService plans, string? tag, bool? enabled)
    {
        var result = await plans.ListAsync(http.GetPrincipal(), tag, enabled, http.RequestAborted);
        return Http.Ok(result, list => new ItemList<PlanResource>([.. list.Select(PlanResource.From)], null));
    }

    private static async Task<Results<Ok<PlanResource>, ProblemHttpResult>> Get(HttpContext http, PlanService plans, string key)
    {
        return Http.Tagged(http, await plans.GetAsync(http.GetPrincipal(), key, http.RequestAborted), PlanResource.From, p => p.Version);
    }

    private static async Task<Results<Ok<PlanResource>, ProblemHttpResult>> Update(HttpContext http, PlanService plans, string key)
    {
        var version = Http.IfMatch(http.Request);
        var body = await JsonBody.ReadAsync<PlanRequest>(http.Request, StewardJson.Options);
        if ((version.Error ?? body.Error) is { } error)
        {
            return Problems.From(error);
        }

        if (body.Value.AccountId is not null)
        {
            return Problems.From(Error.Invalid("account_id", "A plan's account cannot be changed."));
        }

        var result = await plans.UpdateAsync(http.GetPrincipal(), key, body.Value.ToInput(null), version.Value, http.RequestAborted);
        return Http.Tagged(http, result, PlanResource.From, p => p.Version);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(HttpContext http, PlanService plans, string key)
    {
        return Http.NoContent(await plans.DeleteAsync(http.GetPrincipal(), key, http.RequestAborted));
    }
}
