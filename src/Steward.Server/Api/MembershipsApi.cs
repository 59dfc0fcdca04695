using Microsoft.AspNetCore.Http.HttpResults;
using Steward.Core.Identity;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Tenancy;
using Steward.Server.Api.Wire;
using Steward.Server.Auth;
using Steward.Server.Hosting;

namespace Steward.Server.Api;

/// <summary>Users' roles (owner, admin, member) in organisations.</summary>
public static class MembershipsApi
{
    public static RouteGroupBuilder MapMembershipsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/organisations/{organisationId}/memberships").WithTags("Memberships");
        group.MapPost("/", Add).WithName("AddMembership").WithSummary("Give a user of the account a role in the organisation.").Accepts<MembershipRequest>("application/json");
        group.MapGet("/", List).WithName("ListMemberships").WithSummary("List the organisation's members and their roles.");
        group.MapPatch("/{userId}", Change).WithName("ChangeMembership").WithSummary("Change a member's role; honours If-Match.").Accepts<RoleRequest>("application/json");
        group.MapDelete("/{userId}", Remove).WithName("RemoveMembership").WithSummary("Remove a member from the organisation.");
        return group;
    }

    private static async Task<Results<Created<MembershipResource>, ProblemHttpResult>> Add(HttpContext http, MembershipService memberships, Id<Organisation> organisationId)
    {
        var body = await JsonBody.ReadAsync<MembershipRequest>(http.Request, StewardJson.Options);
        if (body.Error is { } error)
        {
            return Problems.From(error);
        }

        if (string.IsNullOrEmpty(body.Value.UserId))
        {
            return Problems.From(Error.Invalid("user_id", "user_id is required."));
        }

        var user = Http.OptionalId<User>(body.Value.UserId, "user_id");
        if (!user.IsSuccess)
        {
            return Problems.From(user.Error!);
        }

        var result = await memberships.AddAsync(http.GetPrincipal(), organisationId.Value, user.Value!.Value, body.Value.Role, http.RequestAborted);
        return Http.Created(http, result, MembershipResource.From, m => $"/api/v1/organisations/{m.OrganisationId}/memberships/{m.UserId}", m => m.Version);
    }

    private static async Task<Results<Ok<ItemList<MembershipResource>>, ProblemHttpResult>> List(HttpContext http, MembershipService memberships, Id<Organisation> organisationId)
    {
        var result = await memberships.ListAsync(http.GetPrincipal(), organisationId.Value, http.RequestAborted);
        return result.IsSuccess
            ? TypedResults.Ok(new ItemList<MembershipResource>(result.Value.Select(MembershipResource.From).ToList(), null))
            : Problems.From(result.Error!);
    }

    private static async Task<Results<Ok<MembershipResource>, ProblemHttpResult>> Change(HttpContext http, MembershipService memberships, Id<Organisation> organisationId, Id<User> userId)
    {
        var version = Http.IfMatch(http.Request);
        var body = await JsonBody.ReadAsync<RoleRequest>(http.Request, StewardJson.Options);
        if ((version.Error ?? body.Error) is { } error)
        {
            return Problems.From(error);
        }

        var result = await memberships.ChangeRoleAsync(http.GetPrincipal(), organisationId.Value, userId.Value, body.Value.Role, version.Value, http.RequestAborted);
        return Http.Tagged(http, result, MembershipResource.From, m => m.Version);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Remove(HttpContext http, MembershipService memberships, Id<Organisation> organisationId, Id<User> userId)
    {
        return Http.NoContent(await memberships.RemoveAsync(http.GetPrincipal(), organisationId.Value, userId.Value, http.RequestAborted));
    }
}
