using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Steward.Core.Access;
using Steward.Core.Caching;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Security;
using Steward.Core.Storage;
using Steward.Core.Tenancy;
using Steward.Core.Writes;

namespace Steward.Core.Identity;

public sealed record CreatedUser(User User, IssuedCredential Credential);

/// <summary>Input for creating or changing a user; null fields are left as they are on update.</summary>
public sealed record UserInput(
    string? Username,
    string? Email,
    string? FirstName = null,
    string? LastName = null,
    string? PhoneNumber = null,
    string? CountryCode = null,
    string? Password = null,
    Guid? OrganisationId = null,
    string? ExternalId = null,
    Guid? AccountId = null,
    bool? Admin = null);

/// <summary>Users of an account, optionally homed in an organisation where their username is unique.</summary>
public sealed partial class UserService(
    IDbContextFactory<StewardDb> dbs,
    WriteGate gate,
    AccessControl access,
    CredentialService credentials,
    OrganisationService organisations)
{
    public async Task<Result<CreatedUser>> CreateAsync(Principal p, UserInput input, CancellationToken ct = default)
    {
        var v = new Validator();
        var username = ValidateUsername(v, input.Username, required: true);
        var fields = ValidateDetails(v, input);
        var organisationId = p.Kind == PrincipalKind.Organisation ? p.SubjectId : input.OrganisationId;
        if (p.Kind == PrincipalKind.Organisation && input.OrganisationId is { } asked && asked != p.SubjectId)
        {
            v.Add("organisation_id", "An organisation's credential can only create users in that organisation.");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        if (AdminRefused(p, input) is { } adminRefused)
        {
            return adminRefused;
        }

        // Naming an account the caller cannot act on is refused, not ignored.
        if (!p.IsRoot && input.AccountId is { } namedAccount && namedAccount != p.AccountId)
        {
            return Error.NotFound("Account");
        }

        var accountId = p.AccountId;
        if (organisationId is { } orgId)
        {
            var org = await organisations.FindAsync(orgId, ct);
            if (org is null || await access.CanReadOrganisationAsync(p, org) is not null)
            {
                return Error.Invalid("organisation_id", "organisation_id does not name an organisation the caller can see.");
            }

            if (await access.CanManageOrganisationAsync(p, org) is { } denied)
            {
                return denied;
            }

            accountId = org.AccountId;
        }
        else if (p.IsRoot)
        {
            accountId = input.AccountId ?? Guid.Empty;
            if (accountId == Guid.Empty)
            {
                return Error.Invalid("account_id", "account_id or organisation_id is required when root creates a user.");
            }
        }
        else if (p.Kind != PrincipalKind.Account)
        {
            return Error.Forbidden("Only the account can create users outside an organisation; pass organisation_id.");
        }

        // Hash outside the gate: PBKDF2 is slow by design and the gate is a single writer.
        var passwordHash = input.Password is null ? null : PasswordHasher.Hash(input.Password);
        return await gate.ExecuteAsync(p, async ctx =>
        {
            // An account principal's account exists (deleting it revokes the token); root names one.
            if (p.IsRoot && organisationId is null && !await ctx.Db.Accounts.AnyAsync(a => a.Id == accountId))
            {
                return Error.NotFound("Account");
            }

            // Uniqueness is left to the index (no query first): user creation is a hot path.
            var scope = organisationId ?? accountId;
            ctx.OnUniqueViolation = Error.Conflict("username", $"The username '{username}' is already taken in this {(organisationId is null ? "account" : "organisation")}.");

            var user = new User
            {
                Id = PublicId.NewGuid(ctx.Now),
                AccountId = accountId,
                OrganisationId = organisationId,
                UsernameScope = scope,
                Username = username!,
                PasswordHash = passwordHash,
                IsAdmin = input.Admin ?? false,
                CreatedAt = ctx.Now,
                UpdatedAt = ctx.Now,
                Version = 1,
            };
            fields(user);
            ctx.Db.Users.Add(user);
            ctx.Emit(accountId, UserEvent.Of<UserCreated>(user));
            if (organisationId is { } home)
            {
                ctx.Db.Memberships.Add(new Membership
                {
                    Id = PublicId.NewGuid(ctx.Now),
                    AccountId = accountId,
                    OrganisationId = home,
                    UserId = user.Id,
                    Role = MembershipRole.Member,
                    CreatedAt = ctx.Now,
                    Version = 1,
                });
            }

            var credential = credentials.Add(ctx, PrincipalKind.User, user.Id, accountId, primary: true, label: "primary");
            return Result<CreatedUser>.Ok(new CreatedUser(user, credential));
        }, ct);
    }

    public async Task<Result<User>> GetAsync(Principal p, Guid id, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null || await access.CanReadUserAsync(p, user) is not null)
        {
            return Error.NotFound("User");
        }

        return user;
    }

    /// <summary>Finds a user by username within an organisation (Kandy's user id within a domain).</summary>
    public async Task<User?> FindInOrganisationAsync(Guid organisationId, string username, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UsernameScope == organisationId && u.Username == username, ct);
    }

    /// <summary>
    /// How many users are homed in each of the given organisations (Kandy's <c>number_of_users</c>);
    /// organisations without users are absent. No access check: the caller must already have been allowed to read them.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, int>> CountInOrganisationsAsync(IReadOnlyCollection<Guid> organisationIds, CancellationToken ct = default)
    {
        var counts = new Dictionary<Guid, int>(organisationIds.Count);
        if (organisationIds.Count == 0)
        {
            return counts;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        foreach (var chunk in organisationIds.Distinct().Chunk(500))
        {
            var rows = await db.Users.AsNoTracking()
                .Where(u => u.OrganisationId != null && chunk.Contains(u.OrganisationId.Value))
                .GroupBy(u => u.OrganisationId!.Value)
                .Select(g => new { g.Key, Count = g.Count() })
                .ToListAsync(ct);
            foreach (var row in rows)
            {
                counts[row.Key] = row.Count;
            }
        }

        return counts;
    }

    public Task<Result<Page<User>>> ListAsync(Principal p, Guid? organisationId, int? limit, string? cursor, CancellationToken ct = default) =>
        ListAsync(p, organisationId, new ListQuery(limit, cursor), ct);

    /// <summary>The users the caller sees (of one organisation when given), those whose username, email or name contains the search term.</summary>
    public async Task<Result<Page<User>>> ListAsync(Principal p, Guid? organisationId, ListQuery q, CancellationToken ct = default)
    {
        var paging = Paging.Parse(q.Limit, q.Cursor);
        if (!paging.IsSuccess)
        {
            return paging.Error!;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var query = db.Users.AsNoTracking();
        if (organisationId is { } orgId)
        {
            var org = await organisations.FindAsync(orgId, ct);
            if (org is null || await access.CanReadOrganisationAsync(p, org) is not null)
            {
                return Error.NotFound("Organisation");
            }

            query = query.Where(u => u.OrganisationId == orgId);
        }
        else
        {
            query = query.VisibleTo(p, db);
        }

        if (q.Term is { } term)
        {
            query = query.Where(u => u.Username.ToLower().Contains(term)
                || (u.Email != null && u.Email.ToLower().Contains(term))
                || (u.FirstName != null && u.FirstName.ToLower().Contains(term))
                || (u.LastName != null && u.LastName.ToLower().Contains(term)));
        }

        if (paging.Value.After is { } after)
        {
            query = query.Where(u => u.Id.CompareTo(after) > 0);
        }

        var rows = await query.OrderBy(u => u.Id).Take(paging.Value.Limit + 1).ToListAsync(ct);
        return Paging.Build(rows, paging.Value.Limit, u => u.Id);
    }

    public async Task<Result<User>> UpdateAsync(Principal p, Guid id, UserInput input, int? expectedVersion, CancellationToken ct = default)
    {
        var v = new Validator();
        var username = ValidateUsername(v, input.Username, required: false);
        var fields = ValidateDetails(v, input);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var current = await GetAsync(p, id, ct);
        if (!current.IsSuccess)
        {
            return current.Error!;
        }

        if (await access.CanManageUserAsync(p, current.Value, allowSelf: true) is { } denied)
        {
            return denied;
        }

        if (AdminRefused(p, input) is { } adminRefused)
        {
            return adminRefused;
        }

        var passwordHash = input.Password is null ? null : PasswordHasher.Hash(input.Password);
        return await gate.ExecuteAsync(p, async ctx =>
        {
            var user = await ctx.Db.Users.FirstOrDefaultAsync(u => u.Id == id);
            if (user is null)
            {
                return Error.NotFound("User");
            }

            if (expectedVersion is { } expected && expected != user.Version)
            {
                return Error.VersionConflict();
            }

            if (username is not null && username != user.Username)
            {
                if (await ctx.Db.Users.AnyAsync(u => u.UsernameScope == user.UsernameScope && u.Username == username))
                {
                    return Error.Conflict("username", $"The username '{username}' is already taken.");
                }

                user.Username = username;
            }

            fields(user);
            user.PasswordHash = passwordHash ?? user.PasswordHash;
            user.IsAdmin = input.Admin ?? user.IsAdmin;
            user.UpdatedAt = ctx.Now;
            user.Version++;
            ctx.Emit(user.AccountId, UserEvent.Of<UserUpdated>(user));
            return Result<User>.Ok(user);
        }, ct);
    }

    /// <summary>Deletes a user with its devices, memberships and credentials; its tokens stop working at once.</summary>
    public async Task<Result<Done>> DeleteAsync(Principal p, Guid id, CancellationToken ct = default)
    {
        var current = await GetAsync(p, id, ct);
        if (!current.IsSuccess)
        {
            return current.Error!;
        }

        if (await access.CanManageUserAsync(p, current.Value, allowSelf: true) is { } denied)
        {
            return denied;
        }

        return await gate.ExecuteAsync(p, async ctx =>
        {
            var user = await ctx.Db.Users.FirstOrDefaultAsync(u => u.Id == id);
            if (user is null)
            {
                return Error.NotFound("User");
            }

            await credentials.RemoveForOwnersAsync(ctx, [id]);
            ctx.Db.Users.Remove(user);
            ctx.Revoke(id, ctx.Now, ctx.Now + credentials.TokenLifetime);
            ctx.Emit(user.AccountId, UserEvent.Of<UserDeleted>(user));
            return Result<Done>.Ok(new Done());
        }, ct);
    }


    private static string? ValidateUsername(Validator v, string? raw, bool required)
    {
        var username = required ? v.Required("username", raw, Limits.Username) : v.Optional("username", raw, Limits.Username);
        if (!string.IsNullOrEmpty(username) && !UsernamePattern().IsMatch(username))
        {
            v.Add("username", "username may contain only letters, digits and . _ + - (no spaces or '@').");
        }

        return string.IsNullOrEmpty(username) ? null : username;
    }

    /// <summary>The admin role is the account's to give: a user (even an organisation's owner) cannot grant it, not even to itself.</summary>
    private static Error? AdminRefused(Principal p, UserInput input) =>
        input.Admin is null || p.IsRoot || p.Kind == PrincipalKind.Account
            ? null
            : Error.Forbidden("Only the account (or root) can give or take the admin role.");

    /// <summary>Validates the optional details and returns how to apply them to a user.</summary>
    private static Action<User> ValidateDetails(Validator v, UserInput input)
    {
        var email = v.Email("email", input.Email, required: false);
        var first = v.Optional("first_name", input.FirstName, Limits.Name);
        var last = v.Optional("last_name", input.LastName, Limits.Name);
        var phone = v.Optional("phone_number", input.PhoneNumber, 32);
        if (phone is not null && !PhonePattern().IsMatch(phone))
        {
            v.Add("phone_number", "phone_number must be digits, optionally starting with '+'.");
        }

        var country = v.Optional("country_code", input.CountryCode, 8);
        var external = v.Optional("external_id", input.ExternalId, Limits.Name);
        if (input.Password is { } password && (password.Length < 8 || password.Length > Limits.Password))
        {
            v.Add("password", $"password must be between 8 and {Limits.Password} characters.");
        }

        return user =>
        {
            user.Email = input.Email is null ? user.Email : email;
            user.FirstName = input.FirstName is null ? user.FirstName : first;
            user.LastName = input.LastName is null ? user.LastName : last;
            user.PhoneNumber = input.PhoneNumber is null ? user.PhoneNumber : phone;
            user.CountryCode = input.CountryCode is null ? user.CountryCode : country;
            user.ExternalId = input.ExternalId is null ? user.ExternalId : external;
        };
    }

    [GeneratedRegex("^[A-Za-z0-9._+-]+$")]
    private static partial Regex UsernamePattern();

    [GeneratedRegex("^\\+?[0-9]{3,20}$")]
    private static partial Regex PhonePattern();
}
