using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Steward.Core.Access;
using Steward.Core.Results;
using Steward.Core.Security;
using Steward.Core.Storage;
using Steward.Core.Writes;

namespace Steward.Core.Idempotency;

/// <summary>What to do with a POST that carries an Idempotency-Key.</summary>
public enum IdempotencyDecision
{
    /// <summary>First time: run it, then call <see cref="IdempotencyStore.CompleteAsync"/>.</summary>
    Proceed,

    /// <summary>Seen and finished: answer with the stored response.</summary>
    Replay,

    /// <summary>The same key was used with a different request.</summary>
    Mismatch,

    /// <summary>The first request with this key is still running.</summary>
    InProgress,
}

public sealed record IdempotencyOutcome(IdempotencyDecision Decision, IdempotencyRecord? Stored);

/// <summary>
/// Remembers answers to POSTs by (caller, key) for a day, so a retried POST is not applied twice.
/// Stored answers are encrypted like API secrets: a create's answer holds the new secret.
/// </summary>
public sealed class IdempotencyStore(IDbContextFactory<StewardDb> dbs, WriteGate gate, Security.SecretProtector protector)
{
    public static string HashRequest(string method, string path, ReadOnlySpan<byte> body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(method + " " + path + "\n"));
        hash.AppendData(body);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public async Task<IdempotencyOutcome> BeginAsync(Principal p, string key, string requestHash, CancellationToken ct = default)
    {
        var scope = p.ActorId + ":" + key;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            var existing = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Scope == scope, ct);
            if (existing is not null)
            {
                return Decide(existing, requestHash);
            }
        }

        var claimed = await gate.ExecuteAsync(p, async ctx =>
        {
            var existing = await ctx.Db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Scope == scope);
            if (existing is not null)
            {
                return Result<IdempotencyOutcome>.Ok(Decide(existing, requestHash));
            }

            ctx.Db.IdempotencyRecords.Add(new IdempotencyRecord { Scope = scope, RequestHash = requestHash, CreatedAt = ctx.Now });
            return Result<IdempotencyOutcome>.Ok(new IdempotencyOutcome(IdempotencyDecision.Proceed, null));
        }, ct);
        return claimed.IsSuccess ? claimed.Value : new IdempotencyOutcome(IdempotencyDecision.InProgress, null);
    }

    /// <summary>Stores the answer; a 5xx answer releases the key so the client may retry.</summary>
    public async Task CompleteAsync(Principal p, string key, int status, string? contentType, string? body, string? location)
    {
        var scope = p.ActorId + ":" + key;
        await gate.ExecuteAsync(p, async ctx =>
        {
            var record = await ctx.Db.IdempotencyRecords.FirstOrDefaultAsync(r => r.Scope == scope);
            if (record is not null)
            {
                if (status >= 500)
                {
                    ctx.Db.IdempotencyRecords.Remove(record);
                }
                else
                {
                    record.StatusCode = status;
                    record.ContentType = contentType;
                    record.Body = body is null ? null : protector.Protect(body);
                    record.Location = location;
                }
            }

            return Result<Done>.Ok(new Done());
        });
    }

    private IdempotencyOutcome Decide(IdempotencyRecord existing, string requestHash)
    {
        if (existing.RequestHash != requestHash)
        {
            return new(IdempotencyDecision.Mismatch, null);
        }

        if (existing.StatusCode == 0)
        {
            return new(IdempotencyDecision.InProgress, null);
        }

        existing.Body = existing.Body is null ? null : protector.Unprotect(existing.Body);
        return new(IdempotencyDecision.Replay, existing);
    }
}
