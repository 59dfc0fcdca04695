using Microsoft.EntityFrameworkCore;
using Steward.Core.Access;
using Steward.Core.Identity;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Storage;
using Steward.Core.Tenancy;

namespace Steward.Core.Realms;

/// <summary>
/// Who a realm's token is for: <see cref="Subject"/> (a user's public id, or the account's or an organisation's
/// for a service client), the <see cref="Username"/> Keycloak calls <c>preferred_username</c>, and the realm roles.
/// </summary>
public sealed record RealmSubject(
    Guid AccountId,
    string Subject,
    string Username,
    string? Email,
    string? FirstName,
    string? LastName,
    IReadOnlyList<string> Roles);

/// <summary>
/// Keycloak-compatible sign-in: every account is a realm named by its slug. Decides who a password or a
/// client's key and secret signs in as; the face signs the token (<see cref="RealmKeys"/>).
/// </summary>
public sealed class RealmService(IDbContextFactory<StewardDb> dbs, AccountService accounts, TokenService tokens)
{
    /// <summary>The realm role every subject has (Keycloak names it <c>default-roles-{realm}</c>; one name suits every realm here).</summary>
    public const string UserRole = "user";

    /// <summary>The realm role of the account's admins and of the account's own credential.</summary>
    public const string AdminRole = "admin";

    /// <summary>The account a realm name stands for, or null (no such slug).</summary>
    public Task<Account?> FindRealmAsync(string realm, CancellationToken ct = default) => accounts.FindBySlugAsync(realm, ct);

    /// <summary>The password grant: a user of the realm's account by its bare user name.</summary>
    public async Task<Result<RealmSubject>> SignInAsync(Account realm, string? username, string? password, CancellationToken ct = default)
    {
        var user = await tokens.CheckAccountPasswordAsync(realm.Id, username, password, ct);
        return user.IsSuccess ? Of(user.Value) : user.Error!;
    }

    /// <summary>
    /// The client credentials grant: the owner of an API key and secret of the realm's account (its scheme
    /// verified them). The account's own key is its admin; a user's key is that user.
    /// </summary>
    public async Task<Result<RealmSubject>> SignInClientAsync(Account realm, Principal client, CancellationToken ct = default)
    {
        if (client.IsRoot || client.AccountId != realm.Id || client.TokenId != Guid.Empty)
        {
            return Error.Unauthorized("Invalid client or Invalid client credentials");
        }

        switch (client.Kind)
        {
            case PrincipalKind.Account:
                return new RealmSubject(realm.Id, PublicId.Of<Account>(realm.Id), "service-account-" + realm.Slug, null, null, null, [UserRole, AdminRole]);
            case PrincipalKind.Organisation:
                return new RealmSubject(realm.Id, PublicId.Of<Organisation>(client.SubjectId), "service-account-" + PublicId.Of<Organisation>(client.SubjectId), null, null, null, [UserRole]);
            case PrincipalKind.User:
                await using (var db = await dbs.CreateDbContextAsync(ct))
                {
                    var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == client.SubjectId && u.AccountId == realm.Id, ct);
                    return user is null ? Error.Unauthorized("Invalid client or Invalid client credentials") : Of(user);
                }

            default:
                return Error.Forbidden("This client cannot sign in to a realm.");
        }
    }

    /// <summary>
    /// The caller a realm token's subject stands for, when the subject belongs to the realm that issued it
    /// (a token of another realm names another account's subject, and is nobody here); null otherwise. The
    /// caller carries <paramref name="tokenId"/>, so that it cannot buy a token with this one.
    /// </summary>
    public async Task<Principal?> FindCallerAsync(string realm, string subject, Guid tokenId, DateTimeOffset expiresAt, CancellationToken ct = default)
    {
        var account = await accounts.FindBySlugAsync(realm, ct);
        if (account is null)
        {
            return null;
        }

        if (PublicId.TryParse<Account>(subject, out var accountId))
        {
            return accountId == account.Id
                ? new Principal(PrincipalKind.Account, account.Id, Guid.Empty, account.Id, account.Id, tokenId, expiresAt)
                : null;
        }

        if (!PublicId.TryParse<User>(subject, out var userId))
        {
            return null;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId && u.AccountId == account.Id, ct);
        return user is null
            ? null
            : new Principal(PrincipalKind.User, account.Id, user.OrganisationId ?? Guid.Empty, user.Id, user.Id, tokenId, expiresAt);
    }

    private static RealmSubject Of(User u) =>
        new(u.AccountId, PublicId.Of<User>(u.Id), u.Username, u.Email, u.FirstName, u.LastName, u.IsAdmin ? [UserRole, AdminRole] : [UserRole]);
}
