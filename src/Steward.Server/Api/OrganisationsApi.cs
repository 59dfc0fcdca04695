using Microsoft.AspNetCore.Http.HttpResults;
using Steward.Core.Ids;
using Steward.Core.Storage;
using Steward.Core.Tenancy;
using Steward.Server.Api.Wire;
using Steward.Server.Auth;
using Steward.Server.Hosting;

namespace Steward.Server.Api;

/// <summary>Organisations of an account (Kandy domains are organisations too).</summary>
public static class OrganisationsApi
{
    public static RouteGroupBuilder MapOrganisationsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/organisations").WithTags("Organisations");
        group.MapPost("/", Create).WithName("CreateOrganisation").WithSummary("Create an organisation in the caller's account; answers its API key and secret, shown once.")
            .Accepts<OrganisationRequest>("application/json");
        group.MapGet("/", List).WithName("ListOrganisations").WithSummary("List the organisations the caller can see.");
        group.MapGet("/{id}", Get).WithName("GetOrganisation").WithSummary("Read an organisation.");
        group.MapPatch("/{id}", Update).WithName("UpdateOrganisation").WithSummary("Change an organisation; honours If-Match.")
            .Accepts<OrganisationRequest>("application/json");
        group.MapDelete("/{id}", Delete).WithName("DeleteOrganisation").WithSummary("Delete an organisation with its units, memberships and users.");
        return group;
    }

    private static async Task<Results<Created<CreatedOrganisationResource>, ProblemHttpResult>> Create(HttpContext http, OrganisationService organisations)
    {
        var body = await JsonBody.ReadAsync<OrganisationRequest>(http.Request, StewardJson.Options);
        if (!body.IsSuccess)
        {
            return Problems.From(body.Error!);
        }

        var account = Http.OptionalId<Account>(body.Value.AccountId, "account_id");
        if (!account.IsSuccess)
        {
            return Problems.From(account.Error!);
        }

        var b = body.Value;
        var result = await organisations.CreateAsync(http.GetPrincipal(), new OrganisationInput(b.Name, b.DomainName, b.Description, account.Value), http.RequestAborted);
        return Http.Created(http, result, CreatedOrganisationResource.From, o => "/api/v1/organisations/" + o.Id, c => c.Organisation.Version);
    }

    private static async Task<Results<Ok<ItemList<OrganisationResource>>, ProblemHttpResult>> List(HttpContext http, OrganisationService organisations, int? limit, string? cursor) =>
        Http.Page(await organisations.ListAsync(http.GetPrincipal(), limit, cursor, http.RequestAborted), OrganisationResource.From);

    private static async Task<Results<Ok<OrganisationResource>, ProblemHttpResult>> Get(HttpContext http, OrganisationService organisations, Id<Organisation> id)
    {
        return Http.Tagged(http, await organisations.GetAsync(http.GetPrincipal(), id.Value, http.RequestAborted), OrganisationResource.From, o => o.Version);
    }

    private static async Task<Results<Ok<OrganisationResource>, ProblemHttpResult>> Update(HttpContext http, OrganisationService organisations, Id<Organisation> id)
    {
        var version = Http.IfMatch(http.Request);
        var body = await JsonBody.ReadAsync<OrganisationRequest>(http.Request, StewardJson.Options);
        if ((version.Error ?? body.Error) is { } error)
        {
            return Problems.From(error);
        }

        var b = body.Value;
        var result = await organisations.UpdateAsync(http.GetPrincipal(), id.Value, new OrganisationInput(b.Name, b.DomainName, b.Description), version.Value, http.RequestAborted);
        return Http.Tagged(http, result, OrganisationResource.From, o => o.Version);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(HttpContext http, OrganisationService organisations, Id<Organisation> id)
    {
        return Http.NoContent(await organisations.DeleteAsync(http.GetPrincipal(), id.Value, http.RequestAborted));
    }
}
