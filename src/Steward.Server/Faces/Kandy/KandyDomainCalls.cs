using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using Steward.Core.Access;
using Steward.Core.Identity;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Storage;
using Steward.Core.Tenancy;
using Steward.Core.Writes;
using Steward.Server.Hosting;

namespace Steward.Server.Faces.Kandy;

/// <summary>The Kandy domain calls: domain access tokens, domain detail and the domain's users (seed 001).</summary>
public static partial class KandyApi
{

    private static async Task<IResult> GetDomainAccessToken(
        [AsParameters] KandyCore core,
        [FromQuery(Name = "key")] string? key,
        [FromQuery(Name = "domain_api_secret")] string? secret,
        CancellationToken ct)
    {
        if (Missing(("key", key), ("domain_api_secret", secret)) is { } missing)
        {
            return missing;
        }

        return await IssueAsync(core, key!, secret!, PrincipalKind.Organisation, "domain_api_secret", t => new KandyDomainAccessToken(t), ct);
    }

    private static async Task<IResult> DeleteDomainAccessToken(
        [AsParameters] KandyCore core,
        [FromQuery(Name = "key")] string? key,
        [FromQuery(Name = "domain_api_secret")] string? secret,
        [FromQuery(Name = "domain_access_token")] string? token,
        CancellationToken ct)
    {
        if (Missing(("key", key), ("domain_api_secret", secret), ("domain_access_token", token)) is { } missing)
        {
            return missing;
        }

        return await RevokeAsync(core, key!, secret!, token!, PrincipalKind.Organisation, "domain_api_secret", "domain_access_token", ct);
    }

    private static async Task<IResult> GetLimitedDomainDetail(
        [AsParameters] KandyCore core,
        [FromQuery(Name = "key")] string? key,
        [FromQuery(Name = "domain_api_secret")] string? secret,
        [FromQuery(Name = "domain_access_token")] string? token,
        CancellationToken ct)
    {
        if (Missing(("key", key), ("domain_api_secret", secret), ("domain_access_token", token)) is { } missing)
        {
            return missing;
        }

        var credential = await KandyAuth.CredentialAsync(core.Credentials, key!, secret!, PrincipalKind.Organisation, "domain_api_secret", ct);
        if (!credential.IsSuccess)
        {
            return KandyResults.From(credential.Error!);
        }

        var caller = KandyAuth.Token(core.Tokens, token!, PrincipalKind.Organisation, "domain_access_token");
        if (!caller.IsSuccess)
        {
            return KandyResults.From(caller.Error!);
        }

        if (caller.Value.SubjectId != credential.Value.OwnerId)
        {
            return KandyResults.From(Error.Unauthorized("domain_access_token belongs to another domain: send a token issued for this domain's key."));
        }

        var organisation = await core.Organisations.GetAsync(caller.Value, caller.Value.SubjectId, ct);
        if (!organisation.IsSuccess)
        {
            return KandyResults.From(organisation.Error!);
        }

        var domains = await KandyViews.DomainsAsync(core, caller.Value, [organisation.Value], ct);
        return domains.IsSuccess ? KandyResults.Ok(new KandyDomainDetail(domains.Value[0])) : KandyResults.From(domains.Error!);
    }

    private static async Task<IResult> CreateUserByPhoneNumber(
        [AsParameters] KandyCore core,
        HttpRequest request,
        [FromQuery(Name = "key")] string? key,
        CancellationToken ct)
    {
        if (!TryAuthenticate(core, key, PrincipalKind.Organisation, out var caller, out var refusal))
        {
            return refusal;
        }

        var body = await JsonBody.ReadAsync<KandyUserRequest>(request, KandyWire.Options);
        if (!body.IsSuccess)
        {
            return KandyResults.From(body.Error!, UserFields);
        }

        var b = body.Value;
        if (Missing(("user_phone_number", b.PhoneNumber), ("user_country_code", b.CountryCode)) is { } missingFields)
        {
            return missingFields;
        }

        if (!CountryCodes.TryParse(b.CountryCode, out var country, out var callingCode))
        {
            return KandyResults.From(InvalidCountry());
        }

        var national = PhoneNumbers.National(b.PhoneNumber!, callingCode);
        if (!national.IsSuccess)
        {
            return KandyResults.From(national.Error!);
        }

        // Kandy's user id for a phone user: the calling code then the number (US 3524096582 -> 13524096582).
        return await CreateUserAsync(core, caller, callingCode + national.Value, b, national.Value, country, ct);
    }

    private static async Task<IResult> CreateUserByUserId(
        [AsParameters] KandyCore core,
        HttpRequest request,
        [FromQuery(Name = "key")] string? key,
        CancellationToken ct)
    {
        if (!TryAuthenticate(core, key, PrincipalKind.Organisation, out var caller, out var refusal))
        {
            return refusal;
        }

        var body = await JsonBody.ReadAsync<KandyUserRequest>(request, KandyWire.Options);
        if (!body.IsSuccess)
        {
            return KandyResults.From(body.Error!, UserFields);
        }

        var b = body.Value;
        if (Missing(("user_id", b.UserId)) is { } missingFields)
        {
            return missingFields;
        }

        string? country = null;
        if (!string.IsNullOrWhiteSpace(b.CountryCode) && !CountryCodes.TryParse(b.CountryCode, out country, out _))
        {
            return KandyResults.From(InvalidCountry());
        }

        var phone = string.IsNullOrWhiteSpace(b.PhoneNumber) ? null : b.PhoneNumber;
        return await CreateUserAsync(core, caller, b.UserId!.Trim(), b, phone, country, ct);
    }

    private static async Task<IResult> DeleteUser(
        [AsParameters] KandyCore core,
        [FromQuery(Name = "key")] string? key,
        [FromQuery(Name = "user_id")] string? userId,
        CancellationToken ct)
    {
        if (Missing(("key", key)) is { } missing)
        {
            return missing;
        }

        const string expected = "key must be the user's API key (UAK…), or a domain access token (DAT…) together with user_id.";
        Result<Done> deleted;
        if (!string.IsNullOrWhiteSpace(userId))
        {
            // A domain deletes one of its users.
            var caller = KandyAuth.Token(core.Tokens, key!, PrincipalKind.Organisation);
            if (!caller.IsSuccess)
            {
                return KandyResults.From(caller.Error!);
            }

            var user = await core.Users.FindInOrganisationAsync(caller.Value.SubjectId, userId.Trim(), ct);
            if (user is null)
            {
                return KandyResults.From(UserNotFound(userId));
            }

            deleted = await core.Users.DeleteAsync(caller.Value, user.Id, ct);
        }
        else
        {
            // A user deletes itself with its API key (the legacy call takes the key alone).
            if (core.Tokens.Decode(key!.Trim()) is { } claims)
            {
                return claims.Kind == PrincipalKind.Organisation
                    ? KandyResults.Missing(["user_id"])
                    : KandyResults.From(Error.Unauthorized(expected));
            }

            var credential = await core.Credentials.FindAsync(key.Trim(), ct);
            if (credential is null || credential.Revoked || credential.OwnerKind != PrincipalKind.User)
            {
                return KandyResults.From(Error.Unauthorized(expected));
            }

            deleted = await core.Users.DeleteAsync(Principal.FromCredential(credential), credential.OwnerId, ct);
        }

        return deleted.IsSuccess ? KandyResults.Done(UserDeleted) : KandyResults.From(deleted.Error!);
    }

    private static async Task<IResult> GetUsers(
        [AsParameters] KandyCore core,
        [FromQuery(Name = "key")] string? key,
        CancellationToken ct)
    {
        if (!TryAuthenticate(core, key, PrincipalKind.Organisation, out var caller, out var refusal))
        {
            return refusal;
        }

        var domainId = caller.SubjectId;
        var organisation = await core.Organisations.GetAsync(caller, domainId, ct);
        if (!organisation.IsSuccess)
        {
            return KandyResults.From(organisation.Error!);
        }

        var users = await AllAsync<User>((cursor, c) => core.Users.ListAsync(caller, domainId, Paging.MaxLimit, cursor, c), ct);
        if (!users.IsSuccess)
        {
            return KandyResults.From(users.Error!);
        }

        return KandyResults.Ok(new KandyUserList(await KandyViews.UsersAsync(core, caller, organisation.Value, users.Value, ct)));
    }

    private static async Task<IResult> GetUserDetails(
        [AsParameters] KandyCore core,
        [FromQuery(Name = "key")] string? key,
        [FromQuery(Name = "user_access_token")] string? userToken,
        CancellationToken ct)
    {
        if (Missing(("key", key), ("user_access_token", userToken)) is { } missing)
        {
            return missing;
        }

        var caller = KandyAuth.Token(core.Tokens, key!, PrincipalKind.Organisation);
        if (!caller.IsSuccess)
        {
            return KandyResults.From(caller.Error!);
        }

        var subject = KandyAuth.Token(core.Tokens, userToken!, PrincipalKind.User, "user_access_token");
        if (!subject.IsSuccess)
        {
            return KandyResults.From(subject.Error!);
        }

        // The core hides users of other domains from a domain: they are not found.
        var user = await core.Users.GetAsync(caller.Value, subject.Value.SubjectId, ct);
        if (!user.IsSuccess || user.Value.OrganisationId != caller.Value.SubjectId)
        {
            return KandyResults.From(new Error(ErrorCode.NotFound, "The user of user_access_token was not found in this domain."));
        }

        var organisation = await core.Organisations.GetAsync(caller.Value, caller.Value.SubjectId, ct);
        if (!organisation.IsSuccess)
        {
            return KandyResults.From(organisation.Error!);
        }

        return KandyResults.Ok(new KandyUserList(await KandyViews.UsersAsync(core, caller.Value, organisation.Value, [user.Value], ct)));
    }
}
