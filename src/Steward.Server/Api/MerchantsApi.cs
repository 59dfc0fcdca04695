using Microsoft.AspNetCore.Http.HttpResults;
using Steward.Core.Billing;
using Steward.Core.Ids;
using Steward.Core.Tenancy;
using Steward.Server.Api.Wire;
using Steward.Server.Auth;
using Steward.Server.Hosting;

namespace Steward.Server.Api;

/// <summary>Merchants: services that do paid work and post charges, with their own keys and tokens.</summary>
public static class MerchantsApi
{
    public static RouteGroupBuilder MapMerchantsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/merchants").WithTags("Merchants");
        group.MapPost("/", Create).WithName("CreateMerchant")
            .WithSummary("Register a merchant: root registers platform merchants (or one for account_id), an account its own. Answers its API key and secret, shown once.")
            .Accepts<MerchantRequest>("application/json");
        group.MapGet("/", List).WithName("ListMerchants").WithSummary("List the platform's merchants and the caller's account's own.");
        group.MapGet("/{id}", Get).WithName("GetMerchant").WithSummary("Read a merchant.");
        group.MapPatch("/{id}", Update).WithName("UpdateMerchant").WithSummary("Change a merchant's name, kind or api_hostname; honours If-Match.")
            .Accepts<MerchantRequest>("application/json");
        group.MapDelete("/{id}", Delete).WithName("DeleteMerchant")
            .WithSummary("Delete a merchant and its keys (its tokens stop at once); refused while the ledger holds its charges or it claims a product.");
        return group;
    }

    private static async Task<Results<Created<CreatedMerchantResource>, ProblemHttpResult>> Create(HttpContext http, MerchantService merchants)
    {
        var body = await JsonBody.ReadAsync<MerchantRequest>(http.Request, StewardJson.Options);
        if (body.Error is { } error)
        {
            return Problems.From(error);
        }

        var account = Http.OptionalId<Account>(body.Value.AccountId, "account_id");
        if (!account.IsSuccess)
        {
            return Problems.From(account.Error!);
        }

        var input = new MerchantInput(body.Value.Name, body.Value.Kind, body.Value.ApiHostname, account.Value);
        var result = await merchants.CreateAsync(http.GetPrincipal(), input, http.RequestAborted);
        return Http.Created(http, result, CreatedMerchantResource.From, m => "/api/v1/merchants/" + m.Id, c => c.Merchant.Version);
    }

    private static async Task<Results<Ok<ItemList<MerchantResource>>, ProblemHttpResult>> List(HttpContext http, MerchantService merchants, int? limit, string? cursor) =>
        Http.Page(await merchants.ListAsync(http.GetPrincipal(), limit, cursor, http.RequestAborted), MerchantResource.From);

    private static async Task<Results<Ok<MerchantResource>, ProblemHttpResult>> Get(HttpContext http, MerchantService merchants, Id<Merchant> id) =>
        Http.Tagged(http, await merchants.GetAsync(http.GetPrincipal(), id.Value, http.RequestAborted), MerchantResource.From, m => m.Version);

    private static async Task<Results<Ok<MerchantResource>, ProblemHttpResult>> Update(HttpContext http, MerchantService merchants, Id<Merchant> id)
    {
        var version = Http.IfMatch(http.Request);
        var body = await JsonBody.ReadAsync<MerchantRequest>(http.Request, StewardJson.Options);
        if ((version.Error ?? body.Error) is { } error)
        {
            return Problems.From(error);
        }

        var input = new MerchantInput(body.Value.Name, body.Value.Kind, body.Value.ApiHostname);
        return Http.Tagged(http, await merchants.UpdateAsync(http.GetPrincipal(), id.Value, input, version.Value, http.RequestAborted), MerchantResource.From, m => m.Version);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(HttpContext http, MerchantService merchants, Id<Merchant> id) =>
        Http.NoContent(await merchants.DeleteAsync(http.GetPrincipal(), id.Value, http.RequestAborted));
}
