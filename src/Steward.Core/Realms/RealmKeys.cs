using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Steward.Core.Access;
using Steward.Core.Caching;
using Steward.Core.Options;
using Steward.Core.Results;
using Steward.Core.Security;
using Steward.Core.Storage;
using Steward.Core.Writes;

namespace Steward.Core.Realms;

/// <summary>
/// The realms' signing keys: RSA 2048, made on first need, stored with the private key encrypted by the
/// master key, and held in the read cache so that issuing and checking a token reads no database once warm.
/// A rotation (asked for by root, or due when the active key is older than <see cref="RealmOptions.KeyRotationDays"/>)
/// retires the active key; a retired key stays published for a token lifetime and a margin, so that what it
/// signed still verifies, and is deleted a day after that.
/// </summary>
public sealed class RealmKeys(
    IDbContextFactory<StewardDb> dbs,
    WriteGate gate,
    SecretProtector protector,
    ReadCache cache,
    IOptions<StewardOptions> options,
    TimeProvider time) : IDisposable
{
    /// <summary>How long past its retirement a key is published beyond the token lifetime: the clock skew tokens are allowed.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMinutes(2);

    private readonly RealmOptions o = options.Value.Realms;
    private readonly SemaphoreSlim loading = new(1, 1);

    /// <summary>How long a realm's access token lives.</summary>
    public TimeSpan TokenLifetime => TimeSpan.FromSeconds(Math.Max(1, o.AccessTokenLifetimeSeconds));

    /// <summary>The current keys; made (or rotated, when due) on the way when needed.</summary>
    public async ValueTask<RealmKeySet> GetAsync(CancellationToken ct = default)
    {
        if (cache.TryGet<RealmKeySet>(RealmKeySet.CacheKey, out var set) && set!.RefreshAt > time.GetUtcNow())
        {
            return set;
        }

        return await LoadAsync(rotate: false, ct);
    }

    /// <summary>Retires the active key and signs with a new one from now on (root only).</summary>
    public async Task<Result<RealmKeySet>> RotateAsync(Principal p, CancellationToken ct = default)
    {
        if (!p.IsRoot)
        {
            return Error.Forbidden("Only root can rotate the signing keys.");
        }

        return await LoadAsync(rotate: true, ct);
    }

    private async Task<RealmKeySet> LoadAsync(bool rotate, CancellationToken ct)
    {
        // One loader at a time, so that a cold start under load makes one key, not one per request.
        await loading.WaitAsync(ct);
        try
        {
            if (!rotate && cache.TryGet<RealmKeySet>(RealmKeySet.CacheKey, out var loaded) && loaded!.RefreshAt > time.GetUtcNow())
            {
                return loaded;
            }

            var rows = await ReadAsync(ct);
            var active = rows.FirstOrDefault(k => k.RetiredAt is null);
            if (rotate || active is null || Due(active))
            {
                await AddKeyAsync(active?.KeyId, rotate);
                rows = await ReadAsync(ct);
            }

            var set = Build(rows);
            cache.Set(RealmKeySet.CacheKey, set);
            return set;
        }
        finally
        {
            loading.Release();
        }
    }

    public void Dispose() => loading.Dispose();

    private bool Due(SigningKey active) =>
        o.KeyRotationDays > 0 && active.CreatedAt + TimeSpan.FromDays(o.KeyRotationDays) <= time.GetUtcNow();

    private async Task<List<SigningKey>> ReadAsync(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var rows = await db.SigningKeys.AsNoTracking().ToListAsync(ct);

        // Newest first: should two instances have made a first key at once, the newer signs.
        return [.. rows.OrderBy(k => k.RetiredAt is null ? 0 : 1).ThenByDescending(k => k.CreatedAt)];
    }

    /// <summary>Makes a key (outside the gate: RSA generation is slow) and, in the gate, lets it take over.</summary>
    private async Task AddKeyAsync(string? seenActive, bool forced)
    {
        using var rsa = RSA.Create(2048);
        var publicKey = Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo());
        var privateKey = protector.Protect(Convert.ToBase64String(rsa.ExportPkcs8PrivateKey()));
        var result = await gate.ExecuteAsync(Principal.System, async ctx =>
        {
            var current = await ctx.Db.SigningKeys.Where(k => k.RetiredAt == null).ToListAsync();

            // Another instance rotated meanwhile: its key is as new as ours would be.
            if (!forced && current.Any(k => k.KeyId != seenActive && !Due(k)))
            {
                return Result<Done>.Ok(default);
            }

            foreach (var old in current)
            {
                old.RetiredAt = ctx.Now;
            }

            var forgotten = ctx.Now - TokenLifetime - Margin - TimeSpan.FromDays(1);
            ctx.Db.SigningKeys.RemoveRange(await ctx.Db.SigningKeys.Where(k => k.RetiredAt != null && k.RetiredAt < forgotten).ToListAsync());
            var id = Guid.CreateVersion7(ctx.Now);
            ctx.Db.SigningKeys.Add(new SigningKey
            {
                Id = id,
                KeyId = id.ToString("N"),
                PublicKey = publicKey,
                PrivateKeyCipher = privateKey,
                CreatedAt = ctx.Now,
            });
            ctx.Emit(null, new SigningKeyRotated { KeyId = id.ToString("N"), PreviousKeyId = current.FirstOrDefault()?.KeyId });
            return Result<Done>.Ok(default);
        });
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException("The signing key could not be stored: " + result.Error!.Message);
        }
    }

    private RealmKeySet Build(List<SigningKey> rows)
    {
        var now = time.GetUtcNow();
        var active = rows.First(k => k.RetiredAt is null);
        var signer = RSA.Create();
        signer.ImportPkcs8PrivateKey(Convert.FromBase64String(protector.Unprotect(active.PrivateKeyCipher)), out _);
        var published = new List<RealmKey> { new(active.KeyId, signer, active.PublicKey, active.CreatedAt, null) };
        var refreshAt = o.KeyRotationDays > 0 ? active.CreatedAt + TimeSpan.FromDays(o.KeyRotationDays) : DateTimeOffset.MaxValue;
        foreach (var old in rows.Where(k => k.RetiredAt is { } retired && retired + TokenLifetime + Margin > now))
        {
            var verifier = RSA.Create();
            verifier.ImportSubjectPublicKeyInfo(Convert.FromBase64String(old.PublicKey), out _);
            published.Add(new RealmKey(old.KeyId, verifier, old.PublicKey, old.CreatedAt, old.RetiredAt));
            var unpublishAt = old.RetiredAt!.Value + TokenLifetime + Margin;
            refreshAt = unpublishAt < refreshAt ? unpublishAt : refreshAt;
        }

        return new RealmKeySet(published[0], published, refreshAt);
    }
}
