using Microsoft.EntityFrameworkCore;
using Steward.Core.Caching;
using Steward.Core.Identity;
using Steward.Core.Ids;
using Steward.Core.Options;
using Steward.Core.Results;
using Steward.Core.Security;
using Steward.Core.Storage;
using Steward.Core.Tenancy;
using Steward.Core.Writes;

namespace Steward.Core.Access;

/// <summary>A credential together with its secret, as shown once at creation or rotation.</summary>
public sealed record IssuedCredential(Credential Credential, string Secret);

/// <summary>An API key with its decrypted secret.</summary>
public sealed record RevealedCredential(string ApiKey, string Secret);

/// <summary>What token issuance needs to know about a credential; cached by API key.</summary>
public sealed record CredentialSnapshot(
    Guid Id,
    PrincipalKind OwnerKind,
    Guid OwnerId,
    Guid AccountId,
    Guid OrganisationId,
    byte[] SecretHash,
    bool Revoked);

/// <summary>API keys and secrets of accounts, organisations and users: create, list, rotate, revoke, verify.</summary>
public sealed class CredentialService(
    IDbContextFactory<StewardDb> dbs,
    WriteGate gate,
    SecretProtector protector,
    ReadCache cache,
    IEnumerable<ICredentialOwner> ownerKinds,
    Microsoft.Extensions.Options.IOptions<StewardOptions> options)
{
    private readonly Dictionary<PrincipalKind, ICredentialOwner> owners = ownerKinds.ToDictionary(o => o.Kind);

    public TimeSpan TokenLifetime => TimeSpan.FromSeconds(options.Value.TokenLifetimeSeconds);

    /// <summary>Adds a new credential inside a write (used when an account, organisation or user is created).</summary>
    public IssuedCredential Add(WriteContext ctx, PrincipalKind ownerKind, Guid ownerId, Guid? accountId, bool primary, string? label)
    {
        var (keyPrefix, secretPrefix, _) = PrincipalKinds.Prefixes(ownerKind);
        var secret = Secrets.NewSecret(secretPrefix);
        var credential = new Credential
        {
            Id = PublicId.NewGuid(ctx.Now),
            AccountId = accountId,
            OwnerKind = ownerKind,
            OwnerId = ownerId,
            ApiKey = Secrets.NewApiKey(keyPrefix),
            SecretHash = Secrets.Hash(secret),
            SecretCipher = protector.Protect(secret),
            Label = label,
            IsPrimary = primary,
            CreatedAt = ctx.Now,
        };
        ctx.Db.Credentials.Add(credential);
        ctx.Emit(accountId, CredentialEvent.Of<CredentialCreated>(credential));
        return new IssuedCredential(credential, secret);
    }

    /// <summary>Creates an extra credential for an owner (default: the caller itself).</summary>
    public async Task<Result<IssuedCredential>> CreateAsync(Principal p, string? ownerId, string? label, CancellationToken ct = default)
    {
        var v = new Validator();
        label = v.Name("label", label, Limits.Name, required: false);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var owner = await ResolveOwnerAsync(p, ownerId, ct);
        if (!owner.IsSuccess)
        {
            return owner.Error!;
        }

        var (kind, id, accountId) = owner.Value;
        return await gate.ExecuteAsync(p, async ctx =>
        {
            if (owners.TryGetValue(kind, out var owner) && !await owner.ExistsAsync(ctx.Db, id, CancellationToken.None))
            {
                return Error.NotFound("Owner");
            }

            return Result<IssuedCredential>.Ok(Add(ctx, kind, id, accountId == Guid.Empty ? null : accountId, primary: false, label));
        }, ct);
    }

    public async Task<Result<IReadOnlyList<Credential>>> ListAsync(Principal p, string? ownerId, CancellationToken ct = default)
    {
        var owner = await ResolveOwnerAsync(p, ownerId, ct);
        if (!owner.IsSuccess)
        {
            return owner.Error!;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var list = await db.Credentials.AsNoTracking()
            .Where(c => c.OwnerId == owner.Value.Id && c.RevokedAt == null)
            .OrderBy(c => c.CreatedAt)
            .ToListAsync(ct);
        return list;
    }

    /// <summary>
    /// Live credentials, of one owner when given (checked as above), otherwise all the caller manages:
    /// root every credential, an account those of its account, anyone else its own; those whose label
    /// or API key contains the search term.
    /// </summary>
    public async Task<Result<Page<Credential>>> ListAsync(Principal p, string? ownerId, ListQuery q, CancellationToken ct = default)
    {
        var paging = Paging.Parse(q.Limit, q.Cursor);
        if (!paging.IsSuccess)
        {
            return paging.Error!;
        }

        Guid? onlyOwner = null;
        if (!string.IsNullOrEmpty(ownerId) || p.Kind is not (PrincipalKind.Root or PrincipalKind.Account))
        {
            var owner = await ResolveOwnerAsync(p, ownerId, ct);
            if (!owner.IsSuccess)
            {
                return owner.Error!;
            }

            onlyOwner = owner.Value.Id;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var query = db.Credentials.AsNoTracking().Where(c => c.RevokedAt == null);
        if (onlyOwner is { } only)
        {
            query = query.Where(c => c.OwnerId == only);
        }
        else if (!p.IsRoot)
        {
            var accountId = p.AccountId;
            query = query.Where(c => c.AccountId == accountId);
        }

        if (q.Term is { } term)
        {
            query = query.Where(c => c.ApiKey.ToLower().Contains(term) || (c.Label != null && c.Label.ToLower().Contains(term)));
        }

        if (paging.Value.After is { } after)
        {
            query = query.Where(c => c.Id.CompareTo(after) > 0);
        }

        var rows = await query.OrderBy(c => c.Id).Take(paging.Value.Limit + 1).ToListAsync(ct);
        return Paging.Build(rows, paging.Value.Limit, c => c.Id);
    }

    public async Task<Result<Credential>> GetAsync(Principal p, Guid id, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var credential = await db.Credentials.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (credential is null || await CanManageAsync(p, credential, ct) is not null)
        {
            return Error.NotFound("Credential");
        }

        return credential;
    }

    /// <summary>Replaces the secret (the key stays); tokens issued with the old secret stop working at once.</summary>
    public async Task<Result<IssuedCredential>> RotateAsync(Principal p, Guid id, CancellationToken ct = default)
    {
        var found = await GetAsync(p, id, ct);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var (_, secretPrefix, _) = PrincipalKinds.Prefixes(found.Value.OwnerKind);
        var secret = Secrets.NewSecret(secretPrefix);
        return await gate.ExecuteAsync(p, async ctx =>
        {
            var credential = await ctx.Db.Credentials.FirstOrDefaultAsync(c => c.Id == id && c.RevokedAt == null);
            if (credential is null)
            {
                return Error.NotFound("Credential");
            }

            credential.SecretHash = Secrets.Hash(secret);
            credential.SecretCipher = protector.Protect(secret);
            credential.RotatedAt = ctx.Now;
            credential.Version++;
            ctx.Revoke(credential.Id, ctx.Now, ctx.Now + TokenLifetime);
            ctx.Emit(credential.AccountId, CredentialEvent.Of<CredentialRotated>(credential));
            var key = credential.ApiKey;
            return Result<IssuedCredential>.Ok(new IssuedCredential(credential, secret));
        }, ct);
    }

    /// <summary>Revokes a credential and every token issued with it, at once.</summary>
    public async Task<Result<Credential>> RevokeAsync(Principal p, Guid id, CancellationToken ct = default)
    {
        var found = await GetAsync(p, id, ct);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        return await gate.ExecuteAsync(p, async ctx =>
        {
            var credential = await ctx.Db.Credentials.FirstOrDefaultAsync(c => c.Id == id);
            if (credential is null)
            {
                return Error.NotFound("Credential");
            }

            if (credential.RevokedAt is null)
            {
                credential.RevokedAt = ctx.Now;
                credential.Version++;
                ctx.Revoke(credential.Id, ctx.Now, ctx.Now + TokenLifetime);
                ctx.Emit(credential.AccountId, CredentialEvent.Of<CredentialRevoked>(credential));
                var key = credential.ApiKey;
            }

            return Result<Credential>.Ok(credential);
        }, ct);
    }

    /// <summary>Deletes the credentials of owners that are being deleted, inside their write.</summary>
    public async Task RemoveForOwnersAsync(WriteContext ctx, IReadOnlyCollection<Guid> ownerIds)
    {
        var doomed = await ctx.Db.Credentials.Where(c => ownerIds.Contains(c.OwnerId)).ToListAsync();
        ctx.Db.Credentials.RemoveRange(doomed);
    }

    /// <summary>Looks a credential up by API key, from the cache when it can.</summary>
    public async Task<CredentialSnapshot?> FindAsync(string apiKey, CancellationToken ct = default)
    {
        if (apiKey.Length is 0 or > 64)
        {
            return null;
        }

        if (cache.TryGet<CredentialSnapshot>(new CredentialCacheKey(apiKey), out var snapshot))
        {
            return snapshot;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var c = await db.Credentials.AsNoTracking().FirstOrDefaultAsync(x => x.ApiKey == apiKey, ct);
        if (c is null)
        {
            return null;
        }

        var organisationId = owners.TryGetValue(c.OwnerKind, out var owner) ? await owner.OrganisationOfAsync(db, c.OwnerId, ct) : Guid.Empty;
        snapshot = new CredentialSnapshot(c.Id, c.OwnerKind, c.OwnerId, c.AccountId ?? Guid.Empty, organisationId, c.SecretHash, c.RevokedAt is not null);
        cache.Set(new CredentialCacheKey(apiKey), snapshot);
        return snapshot;
    }

    /// <summary>Checks a key and secret; the answer does not tell which of the two was wrong.</summary>
    public async Task<Result<CredentialSnapshot>> VerifyAsync(string? apiKey, string? secret, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(apiKey) || string.IsNullOrEmpty(secret))
        {
            return Error.Unauthorized("An API key and secret are required.");
        }

        var snapshot = await FindAsync(apiKey, ct);
        if (snapshot is null || snapshot.Revoked || !Secrets.Verify(secret, snapshot.SecretHash))
        {
            return Error.Unauthorized("The API key or secret is wrong, or the key has been revoked.");
        }

        return snapshot;
    }

    /// <summary>
    /// Checks a secret sent without its key (Spreedly's API token is an account's secret alone): the
    /// secret's lookup hash finds the key, then the key and secret are verified as usual. No index on the
    /// hash yet: add one (with a migration) before a face puts this on a busy path.
    /// </summary>
    public async Task<Result<CredentialSnapshot>> VerifySecretAsync(string? secret, CancellationToken ct = default)
    {
        string? apiKey = null;
        if (!string.IsNullOrEmpty(secret) && secret.Length <= 200)
        {
            var hash = Secrets.Hash(secret);
            await using var db = await dbs.CreateDbContextAsync(ct);
            apiKey = await db.Credentials.AsNoTracking().Where(c => c.SecretHash == hash).Select(c => c.ApiKey).FirstOrDefaultAsync(ct);
        }

        return apiKey is not null && await VerifyAsync(apiKey, secret, ct) is { IsSuccess: true } verified
            ? verified
            : Error.Unauthorized("The API secret is wrong, or its key has been revoked.");
    }

    /// <summary>The owner's primary credential (the one a face shows as its key and secret).</summary>
    public async Task<Credential?> PrimaryOfAsync(StewardDb db, Guid ownerId, CancellationToken ct = default) =>
        await db.Credentials.AsNoTracking()
            .Where(c => c.OwnerId == ownerId && c.RevokedAt == null)
            .OrderByDescending(c => c.IsPrimary).ThenBy(c => c.CreatedAt)
            .FirstOrDefaultAsync(ct);

    /// <summary>
    /// The primary key and secret of each owner the caller manages, by owner id (owners it does not
    /// manage, or with no live credential, are absent). For the Kandy face, which shows a domain's
    /// and its users' secrets to the account or domain that owns them, as the legacy API did.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, RevealedCredential>> RevealPrimariesAsync(Principal p, IReadOnlyCollection<Guid> ownerIds, CancellationToken ct = default)
    {
        var found = new Dictionary<Guid, RevealedCredential>(ownerIds.Count);
        if (ownerIds.Count == 0)
        {
            return found;
        }

        var primaries = new Dictionary<Guid, Credential>(ownerIds.Count);
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            foreach (var chunk in ownerIds.Distinct().Chunk(500))
            {
                var rows = await db.Credentials.AsNoTracking()
                    .Where(c => chunk.Contains(c.OwnerId) && c.RevokedAt == null)
                    .ToListAsync(ct);
                foreach (var group in rows.GroupBy(c => c.OwnerId))
                {
                    primaries[group.Key] = group.OrderByDescending(c => c.IsPrimary).ThenBy(c => c.CreatedAt).First();
                }
            }
        }

        // One read per kind of owner for the access check, not one per credential.
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            var candidates = primaries.Values.Where(c => p.IsRoot || (c.AccountId is { } a && AccessControl.InAccount(p, a))).ToList();
            var allowed = new HashSet<Guid>();
            foreach (var kind in candidates.GroupBy(c => c.OwnerKind))
            {
                if (p.IsRoot)
                {
                    allowed.UnionWith(kind.Select(c => c.OwnerId));
                }
                else if (owners.TryGetValue(kind.Key, out var owner))
                {
                    allowed.UnionWith(await owner.ManageableAsync(p, db, kind.Select(c => c.OwnerId).ToList(), ct));
                }
            }

            foreach (var credential in candidates.Where(c => allowed.Contains(c.OwnerId)))
            {
                found[credential.OwnerId] = new RevealedCredential(credential.ApiKey, protector.Unprotect(credential.SecretCipher));
            }
        }

        return found;
    }


    private async Task<Error?> CanManageAsync(Principal p, Credential c, CancellationToken ct)
    {
        if (p.IsRoot)
        {
            return null;
        }

        // A credential of no account (a platform merchant's) is left to its owner's rule; root's own has no owner kind here.
        if ((c.AccountId is { } accountId && !AccessControl.InAccount(p, accountId)) || !owners.TryGetValue(c.OwnerKind, out var owner))
        {
            return Error.NotFound("Credential");
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        return await owner.CanManageAsync(p, db, c.OwnerId, ct);
    }

    private async Task<Result<(PrincipalKind Kind, Guid Id, Guid AccountId)>> ResolveOwnerAsync(Principal p, string? ownerId, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(ownerId))
        {
            return (p.Kind, p.SubjectId, p.AccountId);
        }

        if (!PrincipalKinds.TryParse(ownerId, out var kind, out var id) || !owners.TryGetValue(kind, out var owner))
        {
            return Error.Invalid("owner_id", "owner_id must be the id of an account, organisation, user or merchant (acct-…, org-…, user-…, merchant-…).");
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var account = await owner.ResolveAsync(p, db, id, ct);
        return account.IsSuccess ? (kind, id, account.Value) : account.Error!;
    }
}
