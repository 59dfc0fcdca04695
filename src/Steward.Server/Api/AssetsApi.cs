using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Steward.Core.Assets;
using Steward.Core.Billing;
using Steward.Core.Ids;
using Steward.Core.Options;
using Steward.Server.Api.Wire;
using Steward.Server.Auth;

namespace Steward.Server.Api;

/// <summary>Assets: scoped configuration and secrets, attached to the merchants that may read them.</summary>
public static class AssetsApi
{
    public static RouteGroupBuilder MapAssetsApi(this RouteGroupBuilder api)
    {
        // The body limit follows the configured content limit (Steward:Assets:MaxContentBytes).
        var maxContent = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<IOptions<StewardOptions>>().Value.Assets.MaxContentBytes;
        var bodyLimit = new RequestSizeLimitAttribute(AssetBody.MaxBodyBytes(maxContent));

        var group = api.MapGroup("/assets").WithTags("Assets");
        group.MapPost("/", Create).WithName("CreateAsset")
            .WithSummary("Create an asset: name (an RFC 1123 label, unique in its scope), scope (global, organisation, unit, product, user) and scope_id, content as text or as a file part content_file (multipart/form-data), secret, description.")
            .Accepts<AssetRequest>("application/json", "multipart/form-data")
            .WithMetadata(bodyLimit);
        group.MapGet("/", List).WithName("ListAssets")
            .WithSummary("List the assets the caller sees (a merchant: those attached to it), optionally of one scope or scope_id; content is left out.");
        group.MapGet("/{id}", Get).WithName("GetAsset").WithSummary("Read an asset with the merchants it is attached to; a secret asset's content is never shown.");
        group.MapPatch("/{id}", Update).WithName("UpdateAsset")
            .WithSummary("Change an asset's name, description or content (JSON or multipart/form-data); honours If-Match.")
            .Accepts<AssetRequest>("application/json", "multipart/form-data")
            .WithMetadata(bodyLimit);
        group.MapDelete("/{id}", Delete).WithName("DeleteAsset").WithSummary("Delete an asset; refused (409, reason asset_attached) while it is attached to a merchant.");
        group.MapPost("/{id}/enable", Enable).WithName("EnableAsset").WithSummary("Enable an asset: attached merchants may read it.");
        group.MapPost("/{id}/disable", Disable).WithName("DisableAsset").WithSummary("Disable an asset: no merchant reads it until it is enabled again.");
        group.MapPut("/{id}/merchants/{merchantId}", Attach).WithName("AttachAsset")
            .WithSummary("Attach an asset to a merchant (a platform merchant, or one of the asset's account), which may then read it; attaching again changes nothing.");
        group.MapDelete("/{id}/merchants/{merchantId}", Detach).WithName("DetachAsset").WithSummary("Detach an asset from a merchant.");
        group.MapGet("/{id}/content", Content).WithName("GetAssetContent")
            .WithSummary("Read an asset's content. An attached merchant reads an enabled asset's content, a secret one's too, and each read is recorded (asset.revealed); others read only content that is not secret.");
        return group;
    }

    private static async Task<Results<Created<AssetResource>, ProblemHttpResult>> Create(HttpContext http, AssetService assets, IOptions<StewardOptions> options)
    {
        var input = await AssetBody.ReadAsync(http, options.Value.Assets.MaxContentBytes);
        if (!input.IsSuccess)
        {
            return Problems.From(input.Error!);
        }

        var result = await assets.CreateAsync(http.GetPrincipal(), input.Value, http.RequestAborted);
        return Http.Created(http, result, AssetResource.From, a => "/api/v1/assets/" + a.Id, v => v.Asset.Version);
    }

    private static async Task<Results<Ok<ItemList<AssetResource>>, ProblemHttpResult>> List(
        HttpContext http, AssetService assets, string? scope, [FromQuery(Name = "scope_id")] string? scopeId, int? limit, string? cursor) =>
        Http.Page(await assets.ListAsync(http.GetPrincipal(), new AssetFilter(scope, scopeId, limit, cursor), http.RequestAborted), AssetResource.From);

    private static async Task<Results<Ok<AssetResource>, ProblemHttpResult>> Get(HttpContext http, AssetService assets, Id<Asset> id) =>
        Http.Tagged(http, await assets.GetAsync(http.GetPrincipal(), id.Value, http.RequestAborted), AssetResource.From, v => v.Asset.Version);

    private static async Task<Results<Ok<AssetResource>, ProblemHttpResult>> Update(HttpContext http, AssetService assets, IOptions<StewardOptions> options, Id<Asset> id)
    {
        var version = Http.IfMatch(http.Request);
        if (version.Error is { } error)
        {
            return Problems.From(error);
        }

        var input = await AssetBody.ReadAsync(http, options.Value.Assets.MaxContentBytes);
        if (!input.IsSuccess)
        {
            return Problems.From(input.Error!);
        }

        return Http.Tagged(http, await assets.UpdateAsync(http.GetPrincipal(), id.Value, input.Value, version.Value, http.RequestAborted), AssetResource.From, v => v.Asset.Version);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(HttpContext http, AssetService assets, Id<Asset> id) =>
        Http.NoContent(await assets.DeleteAsync(http.GetPrincipal(), id.Value, http.RequestAborted));

    private static async Task<Results<Ok<AssetResource>, ProblemHttpResult>> Enable(HttpContext http, AssetService assets, Id<Asset> id) =>
        Http.Tagged(http, await assets.SetEnabledAsync(http.GetPrincipal(), id.Value, enabled: true, http.RequestAborted), AssetResource.From, v => v.Asset.Version);

    private static async Task<Results<Ok<AssetResource>, ProblemHttpResult>> Disable(HttpContext http, AssetService assets, Id<Asset> id) =>
        Http.Tagged(http, await assets.SetEnabledAsync(http.GetPrincipal(), id.Value, enabled: false, http.RequestAborted), AssetResource.From, v => v.Asset.Version);

    private static async Task<Results<Ok<AssetResource>, ProblemHttpResult>> Attach(HttpContext http, AssetMerchants merchants, Id<Asset> id, Id<Merchant> merchantId) =>
        Http.Tagged(http, await merchants.AttachAsync(http.GetPrincipal(), id.Value, merchantId.Value, http.RequestAborted), AssetResource.From, v => v.Asset.Version);

    private static async Task<Results<NoContent, ProblemHttpResult>> Detach(HttpContext http, AssetMerchants merchants, Id<Asset> id, Id<Merchant> merchantId) =>
        Http.NoContent(await merchants.DetachAsync(http.GetPrincipal(), id.Value, merchantId.Value, http.RequestAborted));

    private static async Task<Results<Ok<AssetContentResource>, ProblemHttpResult>> Content(HttpContext http, AssetMerchants merchants, Id<Asset> id)
    {
        // Content (a secret's above all) is kept by no cache between Steward and the reader.
        http.Response.Headers.CacheControl = "no-store";
        return Http.Ok(await merchants.RevealAsync(http.GetPrincipal(), id.Value, http.RequestAborted), AssetContentResource.From);
    }
}
