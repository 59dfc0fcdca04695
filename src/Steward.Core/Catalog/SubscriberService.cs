using Microsoft.EntityFrameworkCore;
using Steward.Core.Access;
using Steward.Core.Identity;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Storage;
using Steward.Core.Tenancy;
using Steward.Core.Writes;

namespace Steward.Core.Catalog;

/// <summary>
/// A subscriber with its user (the email), its subscription as of now (null when it never had one) and,
/// when asked for, its invoices with their lines, oldest first.
/// </summary>
public sealed record SubscriberView(Subscriber Subscriber, User User, SubscriptionView? Subscription, IReadOnlyList<SubscriberInvoice> Invoices);

/// <summary>
/// The subscribers of a subscription site (an account), named by the site's customer ids. Each is an
/// account-level user made and removed with it, in the same write. The account (or root) writes; the
/// subscription actions themselves are <see cref="SubscriptionService"/>'s, keyed by <see cref="FindUserAsync"/>.
/// Deleting subscribers is for test accounts only.
/// </summary>
public sealed partial class SubscriberService(
    IDbContextFactory<StewardDb> dbs,
    WriteGate gate,
    SubscriptionService subscriptions,
    PlanService plans,
    CredentialService credentials)
{
    /// <summary>How many subscribers one write of <see cref="DeleteAllAsync"/> removes.</summary>
    private const int DeleteBatch = 500;

    public async Task<Result<SubscriberView>> CreateAsync(Principal p, Guid accountId, SubscriberInput input, CancellationToken ct = default)
    {
        if (!AccessControl.OwnsAccount(p, accountId))
        {
            return Error.Forbidden("Only the account may add its subscribers.");
        }

        var draft = SubscriberRules.Validate(input, creating: true);
        if (!draft.IsSuccess)
        {
            return draft.Error!;
        }

        var d = draft.Value;
        var customerId = d.CustomerId!.Value;
        return await gate.ExecuteAsync(p, async ctx =>
        {
            if (!await ctx.Db.Accounts.AnyAsync(a => a.Id == accountId))
            {
                return Error.NotFound("Account");
            }

            // The unique indexes (customer id in the account, and the username made of it) are the last word.
            ctx.OnUniqueViolation = SubscriberRules.CustomerIdTaken("customer_id", customerId);
            if (await ctx.Db.Subscribers.AnyAsync(s => s.AccountId == accountId && s.CustomerId == customerId))
            {
                return SubscriberRules.CustomerIdTaken("customer_id", customerId);
            }

            var now = StoredTime.Of(ctx.Now);
            var number = (await ctx.Db.Subscribers.Where(s => s.AccountId == accountId).MaxAsync(s => (long?)s.Number) ?? 0) + 1;
            var user = new User
            {
                Id = PublicId.NewGuid(now),
                AccountId = accountId,
                UsernameScope = accountId,
                Username = SubscriberRules.UsernameOf(customerId),
                Email = d.Email,
                ExternalId = customerId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                CreatedAt = now,
                UpdatedAt = now,
                Version = 1,
            };
            var subscriber = new Subscriber
            {
                Id = PublicId.NewGuid(now),
                AccountId = accountId,
                UserId = user.Id,
                CustomerId = customerId,
                Number = number,
                Token = SubscriberRules.NewToken(),
                CreatedAt = now,
                UpdatedAt = now,
                Version = 1,
            };
            d.Apply(subscriber);
            ctx.Db.Users.Add(user);
            ctx.Db.Subscribers.Add(subscriber);
            ctx.Emit(accountId, UserEvent.Of<UserCreated>(user));
            ctx.Emit(accountId, SubscriberEvent.Of<SubscriberCreated>(subscriber));
            return Result<SubscriberView>.Ok(new SubscriberView(subscriber, user, null, []));
        }, ct);
    }

    /// <summary>A subscriber by customer id (digits; anything else is not found), with its invoices when asked.</summary>
    public async Task<Result<SubscriberView>> GetAsync(Principal p, Guid accountId, string? customerId, bool withInvoices = false, CancellationToken ct = default)
    {
        if (!SubscriberRules.TryParseCustomerId(customerId?.Trim(), out var id))
        {
            return Error.NotFound("Subscriber");
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var rows = await RowsAsync(db, Subscribers(db, p, accountId).Where(s => s.CustomerId == id), ct);
        return rows.Count == 0 ? Error.NotFound("Subscriber") : (await ViewsAsync(db, p, rows, withInvoices, ct))[0];
    }

    /// <summary>Every subscriber of the account, in order of creation (Spreedly lists them all at once).</summary>
    public async Task<Result<IReadOnlyList<SubscriberView>>> ListAsync(Principal p, Guid accountId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var rows = (await RowsAsync(db, Subscribers(db, p, accountId), ct)).OrderBy(r => r.Subscriber.Number).ToList();
        return Result<IReadOnlyList<SubscriberView>>.Ok(await ViewsAsync(db, p, rows, withInvoices: false, ct));
    }

    /// <summary>The user a subscriber is, to act on its subscription; not found as <see cref="GetAsync"/>.</summary>
    public async Task<Result<Guid>> FindUserAsync(Principal p, Guid accountId, string? customerId, CancellationToken ct = default)
    {
        if (!SubscriberRules.TryParseCustomerId(customerId?.Trim(), out var id))
        {
            return Error.NotFound("Subscriber");
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var userId = await db.Subscribers.AsNoTracking().VisibleTo(p, db)
            .Where(s => s.AccountId == accountId && s.CustomerId == id)
            .Select(s => (Guid?)s.UserId)
            .FirstOrDefaultAsync(ct);
        return userId is { } found ? found : Error.NotFound("Subscriber");
    }

    /// <summary>
    /// Changes the given details (screen name, email, billing details) and, with <c>new_customer_id</c>, the
    /// customer id, unless another subscriber of the account has it.
    /// </summary>
    public async Task<Result<Subscriber>> UpdateAsync(Principal p, Guid accountId, string? customerId, SubscriberInput input, CancellationToken ct = default)
    {
        if (!SubscriberRules.TryParseCustomerId(customerId?.Trim(), out var id))
        {
            return Error.NotFound("Subscriber");
        }

        if (!AccessControl.OwnsAccount(p, accountId))
        {
            return Error.Forbidden("Only the account may change its subscribers.");
        }

        var draft = SubscriberRules.Validate(input with { CustomerId = null }, creating: false);
        if (!draft.IsSuccess)
        {
            return draft.Error!;
        }

        var d = draft.Value;
        return await gate.ExecuteAsync(p, async ctx =>
        {
            var s = await ctx.Db.Subscribers.FirstOrDefaultAsync(x => x.AccountId == accountId && x.CustomerId == id);
            if (s is null)
            {
                return Error.NotFound("Subscriber");
            }

            var user = await ctx.Db.Users.FirstAsync(u => u.Id == s.UserId);
            var now = StoredTime.Of(ctx.Now);
            long? previous = null;
            var userChanged = false;
            if (d.NewCustomerId is { } renamed && renamed != s.CustomerId)
            {
                if (await ctx.Db.Subscribers.AnyAsync(x => x.AccountId == accountId && x.CustomerId == renamed))
                {
                    return SubscriberRules.CustomerIdTaken("new_customer_id", renamed);
                }

                ctx.OnUniqueViolation = SubscriberRules.CustomerIdTaken("new_customer_id", renamed);
                previous = s.CustomerId;
                s.CustomerId = renamed;
                user.Username = SubscriberRules.UsernameOf(renamed);
                user.ExternalId = renamed.ToString(System.Globalization.CultureInfo.InvariantCulture);
                userChanged = true;
            }

            if (input.Email is not null && d.Email != user.Email)
            {
                user.Email = d.Email;
                userChanged = true;
            }

            d.Apply(s);
            s.UpdatedAt = now;
            s.Version++;
            if (userChanged)
            {
                user.UpdatedAt = now;
                user.Version++;
                ctx.Emit(accountId, UserEvent.Of<UserUpdated>(user));
            }

            ctx.Emit(accountId, SubscriberEvent.Of<SubscriberUpdated>(s) with { PreviousCustomerId = previous });
            return Result<Subscriber>.Ok(s);
        }, ct);
    }

    /// <summary>Deletes a subscriber with its user, subscription and invoices; only on a test account.</summary>
    public async Task<Result<Done>> DeleteAsync(Principal p, Guid accountId, string? customerId, CancellationToken ct = default)
    {
        if (!SubscriberRules.TryParseCustomerId(customerId?.Trim(), out var id))
        {
            return Error.NotFound("Subscriber");
        }

        if (!AccessControl.OwnsAccount(p, accountId))
        {
            return Error.Forbidden("Only the account may delete its subscribers.");
        }

        return await gate.ExecuteAsync(p, async ctx =>
        {
            var s = await ctx.Db.Subscribers.FirstOrDefaultAsync(x => x.AccountId == accountId && x.CustomerId == id);
            if (s is null)
            {
                return Error.NotFound("Subscriber");
            }

            if (await TestOnlyAsync(ctx, accountId) is { } refused)
            {
                return refused;
            }

            await RemoveAsync(ctx, accountId, [s]);
            return Result<Done>.Ok(new Done());
        }, ct);
    }

    /// <summary>Deletes every subscriber of a test account, a batch per write; answers how many went.</summary>
    public async Task<Result<int>> DeleteAllAsync(Principal p, Guid accountId, CancellationToken ct = default)
    {
        if (!AccessControl.OwnsAccount(p, accountId))
        {
            return Error.Forbidden("Only the account may delete its subscribers.");
        }

        var deleted = 0;
        while (true)
        {
            List<Guid> batch;
            await using (var db = await dbs.CreateDbContextAsync(ct))
            {
                batch = await db.Subscribers.AsNoTracking().Where(s => s.AccountId == accountId)
                    .OrderBy(s => s.Number).Select(s => s.Id).Take(DeleteBatch).ToListAsync(ct);
            }

            var done = await gate.ExecuteAsync(p, async ctx =>
            {
                if (await TestOnlyAsync(ctx, accountId) is { } refused)
                {
                    return refused;
                }

                var doomed = await ctx.Db.Subscribers.Where(s => s.AccountId == accountId && batch.Contains(s.Id)).ToListAsync();
                await RemoveAsync(ctx, accountId, doomed);
                return Result<int>.Ok(doomed.Count);
            }, ct);
            if (!done.IsSuccess)
            {
                return done.Error!;
            }

            deleted += done.Value;
            if (batch.Count < DeleteBatch)
            {
                return deleted;
            }
        }
    }

    private static async Task<Error?> TestOnlyAsync(WriteContext ctx, Guid accountId)
    {
        var test = await ctx.Db.Accounts.Where(a => a.Id == accountId).Select(a => (bool?)a.Test).FirstOrDefaultAsync();
        return test switch
        {
            null => Error.NotFound("Account"),
            false => Error.Forbidden("Subscribers can only be deleted on a test site.") with { Reason = CatalogReasons.NotTestAccount },
            _ => null,
        };
    }

    /// <summary>Removes subscribers with their users; the database removes their subscriptions and invoices with the users.</summary>
    private async Task RemoveAsync(WriteContext ctx, Guid accountId, List<Subscriber> doomed)
    {
        if (doomed.Count == 0)
        {
            return;
        }

        var userIds = doomed.Select(s => s.UserId).ToList();
        var users = await ctx.Db.Users.Where(u => userIds.Contains(u.Id)).ToListAsync();
        await credentials.RemoveForOwnersAsync(ctx, userIds);
        ctx.Db.Subscribers.RemoveRange(doomed);
        ctx.Db.Users.RemoveRange(users);
        foreach (var s in doomed)
        {
            ctx.Emit(accountId, SubscriberEvent.Of<SubscriberDeleted>(s));
        }

        foreach (var user in users)
        {
            ctx.Revoke(user.Id, ctx.Now, ctx.Now + credentials.TokenLifetime);
            ctx.Emit(accountId, UserEvent.Of<UserDeleted>(user));
        }
    }

    private sealed record Row(Subscriber Subscriber, User User);

    private static IQueryable<Subscriber> Subscribers(StewardDb db, Principal p, Guid accountId) =>
        db.Subscribers.AsNoTracking().VisibleTo(p, db).Where(s => s.AccountId == accountId);

    /// <summary>The subscribers with their users, in one query.</summary>
    private static async Task<List<Row>> RowsAsync(StewardDb db, IQueryable<Subscriber> subscribers, CancellationToken ct)
    {
        var users = db.Users.AsNoTracking();
        var pairs = await subscribers.Join(users, s => s.UserId, u => u.Id, (s, u) => new { s, u }).ToListAsync(ct);
        return [.. pairs.Select(x => new Row(x.s, x.u))];
    }

    /// <summary>Views in a few reads whatever their number: the subscriptions, then the invoices when asked.</summary>
    private async Task<IReadOnlyList<SubscriberView>> ViewsAsync(StewardDb db, Principal p, List<Row> rows, bool withInvoices, CancellationToken ct)
    {
        var userIds = rows.Select(r => r.User.Id).ToList();
        var held = await subscriptions.ForUsersAsync(p, userIds, ct);
        var invoices = new Dictionary<Guid, List<SubscriberInvoice>>();
        if (withInvoices)
        {
            var found = await db.SubscriberInvoices.AsNoTracking().Include(i => i.Lines)
                .Where(i => userIds.Contains(i.UserId))
                .OrderBy(i => i.CreatedAt).ThenBy(i => i.Id)
                .ToListAsync(ct);
            foreach (var invoice in found)
            {
                invoice.Lines.Sort((a, b) => a.Id.CompareTo(b.Id));
                (invoices.TryGetValue(invoice.UserId, out var list) ? list : invoices[invoice.UserId] = []).Add(invoice);
            }
        }

        return [.. rows.Select(r => new SubscriberView(r.Subscriber, r.User, held.GetValueOrDefault(r.User.Id), invoices.GetValueOrDefault(r.User.Id) ?? []))];
    }
}
