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

public sealed record AccountInput(string? Name, string? Email);

/// <summary>Accounts (tenants). Only root creates, lists and deletes them; an account reads and renames itself.</summary>
public sealed class AccountService(IDbContextFactory<StewardDb> dbs, WriteGate gate, CredentialService credentials)
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
        if (!v.IsValid)
        {
            return v.ToError();
        }

        return await gate.ExecuteAsync(p, async ctx =>
        {
            var number = (await ctx.Db.Accounts.MaxAsync(a => (long?)a.Number) ?? 0) + 1;
            var account = new Account
            {
                Id = PublicId.NewGuid(ctx.Now),
                Number = number,
                Name = name,
                Email = email!,
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
        if (!v.IsValid)
        {
            return v.ToError();
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

            account.Name = name ?? account.Name;
            account.Email = email ?? account.Email;
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
}
