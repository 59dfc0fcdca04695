using Microsoft.AspNetCore.Http.HttpResults;
using Steward.Core.Catalog;
using Steward.Core.Tenancy;
using Steward.Server.Api.Wire;
using Steward.Server.Auth;
using Steward.Server.Hosting;

namespace Steward.Server.Api;

/// <summary>Product types: the built-in ones every account has, and the account's own.</summary>
public static class ProductTypesApi
{
    public static RouteGroupBuilder MapProductTypesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/product-types").WithTags("Product types");
        group.MapGet("/", List).WithName("ListProductTypes").WithSummary("List the product types the caller's account may use: the built-in ones, then its own.");
        group.MapGet("/{code}", Get).WithName("GetProductType").WithSummary("Read a product type by its code.");
        group.MapPost("/", Create).WithName("CreateProductType")
            .WithSummary("Add a product type to the caller's account (root adds account_id): kind storage (allowance, no flavour) or tier (flavours).")
            .Accepts<ProductTypeRequest>("application/json");
        return group;
    }

    private static async Task<Results<Ok<ItemList<ProductTypeResource>>, ProblemHttpResult>> List(HttpContext http, ProductTypeCatalog types)
    {
        var result = await types.ListAsync(http.GetPrincipal(), http.RequestAborted);
        return Http.Ok(result, list => new ItemList<ProductTypeResource>([.. list.Select(ProductTypeResource.From)], null));
    }

    private static async Task<Results<Ok<ProductTypeResource>, ProblemHttpResult>> Get(HttpContext http, ProductTypeCatalog types, string code)
    {
        return Http.Ok(await types.GetAsync(http.GetPrincipal(), code, http.RequestAborted), ProductTypeResource.From);
    }

    private static async Task<Results<Created<ProductTypeResource>, ProblemHttpResult>> Create(HttpContext http, ProductTypeCatalog types)
    {
        var body = await JsonBody.ReadAsync<ProductTypeRequest>(http.Request, StewardJson.Options);
        if (body.Error is { } error)
        {
            return Problems.From(error);
        }

        var account = Http.OptionalId<Account>(body.Value.AccountId, "account_id");
        if (!account.IsSuccess)
        {
            return Problems.From(account.Error!);
        }

        var b = body.Value;
        var result = await types.CreateAsync(http.GetPrincipal(), new ProductTypeInput(b.Code, b.Kind, b.Flavours, b.ServiceKind, b.Description, account.Value), http.RequestAborted);
        return Http.Created(http, result, ProductTypeResource.From, t => "/api/v1/product-types/" + t.Code);
    }
}
