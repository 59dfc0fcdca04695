using Microsoft.AspNetCore.Http.HttpResults;
using Steward.Core.Ids;
using Steward.Core.Storage;
using Steward.Core.Tenancy;
using Steward.Server.Api.Wire;
using Steward.Server.Auth;
using Steward.Server.Hosting;

namespace Steward.Server.Api;

/// <summary>Accounts: root creates, lists and deletes them; an account reads and updates itself.</summary>
public static class AccountsApi
{
    public static RouteGroupBuilder MapAccountsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/accounts").WithTags("Accounts");
        group.MapPost("/", Create).WithName("CreateAccount").WithSummary("Create an account (root only), with an optional unique slug (derived from the name when absent) and test flag; answers its first API key and secret, shown once.")
            .Accepts<AccountRequest>("application/json");
        group.MapGet("/", List).WithName("ListAccounts").WithSummary("List accounts (root: all; an account: itself).");
        group.MapGet("/{id}", Get).WithName("GetAccount").WithSummary("Read an account.");
        group.MapPatch("/{id}", Update).WithName("UpdateAccount").WithSummary("Change an account's name, email or slug (and, root only, its test flag); honours If-Match.")
            .Accepts<AccountRequest>("application/json");
        group.MapDelete("/{id}", Delete).WithName("DeleteAccount").WithSummary("Delete an account and everything in it (root only).");
        return group;
    }

    private static async Task<Results<Created<CreatedAccountResource>, ProblemHttpResult>> Create(HttpContext http, AccountService accounts)
    {
        var body = await JsonBody.ReadAsync<AccountRequest>(http.Request, StewardJson.Options);
        if (!body.IsSuccess)
        {
            return Problems.From(body.Error!);
        }

        var result = await accounts.CreateAsync(http.GetPrincipal(), new AccountInput(body.Value.Name, body.Value.Email, body.Value.Slug, body.Value.Test), http.RequestAborted);
        return Http.Created(http, result, CreatedAccountResource.From, a => "/api/v1/accounts/" + a.Id, c => c.Account.Version);
    }

    private static async Task<Results<Ok<ItemList<AccountResource>>, ProblemHttpResult>> List(HttpContext http, AccountService accounts, int? limit, string? cursor) =>
        Http.Page(await accounts.ListAsync(http.GetPrincipal(), limit, cursor, http.RequestAborted), AccountResource.From);

    private static async Task<Results<Ok<AccountResource>, ProblemHttpResult>> Get(HttpContext http, AccountService accounts, Id<Account> id)
    {
        return Http.Tagged(http, await accounts.GetAsync(http.GetPrincipal(), id.Value, http.RequestAborted), AccountResource.From, a => a.Version);
    }

    private static async Task<Results<Ok<AccountResource>, ProblemHttpResult>> Update(HttpContext http, AccountService accounts, Id<Account> id)
    {
        var version = Http.IfMatch(http.Request);
        var body = await JsonBody.ReadAsync<AccountRequest>(http.Request, StewardJson.Options);
        if ((version.Error ?? body.Error) is { } error)
        {
            return Problems.From(error);
        }

        var result = await accounts.UpdateAsync(http.GetPrincipal(), id.Value, new AccountInput(body.Value.Name, body.Value.Email, body.Value.Slug, body.Value.Test), version.Value, http.RequestAborted);
        return Http.Tagged(http, result, AccountResource.From, a => a.Version);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(HttpContext http, AccountService accounts, Id<Account> id)
    {
        return Http.NoContent(await accounts.DeleteAsync(http.GetPrincipal(), id.Value, http.RequestAborted));
    }
}
