using Microsoft.EntityFrameworkCore;
using Steward.Core.Access;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Storage;
using Steward.Core.Writes;

namespace Steward.Core.Webhooks;

/// <summary>An endpoint's delivery log and dead-letter list, and replaying a message.</summary>
public sealed class WebhookDeliveryService(IDbContextFactory<StewardDb> dbs, WriteGate gate, WebhookService webhooks)
{
    /// <summary>Reads a status filter as the wire names it: <c>pending</c>, <c>succeeded</c>, <c>dead_lettered</c>.</summary>
    public static Result<DeliveryStatus?> ParseStatus(string? text) => text switch
    {
        null or "" => (DeliveryStatus?)null,
        "pending" => DeliveryStatus.Pending,
        "succeeded" => DeliveryStatus.Succeeded,
        "dead_lettered" => DeliveryStatus.DeadLettered,
        _ => Error.Invalid("status", FieldRule.Invalid, "status must be one of pending, succeeded, dead_lettered."),
    };

    /// <summary>The endpoint's messages, oldest first, optionally of one status.</summary>
    public async Task<Result<Page<WebhookDelivery>>> ListAsync(Principal p, Guid endpointId, DeliveryStatus? status, int? limit, string? cursor, CancellationToken ct = default)
    {
        var paging = Paging.Parse(limit, cursor);
        if (!paging.IsSuccess)
        {
            return paging.Error!;
        }

        var endpoint = await webhooks.GetAsync(p, endpointId, ct);
        if (!endpoint.IsSuccess)
        {
            return endpoint.Error!;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var query = db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == endpointId);
        if (status is { } s)
        {
            query = query.Where(d => d.Status == s);
        }

        if (paging.Value.After is { } after)
        {
            query = query.Where(d => d.Id.CompareTo(after) > 0);
        }

        var rows = await query.OrderBy(d => d.Id).Take(paging.Value.Limit + 1).ToListAsync(ct);
        return Paging.Build(rows, paging.Value.Limit, d => d.Id);
    }

    public async Task<Result<WebhookDelivery>> GetAsync(Principal p, Guid endpointId, Guid deliveryId, CancellationToken ct = default)
    {
        var endpoint = await webhooks.GetAsync(p, endpointId, ct);
        if (!endpoint.IsSuccess)
        {
            return endpoint.Error!;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var delivery = await db.WebhookDeliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == deliveryId && d.EndpointId == endpointId, ct);
        return delivery is null ? Error.NotFound("Delivery") : delivery;
    }

    /// <summary>
    /// Queues a finished message again, due now, with the whole retry schedule ahead of it and the same
    /// <c>webhook-id</c> (it is the same message; a receiver that saw it before may drop it).
    /// </summary>
    public async Task<Result<WebhookDelivery>> ReplayAsync(Principal p, Guid endpointId, Guid deliveryId, CancellationToken ct = default)
    {
        var current = await GetAsync(p, endpointId, deliveryId, ct);
        if (!current.IsSuccess)
        {
            return current.Error!;
        }

        return await gate.ExecuteAsync(p, async ctx =>
        {
            var delivery = await ctx.Db.WebhookDeliveries.FirstOrDefaultAsync(d => d.Id == deliveryId && d.EndpointId == endpointId);
            var endpoint = await ctx.Db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == endpointId);
            if (delivery is null || endpoint is null)
            {
                return Error.NotFound("Delivery");
            }

            if (delivery.Status == DeliveryStatus.Pending)
            {
                return Error.Conflict("The message is still being delivered; only a delivered or dead-lettered message can be replayed.");
            }

            if (!endpoint.Enabled)
            {
                return Error.Conflict("The webhook is disabled; enable it (PATCH enabled=true) before replaying its messages.");
            }

            delivery.Status = DeliveryStatus.Pending;
            delivery.Attempts = 0;
            delivery.NextAttemptAt = ctx.Now;
            delivery.CompletedAt = null;
            delivery.ClaimToken = null;
            delivery.ClaimedUntil = null;
            delivery.Version++;
            ctx.Emit(endpoint.AccountId, new WebhookDeliveryReplayed
            {
                Id = PublicId.Of<WebhookDelivery>(delivery.Id),
                WebhookId = PublicId.Of<WebhookEndpoint>(endpoint.Id),
                EventId = delivery.EventSequence,
            });
            return Result<WebhookDelivery>.Ok(delivery);
        }, ct);
    }
}
