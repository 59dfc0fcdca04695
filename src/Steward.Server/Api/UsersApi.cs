using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Steward.Core.Identity;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Storage;
using Steward.Core.Tenancy;
using Steward.Server.Api.Wire;
using Steward.Server.Auth;
using Steward.Server.Hosting;

namespace Steward.Server.Api;

/// <summary>Users of the caller's account, optionally homed in an organisation.</summary>
public static class UsersApi
{
    public static RouteGroupBuilder MapUsersApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/users").WithTags("Users");
        group.MapPost("/", Create).WithName("CreateUser")
            .WithSummary("Create a user in the caller's account (or in organisation_id); answers its API key and secret, shown once.")
            .Accepts<UserRequest>("application/json");
        group.MapGet("/", List).WithName("ListUsers").WithSummary("List users the caller can see; filter with organisation_id.");
        group.MapGet("/{id}", Get).WithName("GetUser").WithSummary("Read a user.");
        group.MapPatch("/{id}", Update).WithName("UpdateUser").WithSummary("Change a user; honours If-Match.").Accepts<UserRequest>("application/json");
        group.MapDelete("/{id}", Delete).WithName("DeleteUser").WithSummary("Delete a user with its devices and credentials.");
        return group;
    }

    private static async Task<Results<Created<CreatedUserResource>, ProblemHttpResult>> Create(HttpContext http, UserService users)
    {
        var body = await JsonBody.ReadAsync<UserRequest>(http.Request, StewardJson.Options);
        if (!body.IsSuccess)
        {
            return Problems.From(body.Error!);
        }

        var input = ToInput(body.Value);
        if (!input.IsSuccess)
        {
            return Problems.From(input.Error!);
        }

        var result = await users.CreateAsync(http.GetPrincipal(), input.Value, http.RequestAborted);
        return Http.Created(http, result, CreatedUserResource.From, u => "/api/v1/users/" + u.Id, c => c.User.Version);
    }

    private static async Task<Results<Ok<ItemList<UserResource>>, ProblemHttpResult>> List(
        HttpContext http, UserService users, [FromQuery(Name = "organisation_id")] string? organisationId, int? limit, string? cursor)
    {
        var org = Http.OptionalId<Organisation>(organisationId, "organisation_id");
        if (!org.IsSuccess)
        {
            return Problems.From(org.Error!);
        }

        return Http.Page(await users.ListAsync(http.GetPrincipal(), org.Value, limit, cursor, http.RequestAborted), UserResource.From);
    }

    private static async Task<Results<Ok<UserResource>, ProblemHttpResult>> Get(HttpContext http, UserService users, Id<User> id)
    {
        return Http.Tagged(http, await users.GetAsync(http.GetPrincipal(), id.Value, http.RequestAborted), UserResource.From, u => u.Version);
    }

    private static async Task<Results<Ok<UserResource>, ProblemHttpResult>> Update(HttpContext http, UserService users, Id<User> id)
    {
        var version = Http.IfMatch(http.Request);
        var body = await JsonBody.ReadAsync<UserRequest>(http.Request, StewardJson.Options);
        if ((version.Error ?? body.Error) is { } error)
        {
            return Problems.From(error);
        }

        if (body.Value.OrganisationId is not null || body.Value.AccountId is not null)
        {
            return Problems.From(Error.Invalid("organisation_id", "A user's organisation and account cannot be changed."));
        }

        var input = ToInput(body.Value);
        if (!input.IsSuccess)
        {
            return Problems.From(input.Error!);
        }

        var result = await users.UpdateAsync(http.GetPrincipal(), id.Value, input.Value, version.Value, http.RequestAborted);
        return Http.Tagged(http, result, UserResource.From, u => u.Version);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(HttpContext http, UserService users, Id<User> id)
    {
        return Http.NoContent(await users.DeleteAsync(http.GetPrincipal(), id.Value, http.RequestAborted));
    }

    private static Result<UserInput> ToInput(UserRequest b)
    {
        var org = Http.OptionalId<Organisation>(b.OrganisationId, "organisation_id");
        var account = Http.OptionalId<Account>(b.AccountId, "account_id");
        if ((org.Error ?? account.Error) is { } error)
        {
            return error;
        }

        return new UserInput(b.Username, b.Email, b.FirstName, b.LastName, b.PhoneNumber, b.CountryCode, b.Password, org.Value, b.ExternalId, account.Value, b.Admin);
    }
}
