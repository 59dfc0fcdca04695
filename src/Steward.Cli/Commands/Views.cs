using Microsoft.EntityFrameworkCore;
using Steward.Core.Identity;
using Steward.Core.Ids;
using Steward.Core.Storage;
using Steward.Core.Tenancy;

namespace Steward.Cli.Commands;

// What list and show print: the native API's resources, field for field (snake_case in JSON), whether
// read from the database or from a server with --url, so that a script works either way.

internal sealed record AccountView(string Id, long Number, string Name, string Email, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version)
{
    public static AccountView From(Account a) => new(PublicId.Of<Account>(a.Id), a.Number, a.Name, a.Email, a.CreatedAt, a.UpdatedAt, a.Version);
}

internal sealed record OrganisationView(string Id, string AccountId, string Name, string? DomainName, string? Description, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version)
{
    public static OrganisationView From(Organisation o) =>
        new(PublicId.Of<Organisation>(o.Id), PublicId.Of<Account>(o.AccountId), o.Name, o.DomainName, o.Description, o.CreatedAt, o.UpdatedAt, o.Version);
}

internal sealed record UserView(
    string Id, string AccountId, string? OrganisationId, string Username, string? Email, string? FirstName, string? LastName,
    string? PhoneNumber, string? CountryCode, string? ExternalId, bool HasPassword, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version)
{
    public static UserView From(User u) =>
        new(PublicId.Of<User>(u.Id), PublicId.Of<Account>(u.AccountId), u.OrganisationId is { } o ? PublicId.Of<Organisation>(o) : null,
            u.Username, u.Email, u.FirstName, u.LastName, u.PhoneNumber, u.CountryCode, u.ExternalId, u.PasswordHash is not null, u.CreatedAt, u.UpdatedAt, u.Version);
}

/// <summary>A page as the native API answers it.</summary>
internal sealed record ItemPage<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>Filters of a list read from the database (<c>--account</c>, <c>--organisation</c>).</summary>
internal sealed record ListFilter(Guid? Account, Guid? Organisation);

/// <summary>The database side of list and show: root's view, every tenant, paged like the API (UUID v7 keys in creation order).</summary>
internal static class ViewQueries
{
    public static async Task<ItemPage<AccountView>> AccountsAsync(StewardDb db, ListFilter filter, int limit, Guid? after, CancellationToken ct)
    {
        var query = db.Accounts.AsNoTracking();
        if (filter.Account is { } account)
        {
            query = query.Where(a => a.Id == account);
        }

        if (after is { } a)
        {
            query = query.Where(x => x.Id.CompareTo(a) > 0);
        }

        var page = Paging.Build(await query.OrderBy(x => x.Id).Take(limit + 1).ToListAsync(ct), limit, x => x.Id);
        return new(page.Items.Select(AccountView.From).ToList(), page.NextCursor);
    }

    public static async Task<ItemPage<OrganisationView>> OrganisationsAsync(StewardDb db, ListFilter filter, int limit, Guid? after, CancellationToken ct)
    {
        var query = db.Organisations.AsNoTracking();
        if (filter.Account is { } account)
        {
            query = query.Where(o => o.AccountId == account);
        }

        if (after is { } a)
        {
            query = query.Where(x => x.Id.CompareTo(a) > 0);
        }

        var page = Paging.Build(await query.OrderBy(x => x.Id).Take(limit + 1).ToListAsync(ct), limit, x => x.Id);
        return new(page.Items.Select(OrganisationView.From).ToList(), page.NextCursor);
    }

    public static async Task<ItemPage<UserView>> UsersAsync(StewardDb db, ListFilter filter, int limit, Guid? after, CancellationToken ct)
    {
        var query = db.Users.AsNoTracking();
        if (filter.Account is { } account)
        {
            query = query.Where(u => u.AccountId == account);
        }

        if (filter.Organisation is { } organisation)
        {
            query = query.Where(u => u.OrganisationId == organisation);
        }

        if (after is { } a)
        {
            query = query.Where(x => x.Id.CompareTo(a) > 0);
        }

        var page = Paging.Build(await query.OrderBy(x => x.Id).Take(limit + 1).ToListAsync(ct), limit, x => x.Id);
        return new(page.Items.Select(UserView.From).ToList(), page.NextCursor);
    }

    public static async Task<AccountView?> AccountAsync(StewardDb db, Guid id, CancellationToken ct) =>
        await db.Accounts.AsNoTracking().Where(a => a.Id == id).Select(a => AccountView.From(a)).FirstOrDefaultAsync(ct);

    public static async Task<OrganisationView?> OrganisationAsync(StewardDb db, Guid id, CancellationToken ct) =>
        await db.Organisations.AsNoTracking().Where(o => o.Id == id).Select(o => OrganisationView.From(o)).FirstOrDefaultAsync(ct);

    public static async Task<UserView?> UserAsync(StewardDb db, Guid id, CancellationToken ct) =>
        await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => UserView.From(u)).FirstOrDefaultAsync(ct);
}
