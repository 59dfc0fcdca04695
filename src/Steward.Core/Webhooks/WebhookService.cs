using Microsoft.EntityFrameworkCore;
using Steward.Core.Access;
using Steward.Core.Events;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Security;
using Steward.Core.Storage;
using Steward.Core.Tenancy;
using Steward.Core.Writes;

namespace Steward.Core.Webhooks;

/// <summary>Input for registering or changing an endpoint; null fields are left as they are on update.</summary>
public sealed record WebhookInput(string? Url, IReadOnlyList<string?>? EventTypes, bool? Enabled, string? Description, Guid? AccountId = null);

/// <summary>An endpoint with its signing secret in clear, answered once: at registration and at rotation.</summary>
public sealed record WebhookWithSecret(WebhookEndpoint Endpoint, string Secret);

/// <summary>Webhook endpoints of an account: registration, changes, secret rotation. Only the account (or root) manages them.</summary>
public sealed class WebhookService(IDbContextFactory<StewardDb> dbs, WriteGate gate, WebhookTargets targets, SecretProtector protector)
{
    public async Task<Result<WebhookWithSecret>> CreateAsync(Principal p, WebhookInput input, CancellationToken ct = default)
    {
        var accountId = p.IsRoot ? input.AccountId ?? Guid.Empty : p.AccountId;
        var v = new Validator();
        var url = v.Required("url", input.Url, WebhookRules.MaxUrlLength);
        var patterns = WebhookRules.EventTypes(v, input.EventTypes, required: true);
        var description = v.Optional("description", input.Description, Limits.Description);
        if (p.IsRoot && accountId == Guid.Empty)
        {
            v.Add("account_id", FieldRule.Required, "account_id is required when root registers a webhook.");
        }

        if (p.Kind is not (PrincipalKind.Root or PrincipalKind.Account))
        {
            return Error.Forbidden("Only the account (or root) may register webhooks.");
        }

        await CheckUrlAsync(v, url, ct);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var secret = WebhookSignature.NewSecret();
        var protectedSecret = protector.Protect(secret);
        return await gate.ExecuteAsync(p, async ctx =>
        {
            if (!await ctx.Db.Accounts.AnyAsync(a => a.Id == accountId))
            {
                return Error.NotFound("Account");
            }

            if (await ctx.Db.WebhookEndpoints.CountAsync(e => e.AccountId == accountId) >= WebhookRules.MaxEndpointsPerAccount)
            {
                return Error.LimitReached($"An account may register at most {WebhookRules.MaxEndpointsPerAccount} webhooks.", "url");
            }

            var endpoint = new WebhookEndpoint
            {
                Id = PublicId.NewGuid(ctx.Now),
                AccountId = accountId,
                Url = url,
                EventTypes = string.Join(' ', patterns!),
                Description = description,
                Enabled = input.Enabled ?? true,
                Secret = protectedSecret,

                // Every event committed so far is older than the endpoint (the gate serialises writers).
                StartSequence = await ctx.Db.Events.MaxAsync(e => (long?)e.Sequence) ?? 0,
                CreatedAt = ctx.Now,
                UpdatedAt = ctx.Now,
                Version = 1,
            };
            ctx.Db.WebhookEndpoints.Add(endpoint);
            ctx.Emit(accountId, WebhookEvent.Of<WebhookCreated>(endpoint));
            return Result<WebhookWithSecret>.Ok(new WebhookWithSecret(endpoint, secret));
        }, ct);
    }

    public async Task<Result<WebhookEndpoint>> GetAsync(Principal p, Guid id, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var endpoint = await db.WebhookEndpoints.AsNoTracking().VisibleTo(p, db).FirstOrDefaultAsync(e => e.Id == id, ct);
        return endpoint is null ? Error.NotFound("Webhook") : endpoint;
    }

    public async Task<Result<Page<WebhookEndpoint>>> ListAsync(Principal p, int? limit, string? cursor, CancellationToken ct = default)
    {
        var paging = Paging.Parse(limit, cursor);
        if (!paging.IsSuccess)
        {
            return paging.Error!;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var query = db.WebhookEndpoints.AsNoTracking().VisibleTo(p, db);
        if (paging.Value.After is { } after)
        {
            query = query.Where(e => e.Id.CompareTo(after) > 0);
        }

        var rows = await query.OrderBy(e => e.Id).Take(paging.Value.Limit + 1).ToListAsync(ct);
        return Paging.Build(rows, paging.Value.Limit, e => e.Id);
    }

    public async Task<Result<WebhookEndpoint>> UpdateAsync(Principal p, Guid id, WebhookInput input, int? expectedVersion, CancellationToken ct = default)
    {
        var v = new Validator();
        var url = input.Url is null ? null : v.Required("url", input.Url, WebhookRules.MaxUrlLength);
        var patterns = WebhookRules.EventTypes(v, input.EventTypes, required: false);
        var description = v.Optional("description", input.Description, Limits.Description);
        if (url is not null)
        {
            await CheckUrlAsync(v, url, ct);
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var current = await GetAsync(p, id, ct);
        if (!current.IsSuccess)
        {
            return current.Error!;
        }

        return await gate.ExecuteAsync(p, async ctx =>
        {
            var endpoint = await ctx.Db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == id);
            if (endpoint is null)
            {
                return Error.NotFound("Webhook");
            }

            if (expectedVersion is { } expected && expected != endpoint.Version)
            {
                return Error.VersionConflict();
            }

            endpoint.Url = url ?? endpoint.Url;
            endpoint.EventTypes = patterns is null ? endpoint.EventTypes : string.Join(' ', patterns);
            endpoint.Description = input.Description is null ? endpoint.Description : description;
            if (input.Enabled is true && !endpoint.Enabled)
            {
                // A fresh start: the failures that disabled it are history, and it receives events from now on.
                endpoint.Enabled = true;
                endpoint.DisabledReason = null;
                endpoint.FailingSince = null;
                endpoint.StartSequence = await ctx.Db.Events.MaxAsync(e => (long?)e.Sequence) ?? 0;
            }
            else if (input.Enabled is false && endpoint.Enabled)
            {
                endpoint.Enabled = false;
                await DeadLetterPendingAsync(ctx, endpoint.Id, "The endpoint was disabled.");
            }

            endpoint.UpdatedAt = ctx.Now;
            endpoint.Version++;
            ctx.Emit(endpoint.AccountId, WebhookEvent.Of<WebhookUpdated>(endpoint));
            return Result<WebhookEndpoint>.Ok(endpoint);
        }, ct);
    }

    public async Task<Result<Done>> DeleteAsync(Principal p, Guid id, CancellationToken ct = default)
    {
        var current = await GetAsync(p, id, ct);
        if (!current.IsSuccess)
        {
            return current.Error!;
        }

        return await gate.ExecuteAsync(p, async ctx =>
        {
            var endpoint = await ctx.Db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == id);
            if (endpoint is null)
            {
                return Error.NotFound("Webhook");
            }

            // Its delivery log goes with it (cascade).
            ctx.Db.WebhookEndpoints.Remove(endpoint);
            ctx.Emit(endpoint.AccountId, WebhookEvent.Of<WebhookDeleted>(endpoint));
            return Result<Done>.Ok(new Done());
        }, ct);
    }

    /// <summary>
    /// Replaces the signing secret. The old one keeps signing beside the new one for
    /// <paramref name="overlapSeconds"/> (default 24 hours; 0 retires it at once, for a leaked secret).
    /// </summary>
    public async Task<Result<WebhookWithSecret>> RotateSecretAsync(Principal p, Guid id, int? overlapSeconds, CancellationToken ct = default)
    {
        var maxOverlap = (int)WebhookRules.SecretOverlap.TotalSeconds;
        if (overlapSeconds is < 0 || overlapSeconds > maxOverlap)
        {
            return Error.Invalid("overlap_seconds", FieldRule.OutOfRange, $"overlap_seconds must be between 0 and {maxOverlap}.",
                new Dictionary<string, object> { ["min"] = 0, ["max"] = maxOverlap });
        }

        var current = await GetAsync(p, id, ct);
        if (!current.IsSuccess)
        {
            return current.Error!;
        }

        var secret = WebhookSignature.NewSecret();
        var protectedSecret = protector.Protect(secret);
        var overlap = TimeSpan.FromSeconds(overlapSeconds ?? maxOverlap);
        return await gate.ExecuteAsync(p, async ctx =>
        {
            var endpoint = await ctx.Db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == id);
            if (endpoint is null)
            {
                return Error.NotFound("Webhook");
            }

            endpoint.PreviousSecret = overlap > TimeSpan.Zero ? endpoint.Secret : null;
            endpoint.PreviousSecretExpiresAt = overlap > TimeSpan.Zero ? ctx.Now + overlap : null;
            endpoint.Secret = protectedSecret;
            endpoint.UpdatedAt = ctx.Now;
            endpoint.Version++;
            ctx.Emit(endpoint.AccountId, WebhookEvent.Of<WebhookSecretRotated>(endpoint) with { PreviousSecretExpiresAt = endpoint.PreviousSecretExpiresAt });
            return Result<WebhookWithSecret>.Ok(new WebhookWithSecret(endpoint, secret));
        }, ct);
    }

    /// <summary>Moves an endpoint's waiting messages to the dead-letter list (they can be replayed later).</summary>
    internal static Task<int> DeadLetterPendingAsync(WriteContext ctx, Guid endpointId, string reason)
    {
        var now = ctx.Now;
        return ctx.Db.WebhookDeliveries
            .Where(d => d.EndpointId == endpointId && d.Status == DeliveryStatus.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, DeliveryStatus.DeadLettered)
                .SetProperty(d => d.NextAttemptAt, (DateTimeOffset?)null)
                .SetProperty(d => d.CompletedAt, now)
                .SetProperty(d => d.LastError, reason)
                .SetProperty(d => d.ClaimToken, (Guid?)null)
                .SetProperty(d => d.ClaimedUntil, (DateTimeOffset?)null)
                .SetProperty(d => d.Version, d => d.Version + 1));
    }

    private async Task CheckUrlAsync(Validator v, string url, CancellationToken ct)
    {
        if (url.Length == 0 || url.Length > WebhookRules.MaxUrlLength)
        {
            return;
        }

        var problem = targets.CheckForm(url, out var uri);
        problem ??= await targets.CheckAddressesAsync(uri!, ct);
        if (problem is not null)
        {
            v.Add("url", FieldRule.Format, problem);
        }
    }
}
