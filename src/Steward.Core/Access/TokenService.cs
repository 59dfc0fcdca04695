using Microsoft.EntityFrameworkCore;
using Steward.Core.Diagnostics;
using Steward.Core.Identity;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Security;
using Steward.Core.Storage;
using Steward.Core.Tenancy;
using Steward.Core.Writes;

namespace Steward.Core.Access;

/// <summary>An issued access token.</summary>
public sealed record IssuedToken(string AccessToken, DateTimeOffset ExpiresAt, PrincipalKind Kind, Guid TokenId);

/// <summary>
/// Issues, validates and revokes access tokens. Tokens are signed, not stored: issuing one writes
/// nothing, validating one is a signature check plus an in-memory revocation look-up.
/// </summary>
public sealed class TokenService(
    IDbContextFactory<StewardDb> dbs,
    WriteGate gate,
    TokenCodec codec,
    RevocationList revocations,
    CredentialService credentials,
    AccessControl access,
    PasswordGate passwords,
    TimeProvider time)
{
    /// <summary>
    /// OAuth <c>client_credentials</c> and Kandy's access-token calls: a token for a caller that proved its
    /// API key and secret (the server's authentication checked them). A token does not buy another token.
    /// </summary>
    /// <summary>
    /// For callers that are not an HTTP request (the command line): checks an API key and secret and
    /// issues a token for its owner. HTTP surfaces authenticate in their scheme and use <see cref="IssueForCaller"/>.
    /// </summary>
    public async Task<Result<IssuedToken>> IssueForKeyAsync(string? apiKey, string? secret, CancellationToken ct = default)
    {
        var verified = await credentials.VerifyAsync(apiKey, secret, ct);
        return verified.IsSuccess ? IssueForCaller(Principal.FromCredential(verified.Value)) : verified.Error!;
    }

    public Result<IssuedToken> IssueForCaller(Principal caller)
    {
        if (caller.TokenId != Guid.Empty)
        {
            return Error.Forbidden("An access token is issued for an API key and secret, not for another access token.");
        }

        return Issue(caller.Kind, caller.AccountId, caller.OrganisationId, caller.SubjectId, caller.CredentialId);
    }

    /// <summary>A token for a user of an organisation, asked for by the organisation with its key and secret (Kandy's user access token).</summary>
    public async Task<Result<IssuedToken>> IssueForOrganisationUserAsync(Principal organisation, string? username, CancellationToken ct = default)
    {
        if (organisation.Kind != PrincipalKind.Organisation || organisation.TokenId != Guid.Empty)
        {
            return Error.Forbidden("Only an organisation (domain) key can ask for a user's token.");
        }

        if (string.IsNullOrWhiteSpace(username))
        {
            return Error.Invalid("user_id", "user_id is required.");
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UsernameScope == organisation.SubjectId && u.Username == username.Trim(), ct);
        if (user is null)
        {
            return Error.NotFound("User");
        }

        return Issue(PrincipalKind.User, user.AccountId, organisation.SubjectId, user.Id, organisation.CredentialId);
    }

    /// <summary>
    /// OAuth <c>password</c>: a token for a user with a password. The username is <c>name@domain</c>
    /// (unique server-wide), a user id, or a bare name within the client's account or organisation.
    /// The check waits its turn at the <see cref="PasswordGate"/>, and is refused (TooManyAttempts) when
    /// none comes in time.
    /// </summary>
    public async Task<Result<IssuedToken>> IssueForPasswordAsync(string? username, string? password, Principal? client, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password))
        {
            return Error.Invalid("username", "username and password are required.");
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        User? user = null;
        if (PublicId.HasPrefix<User>(username) && PublicId.TryParse<User>(username, out var id))
        {
            user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
        }
        else if (client is not null)
        {
            var scope = client.Kind == PrincipalKind.Organisation ? client.SubjectId : client.AccountId;
            user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UsernameScope == scope && u.Username == username, ct);
        }

        var at = username.LastIndexOf('@');
        if (user is null && at > 0)
        {
            var name = username[..at];
            var domain = username[(at + 1)..].ToLowerInvariant();
            user = await (from u in db.Users.AsNoTracking()
                          join o in db.Organisations.AsNoTracking() on u.OrganisationId equals o.Id
                          where o.DomainName == domain && u.Username == name
                          select u).FirstOrDefaultAsync(ct);
        }

        if (client is not null && user is not null && user.AccountId != client.AccountId && !client.IsRoot)
        {
            user = null;
        }

        var checkedUser = await CheckPasswordAsync(user, password, ct);
        if (!checkedUser.IsSuccess)
        {
            return checkedUser.Error!;
        }

        user = checkedUser.Value;
        var credential = await credentials.PrimaryOfAsync(db, user.Id, ct);
        return Issue(PrincipalKind.User, user.AccountId, user.OrganisationId ?? Guid.Empty, user.Id, credential?.Id ?? user.Id);
    }

    /// <summary>
    /// A realm's password grant: the user of the account with this bare user name (an account-level user, or
    /// failing one the only user of that name in the account's organisations) and the right password, checked
    /// at the <see cref="PasswordGate"/> like the native grant. Issues nothing: the realm signs its own token.
    /// </summary>
    public async Task<Result<User>> CheckAccountPasswordAsync(Guid accountId, string? username, string? password, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password))
        {
            return Error.Invalid("username", "username and password are required.");
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var named = await db.Users.AsNoTracking()
            .Where(u => u.AccountId == accountId && u.Username == username)
            .OrderBy(u => u.OrganisationId == null ? 0 : 1).Take(2).ToListAsync(ct);
        var user = named.Count == 1 || (named.Count == 2 && named[0].OrganisationId is null) ? named[0] : null;
        return await CheckPasswordAsync(user, password, ct);
    }

    /// <summary>Verifies even when there is no such user, so that timing does not tell which user names exist.</summary>
    private async Task<Result<User>> CheckPasswordAsync(User? user, string password, CancellationToken ct)
    {
        var hash = user?.PasswordHash ?? DummyHash.Value;
        var verified = await passwords.VerifyAsync(password, hash, ct);
        if (!verified.IsSuccess)
        {
            return verified.Error!;
        }

        if (!verified.Value || user?.PasswordHash is null)
        {
            return Error.Unauthorized("The username or password is wrong.");
        }

        return user;
    }

    /// <summary>Mints a token for a user on behalf of a caller that manages it (native <c>POST /api/v1/tokens</c>).</summary>
    public async Task<Result<IssuedToken>> IssueForUserAsync(Principal p, Guid userId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
        {
            return Error.NotFound("User");
        }

        if (await access.CanManageUserAsync(p, user, allowSelf: true) is { } denied)
        {
            return denied;
        }

        // Tied to the caller's credential: revoking it revokes what it minted.
        return Issue(PrincipalKind.User, user.AccountId, user.OrganisationId ?? Guid.Empty, user.Id, p.CredentialId);
    }

    /// <summary>Validates a bearer token without touching the database.</summary>
    public Result<Principal> Validate(ReadOnlySpan<char> token)
    {
        if (!codec.TryDecode(token, out var claims))
        {
            return Error.Unauthorized("The access token is not valid.");
        }

        if (claims!.ExpiresAt <= time.GetUtcNow())
        {
            return Error.Unauthorized("The access token has expired.");
        }

        if (revocations.IsRevoked(claims))
        {
            return Error.Unauthorized("The access token has been revoked.");
        }

        return Principal.FromClaims(claims);
    }

    /// <summary>Decodes a token for introspection, whatever its state.</summary>
    public TokenClaims? Decode(string token) => codec.TryDecode(token, out var claims) ? claims : null;

    /// <summary>
    /// Revokes one token (RFC 7009). The caller may revoke its own token, or any token of its account
    /// (root: any token). Unknown or already invalid tokens are not an error.
    /// </summary>
    public async Task<Result<Done>> RevokeAsync(Principal caller, string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token) || !codec.TryDecode(token, out var claims))
        {
            return new Done();
        }

        var mayRevoke = caller.IsRoot
            || caller.TokenId == claims!.TokenId
            || (caller.AccountId == claims.AccountId && caller.Kind == PrincipalKind.Account)
            // A client may revoke what was issued to it; a user token minted with the account's credential is not the account's.
            || (caller.CredentialId == claims.CredentialId && caller.SubjectId == claims.SubjectId)
            || (caller.Kind == PrincipalKind.Organisation && caller.SubjectId == claims.OrganisationId);
        if (!mayRevoke)
        {
            return Error.Forbidden("The caller may not revoke this token.");
        }

        if (claims!.ExpiresAt <= time.GetUtcNow())
        {
            return new Done();
        }

        return await gate.ExecuteAsync(caller, ctx =>
        {
            ctx.Revoke(claims.TokenId, DateTimeOffset.MaxValue, claims.ExpiresAt);
            ctx.Emit(claims.AccountId, new TokenRevoked { TokenId = claims.TokenId, ExpiresAt = claims.ExpiresAt });
            return Task.FromResult(Result<Done>.Ok(new Done()));
        }, ct);
    }

    private IssuedToken Issue(PrincipalKind kind, Guid accountId, Guid organisationId, Guid subjectId, Guid credentialId)
    {
        var now = time.GetUtcNow();
        var claims = new TokenClaims(kind, Guid.NewGuid(), now, now + credentials.TokenLifetime, accountId, organisationId, subjectId, credentialId);
        if (StewardMetrics.TokensIssued.Enabled)
        {
            StewardMetrics.TokensIssued.Add(1, new KeyValuePair<string, object?>("kind", KindTag(kind)));
        }

        return new IssuedToken(codec.Encode(claims), claims.ExpiresAt, kind, claims.TokenId);
    }

    private static string KindTag(PrincipalKind kind) => kind switch
    {
        PrincipalKind.Root => "root",
        PrincipalKind.Account => "account",
        PrincipalKind.Organisation => "organisation",
        PrincipalKind.User => "user",
        _ => "other",
    };

    private static class DummyHash
    {
        public static readonly string Value = PasswordHasher.Hash(Guid.NewGuid().ToString());
    }
}
