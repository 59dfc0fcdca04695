using Microsoft.EntityFrameworkCore;
using Steward.Core.Access;
using Steward.Core.Caching;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Storage;
using Steward.Core.Writes;

namespace Steward.Core.Tenancy;

/// <summary>An account created together with its first credential.</summary>
public sealed record CreatedAccount(Account Account, IssuedCredential Credential);

/// <summary>Input for creating or changing an account; null fields are left as they are (or derived, on create).</summary>
public sealed record AccountInput(string? Name, string? Email, string? Slug = null, bool? Test = null);

/// <summary>Accounts (tenants). Only root creates, lists and deletes them; an account reads and renames itself.</summary>
public sealed class AccountService(IDbContextFactory<StewardDb> dbs, WriteGate gate, CredentialService credentials, ReadCache cache)
{
    public async Task<Result<CreatedAccount>> CreateAsync(Principal p, AccountInput input, CancellationToken ct = default)
    {
        if (!p.IsRoot)
        {
            return Error.Forbidden("Only the root credential may create accounts.");
        }

        var v = new Validator();
        var name = v.Name("name", input.Name, Limits.Name, required: true)!;
        var email = v.Email("email", input.Email, required: true);
        var askedSlug = ValidateSlug(v, input.Slug);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        return await gate.ExecuteAsync(p, async ctx =>
        {
            if (askedSlug is not null && await ctx.Db.Accounts.AnyAsync(a => a.Slug == askedSlug))
            {
                return SlugTaken(askedSlug);
            }

            var slug = askedSlug ?? await FreeSlugAsync(ctx.Db, Ids.Slug.From(name, "account"));
            ctx.OnUniqueViolation = SlugTaken(slug);
            var number = (await ctx.Db.Accounts.MaxAsync(a => (long?)a.Number) ?? 0) + 1;
            var account = new Account
            {
                Id = PublicId.NewGuid(ctx.Now),
                Number = number,
                Name = name,
                Email = email!,
                Slug = slug,
                Test = input.Test ?? false,
                CreatedAt = ctx.Now,
                UpdatedAt = ctx.Now,
                Version = 1,
            };
            ctx.Db.Accounts.Add(account);
            ctx.Emit(account.Id, AccountEvent.Of<AccountCreated>(account));
            var credential = credentials.Add(ctx, PrincipalKind.Account, account.Id, account.Id, primary: true, label: "primary");
            return Result<CreatedAccount>.Ok(new CreatedAccount(account, credential));
        }, ct);
    }

    public async Task<Result<Account>> GetAsync(Principal p, Guid id, CancellationToken ct = default)
    {
        if (!AccessControl.OwnsAccount(p, id) && !(p.AccountId == id && p.Kind != PrincipalKind.Root))
        {
            return Error.NotFound("Account");
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        return account is null ? Error.NotFound("Account") : account;
    }

    /// <summary>
    /// The account a slug names (a realm, a Spreedly site), or null. No access check: a face resolves
    /// the account from its path first and authenticates the caller against it after. Cached.
    /// </summary>
    public async Task<Account?> FindBySlugAsync(string slug, CancellationToken ct = default)
    {
        if (!Ids.Slug.IsValid(slug))
        {
            return null;
        }

        var key = new AccountSlugCacheKey(slug);
        if (cache.TryGet<Account>(key, out var cached))
        {
            return cached;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Slug == slug, ct);
        if (account is not null)
        {
            cache.Set(key, account);
        }

        return account;
    }

    public Task<Result<Page<Account>>> ListAsync(Principal p, int? limit, string? cursor, CancellationToken ct = default) =>
        ListAsync(p, new ListQuery(limit, cursor), ct);

    /// <summary>The accounts the caller sees (root: all; an account: itself), those whose name or email contains the search term.</summary>
    public async Task<Result<Page<Account>>> ListAsync(Principal p, ListQuery q, CancellationToken ct = default)
    {
        var paging = Paging.Parse(q.Limit, q.Cursor);
        if (!paging.IsSuccess)
        {
            return paging.Error!;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var query = db.Accounts.AsNoTracking();
        if (!p.IsRoot)
        {
            query = query.Where(a => a.Id == p.AccountId);
        }

        if (q.Term is { } term)
        {
            query = query.Where(a => a.Name.ToLower().Contains(term) || a.Email.ToLower().Contains(term));
        }

        if (paging.Value.After is { } after)
        {
            query = query.Where(a => a.Id.CompareTo(after) > 0);
        }

        var rows = await query.OrderBy(a => a.Id).Take(paging.Value.Limit + 1).ToListAsync(ct);
        return Paging.Build(rows, paging.Value.Limit, a => a.Id);
    }

    public async Task<Result<Account>> UpdateAsync(Principal p, Guid id, AccountInput input, int? expectedVersion, CancellationToken ct = default)
    {
        if (!AccessControl.OwnsAccount(p, id))
        {
            return p.AccountId == id ? Error.Forbidden("Only the account itself or root may change the account.") : Error.NotFound("Account");
        }

        var v = new Validator();
        var name = input.Name is null ? null : v.Name("name", input.Name, Limits.Name, required: true);
        var email = input.Email is null ? null : v.Email("email", input.Email, required: true);
        var slug = ValidateSlug(v, input.Slug);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        if (input.Test is not null && !p.IsRoot)
        {
            return Error.Forbidden("Only root may mark an account as a test account.");
        }

        return await gate.ExecuteAsync(p, async ctx =>
        {
            var account = await ctx.Db.Accounts.FirstOrDefaultAsync(a => a.Id == id);
            if (account is null)
            {
                return Error.NotFound("Account");
            }

            if (expectedVersion is { } expected && expected != account.Version)
            {
                return Error.VersionConflict();
            }

            if (slug is not null && slug != account.Slug)
            {
                if (await ctx.Db.Accounts.AnyAsync(a => a.Slug == slug))
                {
                    return SlugTaken(slug);
                }

                ctx.OnUniqueViolation = SlugTaken(slug);
                account.Slug = slug;
            }

            account.Name = name ?? account.Name;
            account.Email = email ?? account.Email;
            account.Test = input.Test ?? account.Test;
            account.UpdatedAt = ctx.Now;
            account.Version++;
            ctx.Emit(account.Id, AccountEvent.Of<AccountUpdated>(account));
            return Result<Account>.Ok(account);
        }, ct);
    }

    /// <summary>Deletes an account and everything in it; all its tokens stop working at once.</summary>
    public async Task<Result<Done>> DeleteAsync(Principal p, Guid id, CancellationToken ct = default)
    {
        if (!p.IsRoot)
        {
            return p.AccountId == id ? Error.Forbidden("Only root may delete an account.") : Error.NotFound("Account");
        }

        return await gate.ExecuteAsync(p, async ctx =>
        {
            var account = await ctx.Db.Accounts.FirstOrDefaultAsync(a => a.Id == id);
            if (account is null)
            {
                return Error.NotFound("Account");
            }

            var owners = await ctx.Db.Credentials.Where(c => c.AccountId == id).Select(c => c.OwnerId).Distinct().ToListAsync();
            await credentials.RemoveForOwnersAsync(ctx, owners);
            ctx.Db.Accounts.Remove(account);
            ctx.Revoke(id, ctx.Now, ctx.Now + credentials.TokenLifetime);
            ctx.Emit(id, AccountEvent.Of<AccountDeleted>(account));
            return Result<Done>.Ok(new Done());
        }, ct);
    }

    private static string? ValidateSlug(Validator v, string? raw)
    {
        if (raw is null)
        {
            return null;
        }

        if (!Ids.Slug.IsValid(raw))
        {
            v.Add("slug", FieldRule.Format, $"slug must be 1 to {Ids.Slug.MaxLength} lower-case letters, digits and single dashes, not starting or ending with a dash.");
            return null;
        }

        return raw;
    }

    private static Error SlugTaken(string slug) => Error.Conflict("slug", $"The slug '{slug}' is already taken.");

    /// <summary>The first of <c>base</c>, <c>base-2</c>, <c>base-3</c>… that no account has; one indexed range read.</summary>
    private static async Task<string> FreeSlugAsync(StewardDb db, string baseSlug)
    {
        var prefix = baseSlug + "-";
        var taken = (await db.Accounts.Where(a => a.Slug == baseSlug || a.Slug.StartsWith(prefix)).Select(a => a.Slug).ToListAsync()).ToHashSet(StringComparer.Ordinal);
        for (var n = 1; ; n++)
        {
            var candidate = Ids.Slug.WithSuffix(baseSlug, n);
            if (!taken.Contains(candidate))
            {
                return candidate;
            }
        }
    }
}
