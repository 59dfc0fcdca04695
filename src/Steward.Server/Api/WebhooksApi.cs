using Microsoft.AspNetCore.Http.HttpResults;
using Steward.Core.Ids;
using Steward.Core.Tenancy;
using Steward.Core.Webhooks;
using Steward.Server.Api.Wire;
using Steward.Server.Auth;
using Steward.Server.Hosting;

namespace Steward.Server.Api;

/// <summary>Webhook endpoints of an account, their delivery log and dead letters (Standard Webhooks signatures).</summary>
public static class WebhooksApi
{
    public static RouteGroupBuilder MapWebhooksApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/webhooks").WithTags("Webhooks");
        group.MapPost("/", Create).WithName("CreateWebhook")
            .WithSummary("Register an endpoint for the account's events; answers its signing secret (whsec_…), shown once.")
            .Accepts<WebhookRequest>("application/json");
        group.MapGet("/", List).WithName("ListWebhooks").WithSummary("List the account's webhook endpoints.");
        group.MapGet("/{id}", Get).WithName("GetWebhook").WithSummary("Read a webhook endpoint.");
        group.MapPatch("/{id}", Update).WithName("UpdateWebhook")
            .WithSummary("Change url, event_types, description or enabled; honours If-Match. Enabling again clears the failure record.")
            .Accepts<WebhookRequest>("application/json");
        group.MapDelete("/{id}", Delete).WithName("DeleteWebhook").WithSummary("Delete an endpoint and its delivery log.");
        group.MapPost("/{id}/rotate-secret", RotateSecret).WithName("RotateWebhookSecret")
            .WithSummary("Replace the signing secret; the old one keeps signing beside it for overlap_seconds (default 24 h).")
            .Accepts<RotateSecretRequest>("application/json");
        group.MapGet("/{id}/deliveries", Deliveries).WithName("ListWebhookDeliveries")
            .WithSummary("The delivery log, oldest first: status, attempts, last HTTP status and latency, next attempt. Filter with ?status=.");
        group.MapGet("/{id}/deliveries/{deliveryId}", Delivery).WithName("GetWebhookDelivery").WithSummary("Read one message of the delivery log.");
        group.MapGet("/{id}/dead-letters", DeadLetters).WithName("ListWebhookDeadLetters")
            .WithSummary("Messages whose every attempt failed (or whose endpoint was disabled); replay them one by one.");
        group.MapPost("/{id}/deliveries/{deliveryId}/replay", Replay).WithName("ReplayWebhookDelivery")
            .WithSummary("Send a delivered or dead-lettered message again, with the same webhook-id and a fresh retry schedule.");
        return group;
    }

    private static async Task<Results<Created<WebhookWithSecretResource>, ProblemHttpResult>> Create(HttpContext http, WebhookService webhooks)
    {
        var body = await JsonBody.ReadAsync<WebhookRequest>(http.Request, StewardJson.Options);
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
        var result = await webhooks.CreateAsync(http.GetPrincipal(), new WebhookInput(b.Url, b.EventTypes, b.Enabled, b.Description, account.Value), http.RequestAborted);
        return Http.Created(http, result, WebhookWithSecretResource.From, w => "/api/v1/webhooks/" + w.Id, w => w.Endpoint.Version);
    }

    private static async Task<Results<Ok<ItemList<WebhookResource>>, ProblemHttpResult>> List(HttpContext http, WebhookService webhooks, int? limit, string? cursor) =>
        Http.Page(await webhooks.ListAsync(http.GetPrincipal(), limit, cursor, http.RequestAborted), WebhookResource.From);

    private static async Task<Results<Ok<WebhookResource>, ProblemHttpResult>> Get(HttpContext http, WebhookService webhooks, Id<WebhookEndpoint> id) =>
        Http.Tagged(http, await webhooks.GetAsync(http.GetPrincipal(), id.Value, http.RequestAborted), WebhookResource.From, e => e.Version);

    private static async Task<Results<Ok<WebhookResource>, ProblemHttpResult>> Update(HttpContext http, WebhookService webhooks, Id<WebhookEndpoint> id)
    {
        var version = Http.IfMatch(http.Request);
        var body = await JsonBody.ReadAsync<WebhookRequest>(http.Request, StewardJson.Options);
        if ((version.Error ?? body.Error) is { } error)
        {
            return Problems.From(error);
        }

        var b = body.Value;
        var result = await webhooks.UpdateAsync(http.GetPrincipal(), id.Value, new WebhookInput(b.Url, b.EventTypes, b.Enabled, b.Description), version.Value, http.RequestAborted);
        return Http.Tagged(http, result, WebhookResource.From, e => e.Version);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(HttpContext http, WebhookService webhooks, Id<WebhookEndpoint> id) =>
        Http.NoContent(await webhooks.DeleteAsync(http.GetPrincipal(), id.Value, http.RequestAborted));

    private static async Task<Results<Ok<WebhookWithSecretResource>, ProblemHttpResult>> RotateSecret(HttpContext http, WebhookService webhooks, Id<WebhookEndpoint> id)
    {
        var body = await JsonBody.ReadAsync<RotateSecretRequest>(http.Request, StewardJson.Options, allowEmpty: true);
        if (!body.IsSuccess)
        {
            return Problems.From(body.Error!);
        }

        var result = await webhooks.RotateSecretAsync(http.GetPrincipal(), id.Value, body.Value.OverlapSeconds, http.RequestAborted);
        return Http.Tagged(http, result, WebhookWithSecretResource.From, w => w.Endpoint.Version);
    }

    private static async Task<Results<Ok<ItemList<WebhookDeliveryResource>>, ProblemHttpResult>> Deliveries(
        HttpContext http, WebhookDeliveryService deliveries, Id<WebhookEndpoint> id, string? status, int? limit, string? cursor)
    {
        var filter = WebhookDeliveryService.ParseStatus(status);
        if (!filter.IsSuccess)
        {
            return Problems.From(filter.Error!);
        }

        return Http.Page(await deliveries.ListAsync(http.GetPrincipal(), id.Value, filter.Value, limit, cursor, http.RequestAborted), WebhookDeliveryResource.From);
    }

    private static async Task<Results<Ok<WebhookDeliveryResource>, ProblemHttpResult>> Delivery(
        HttpContext http, WebhookDeliveryService deliveries, Id<WebhookEndpoint> id, Id<WebhookDelivery> deliveryId) =>
        Http.Ok(await deliveries.GetAsync(http.GetPrincipal(), id.Value, deliveryId.Value, http.RequestAborted), WebhookDeliveryResource.From);

    private static async Task<Results<Ok<ItemList<WebhookDeliveryResource>>, ProblemHttpResult>> DeadLetters(
        HttpContext http, WebhookDeliveryService deliveries, Id<WebhookEndpoint> id, int? limit, string? cursor) =>
        Http.Page(await deliveries.ListAsync(http.GetPrincipal(), id.Value, DeliveryStatus.DeadLettered, limit, cursor, http.RequestAborted), WebhookDeliveryResource.From);

    private static async Task<Results<Accepted<WebhookDeliveryResource>, ProblemHttpResult>> Replay(
        HttpContext http, WebhookDeliveryService deliveries, Id<WebhookEndpoint> id, Id<WebhookDelivery> deliveryId)
    {
        var result = await deliveries.ReplayAsync(http.GetPrincipal(), id.Value, deliveryId.Value, http.RequestAborted);
        return result.IsSuccess
            ? TypedResults.Accepted($"/api/v1/webhooks/{id}/deliveries/{deliveryId}", WebhookDeliveryResource.From(result.Value))
            : Problems.From(result.Error!);
    }
}
