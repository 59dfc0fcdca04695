using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Steward.Core.Access;
using Steward.Core.Diagnostics;
using Steward.Core.Events;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Security;
using Steward.Core.Storage;
using Steward.Core.Writes;

namespace Steward.Core.Webhooks;

/// <summary>A claimed message: what to send, and the claim under which its outcome is recorded.</summary>
public sealed record ClaimedDelivery(WebhookMessage? Message, Guid DeliveryId, Guid ClaimToken, string? SkipReason);

/// <summary>
/// Claims due messages and records what their attempts came to. A claim is a lease on the row
/// (<see cref="WebhookDelivery.ClaimedUntil"/>), taken inside the write gate with the row's version as
/// its concurrency token: when two instances claim the same message at once, the second's update finds
/// the version changed and its claim is refused, so exactly one claims it. An instance that
/// dies mid-attempt leaves its lease to run out; another then sends the message again (at least once).
/// </summary>
public sealed class WebhookDispatcher(IDbContextFactory<StewardDb> dbs, WriteGate gate, SecretProtector protector, TimeProvider time, IWebhookPayload? payload = null)
{
    /// <summary>Longer than an attempt (15 s) with room for recording it.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    public bool CanRender => payload is not null;

    /// <summary>Claims up to <paramref name="max"/> due messages and prepares them for sending.</summary>
    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(int max, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        List<Guid> due;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            due = await db.WebhookDeliveries.AsNoTracking()
                .Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now && (d.ClaimedUntil == null || d.ClaimedUntil < now))
                .OrderBy(d => d.NextAttemptAt)
                .Select(d => d.Id)
                .Take(max)
                .ToListAsync(ct);
        }

        if (due.Count == 0)
        {
            return [];
        }

        var token = Guid.NewGuid();
        var claimed = await gate.ExecuteAsync(Principal.System, async ctx =>
        {
            // Read again inside the write: another instance may have claimed some since (and if it does so
            // concurrently, the version check refuses this claim whole; the next poll tries again).
            var rows = await ctx.Db.WebhookDeliveries
                .Where(d => due.Contains(d.Id) && d.Status == DeliveryStatus.Pending && (d.ClaimedUntil == null || d.ClaimedUntil < ctx.Now))
                .ToListAsync();
            foreach (var row in rows)
            {
                row.ClaimedUntil = ctx.Now + Lease;
                row.ClaimToken = token;
                row.Version++;
            }

            return Result<List<Guid>>.Ok(rows.Select(r => r.Id).ToList());
        }, CancellationToken.None);
        if (!claimed.IsSuccess || claimed.Value.Count == 0)
        {
            return [];
        }

        return await PrepareAsync(claimed.Value, token, ct);
    }

    /// <summary>Loads what the claimed messages need: their endpoints (URL, secrets) and their events.</summary>
    private async Task<IReadOnlyList<ClaimedDelivery>> PrepareAsync(List<Guid> ids, Guid token, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var deliveries = await db.WebhookDeliveries.AsNoTracking().Where(d => ids.Contains(d.Id)).ToListAsync(ct);
        var endpointIds = deliveries.Select(d => d.EndpointId).Distinct().ToList();
        var endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => endpointIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var sequences = deliveries.Select(d => d.EventSequence).Distinct().ToList();
        var events = await db.Events.AsNoTracking().Where(e => sequences.Contains(e.Sequence)).ToDictionaryAsync(e => e.Sequence, ct);

        var now = time.GetUtcNow();
        var result = new List<ClaimedDelivery>(deliveries.Count);
        foreach (var d in deliveries)
        {
            if (!endpoints.TryGetValue(d.EndpointId, out var endpoint) || !endpoint.Enabled)
            {
                result.Add(new ClaimedDelivery(null, d.Id, token, "The endpoint was disabled."));
                continue;
            }

            if (!events.TryGetValue(d.EventSequence, out var e) || payload is null)
            {
                result.Add(new ClaimedDelivery(null, d.Id, token, "The event is no longer in the log."));
                continue;
            }

            List<string> secrets;
            try
            {
                secrets = [protector.Unprotect(endpoint.Secret)];
                if (endpoint.PreviousSecret is { } previous && endpoint.PreviousSecretExpiresAt > now)
                {
                    secrets.Add(protector.Unprotect(previous));
                }
            }
            catch (CryptographicException)
            {
                // A master key missing from the configuration: say so on the message (replayable once fixed), and let the others go.
                result.Add(new ClaimedDelivery(null, d.Id, token, "The signing secret could not be decrypted: is its master key in Steward:MasterKey or Steward:PreviousMasterKeys?"));
                continue;
            }

            var message = new WebhookMessage(d.Id, d.EndpointId, PublicId.Of<WebhookDelivery>(d.Id), endpoint.Url, secrets, payload.Render(e));
            result.Add(new ClaimedDelivery(message, d.Id, token, null));
        }

        return result;
    }

    /// <summary>
    /// Records an attempt: delivered; or failed, with the next attempt scheduled, or dead-lettered when
    /// the schedule is spent. An endpoint whose attempts have all failed for five days is disabled, its
    /// waiting messages dead-lettered, and the account told with a <c>webhook.disabled</c> event.
    /// </summary>
    public async Task RecordAsync(ClaimedDelivery claim, AttemptOutcome? outcome, CancellationToken ct)
    {
        var jitter = Random.Shared.NextDouble();
        await gate.ExecuteAsync(Principal.System, async ctx =>
        {
            var d = await ctx.Db.WebhookDeliveries.FirstOrDefaultAsync(x => x.Id == claim.DeliveryId);
            if (d is null || d.ClaimToken != claim.ClaimToken)
            {
                // Deleted with its endpoint, or the lease ran out and another instance took the message over.
                return Result<Done>.Ok(new Done());
            }

            d.ClaimToken = null;
            d.ClaimedUntil = null;
            d.Version++;
            if (outcome is null)
            {
                Finish(d, DeliveryStatus.DeadLettered, ctx.Now, claim.SkipReason);
                return Result<Done>.Ok(new Done());
            }

            d.Attempts++;
            d.LastAttemptAt = ctx.Now;
            d.LastStatusCode = outcome.StatusCode;
            d.LastLatencyMs = outcome.LatencyMs;
            d.LastError = outcome.Error is { Length: > WebhookRules.MaxErrorLength } text ? text[..WebhookRules.MaxErrorLength] : outcome.Error;
            var endpoint = await ctx.Db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == d.EndpointId);
            if (outcome.Succeeded)
            {
                Finish(d, DeliveryStatus.Succeeded, ctx.Now, null);
                if (endpoint is { FailingSince: not null })
                {
                    endpoint.FailingSince = null;
                }

                return Result<Done>.Ok(new Done());
            }

            if (WebhookRules.NextDelay(d.Attempts, outcome.RetryAfter, jitter) is { } delay)
            {
                d.NextAttemptAt = ctx.Now + delay;
            }
            else
            {
                Finish(d, DeliveryStatus.DeadLettered, ctx.Now, d.LastError);
            }

            if (endpoint is not null)
            {
                endpoint.FailingSince ??= ctx.Now;
                if (endpoint.Enabled && ctx.Now - endpoint.FailingSince >= WebhookRules.DisableAfter)
                {
                    await DisableAsync(ctx, endpoint, d);
                }
            }

            return Result<Done>.Ok(new Done());
        }, ct);
    }

    private static async Task DisableAsync(WriteContext ctx, WebhookEndpoint endpoint, WebhookDelivery current)
    {
        endpoint.Enabled = false;
        endpoint.DisabledReason = "failing";
        endpoint.UpdatedAt = ctx.Now;
        endpoint.Version++;
        if (current.Status == DeliveryStatus.Pending)
        {
            Finish(current, DeliveryStatus.DeadLettered, ctx.Now, "The endpoint was disabled after failing for five days.");
        }

        // Save the tracked rows first: the statement below would otherwise move this one too, behind the tracker's back.
        await ctx.Db.SaveChangesAsync();
        var moved = await WebhookService.DeadLetterPendingAsync(ctx, endpoint.Id, "The endpoint was disabled after failing for five days.");
        StewardMetrics.WebhookDeadLetters.Add(moved);
        ctx.Emit(endpoint.AccountId, WebhookEvent.Of<WebhookDisabled>(endpoint) with { Reason = "failing", FailingSince = endpoint.FailingSince });
    }

    private static void Finish(WebhookDelivery d, DeliveryStatus status, DateTimeOffset now, string? error)
    {
        d.Status = status;
        d.NextAttemptAt = null;
        d.CompletedAt = now;
        if (status == DeliveryStatus.DeadLettered)
        {
            d.LastError = error;
            StewardMetrics.WebhookDeadLetters.Add(1);
        }
    }

    /// <summary>Deletes finished messages older than <paramref name="age"/>, so the log does not grow without bound.</summary>
    public Task PruneAsync(TimeSpan age, CancellationToken ct) =>
        gate.ExecuteAsync(Principal.System, async ctx =>
        {
            var before = ctx.Now - age;
            await ctx.Db.WebhookDeliveries.Where(d => d.Status != DeliveryStatus.Pending && d.CompletedAt < before).ExecuteDeleteAsync();
            return Result<Done>.Ok(new Done());
        }, ct);
}
