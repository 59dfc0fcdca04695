using Microsoft.AspNetCore.Http.HttpResults;
using Steward.Core.Billing;
using Steward.Core.Ids;
using Steward.Core.Tenancy;
using Steward.Server.Api.Wire;
using Steward.Server.Auth;
using Steward.Server.Hosting;

namespace Steward.Server.Api;

/// <summary>Products: a unit's subscriptions to product types, with their coins in the current period.</summary>
public static class ProductsApi
{
    public static RouteGroupBuilder MapProductsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/units/{unitId}/products", Create).WithTags("Products").WithName("CreateProduct")
            .WithSummary("Subscribe a unit to a product type: name, type, flavour (types that have them), allowance and limit in coins (limit defaults to the allowance).")
            .Accepts<ProductRequest>("application/json");
        api.MapGet("/units/{unitId}/products", ListForUnit).WithTags("Products").WithName("ListUnitProducts").WithSummary("List a unit's products.");
        api.MapGet("/organisations/{organisationId}/products", ListForOrganisation).WithTags("Products").WithName("ListOrganisationProducts")
            .WithSummary("List the products of all of an organisation's units.");

        var group = api.MapGroup("/products").WithTags("Products");
        group.MapGet("/", List).WithName("ListProducts").WithSummary("List the products the caller sees.");
        group.MapGet("/{id}", Get).WithName("GetProduct").WithSummary("Read a product with its coins: used, reserved, limit, allowance, at_limit and the billing prediction.");
        group.MapPatch("/{id}", Update).WithName("UpdateProduct")
            .WithSummary("Change a product's name, or raise its allowance or limit (never reduced); honours If-Match.").Accepts<ProductRequest>("application/json");
        group.MapDelete("/{id}", Delete).WithName("DeleteProduct").WithSummary("Delete a product (its charges stay in the ledger); refused while a merchant claims it.");
        group.MapPut("/{id}/claim", Claim).WithName("ClaimProduct")
            .WithSummary("Claim a product for the calling merchant's own object (id, name); claimable types only, one claim per product.").Accepts<ClaimRequest>("application/json");
        group.MapDelete("/{id}/claim", Release).WithName("ReleaseProductClaim").WithSummary("Release the calling merchant's claim on a product (root may release any).");
        return group;
    }

    private static async Task<Results<Created<ProductResource>, ProblemHttpResult>> Create(HttpContext http, ProductService products, Id<Unit> unitId)
    {
        var body = await JsonBody.ReadAsync<ProductRequest>(http.Request, StewardJson.Options);
        if (body.Error is { } error)
        {
            return Problems.From(error);
        }

        var b = body.Value;
        var input = new ProductInput(b.Name, b.Type, b.Flavour, Amount.Text(b.Allowance), Amount.Text(b.Limit));
        var result = await products.CreateAsync(http.GetPrincipal(), unitId.Value, input, http.RequestAborted);
        return Http.Created(http, result, ProductResource.From, p => "/api/v1/products/" + p.Id, v => v.Product.Version);
    }

    private static async Task<Results<Ok<ItemList<ProductResource>>, ProblemHttpResult>> ListForUnit(HttpContext http, ProductService products, Id<Unit> unitId, int? limit, string? cursor) =>
        Http.Page(await products.ListForUnitAsync(http.GetPrincipal(), unitId.Value, limit, cursor, null, http.RequestAborted), ProductResource.From);

    private static async Task<Results<Ok<ItemList<ProductResource>>, ProblemHttpResult>> ListForOrganisation(HttpContext http, ProductService products, Id<Organisation> organisationId, int? limit, string? cursor) =>
        Http.Page(await products.ListForOrganisationAsync(http.GetPrincipal(), organisationId.Value, limit, cursor, http.RequestAborted), ProductResource.From);

    private static async Task<Results<Ok<ItemList<ProductResource>>, ProblemHttpResult>> List(HttpContext http, ProductService products, int? limit, string? cursor) =>
        Http.Page(await products.ListAsync(http.GetPrincipal(), limit, cursor, null, http.RequestAborted), ProductResource.From);

    private static async Task<Results<Ok<ProductResource>, ProblemHttpResult>> Get(HttpContext http, ProductService products, Id<Product> id) =>
        Http.Tagged(http, await products.GetAsync(http.GetPrincipal(), id.Value, http.RequestAborted), ProductResource.From, v => v.Product.Version);

    private static async Task<Results<Ok<ProductResource>, ProblemHttpResult>> Update(HttpContext http, ProductService products, Id<Product> id)
    {
        var version = Http.IfMatch(http.Request);
        var body = await JsonBody.ReadAsync<ProductRequest>(http.Request, StewardJson.Options);
        if ((version.Error ?? body.Error) is { } error)
        {
            return Problems.From(error);
        }

        var b = body.Value;
        var input = new ProductInput(b.Name, Allowance: Amount.Text(b.Allowance), Limit: Amount.Text(b.Limit));
        return Http.Tagged(http, await products.UpdateAsync(http.GetPrincipal(), id.Value, input, version.Value, http.RequestAborted), ProductResource.From, v => v.Product.Version);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(HttpContext http, ProductService products, Id<Product> id) =>
        Http.NoContent(await products.DeleteAsync(http.GetPrincipal(), id.Value, http.RequestAborted));

    private static async Task<Results<Ok<ProductResource>, ProblemHttpResult>> Claim(HttpContext http, ProductClaims claims, Id<Product> id)
    {
        var body = await JsonBody.ReadAsync<ClaimRequest>(http.Request, StewardJson.Options);
        if (body.Error is { } error)
        {
            return Problems.From(error);
        }

        return Http.Tagged(http, await claims.ClaimAsync(http.GetPrincipal(), id.Value, body.Value.Id, body.Value.Name, http.RequestAborted), ProductResource.From, v => v.Product.Version);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Release(HttpContext http, ProductClaims claims, Id<Product> id) =>
        Http.NoContent(await claims.ReleaseAsync(http.GetPrincipal(), id.Value, http.RequestAborted));
}
