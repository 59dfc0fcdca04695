using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using Steward.Core.Access;
using Steward.Core.Identity;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Storage;
using Steward.Core.Tenancy;
using Steward.Core.Writes;
using Steward.Server.Auth;
using Steward.Server.Hosting;

namespace Steward.Server.Faces.Kandy;

/// <summary>The Kandy domain calls: domain access tokens, domain detail and the domain's users (seed 001).</summary>
public static partial class KandyApi
{
    private static IResult GetDomainAccessToken([AsParameters] KandyCore core, HttpContext http) =>
        Issue(core, http.GetPrincipal(), t => new KandyDomainAccessToken(t));

    private static Task<IResult> DeleteDomainAccessToken(
        [AsParameters] KandyCore core,
        HttpContext http,
        [FromQuery(Name = "domain_access_token")] string? token,
        CancellationToken ct) =>
        RevokeAsync(core, http.GetPrincipal(), token!, "domain_access_token", ct);

    /// <summary>The key and secret are the domain's, and the scheme has checked that domain_access_token is one of its tokens.</summary>
    private static async Task<IResult> GetLimitedDomainDetail(
        [AsParameters] KandyCore core,
        HttpContext http,
        CancellationToken ct)
    {
        var caller = http.GetPrincipal();
        var organisation = await core.Organisations.GetAsync(caller, caller.SubjectId, ct);
        if (!organisation.IsSuccess)
        {
            return KandyResults.From(organisation.Error!);
        }

        var domains = await KandyViews.DomainsAsync(core, caller, [organisation.Value], ct);
        return domains.IsSuccess ? KandyResults.Ok(new KandyDomainDetail(domains.Value[0])) : KandyResults.From(domains.Error!);
    }

    private static async Task<IResult> CreateUserByPhoneNumber(
        [AsParameters] KandyCore core,
        HttpContext http,
        CancellationToken ct)
    {
        var caller = http.GetPrincipal();
        var body = await JsonBody.ReadAsync<KandyUserRequest>(http.Request, KandyWire.Options);
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
        HttpContext http,
        CancellationToken ct)
    {
        var caller = http.GetPrincipal();
        var body = await JsonBody.ReadAsync<KandyUserRequest>(http.Request, KandyWire.Options);
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
        HttpContext http,
        [FromQuery(Name = "user_id")] string? userId,
        CancellationToken ct)
    {
        // The scheme let in a domain access token when user_id is given, the user's own API key otherwise.
        var caller = http.GetPrincipal();
        Result<Done> deleted;
        if (!string.IsNullOrWhiteSpace(userId))
        {
            var user = await core.Users.FindInOrganisationAsync(caller.SubjectId, userId.Trim(), ct);
            if (user is null)
            {
                return KandyResults.From(UserNotFound(userId));
            }

            deleted = await core.Users.DeleteAsync(caller, user.Id, ct);
        }
        else
        {
            deleted = await core.Users.DeleteAsync(caller, caller.SubjectId, ct);
        }

        return deleted.IsSuccess ? KandyResults.Done(UserDeleted) : KandyResults.From(deleted.Error!);
    }

    private static async Task<IResult> GetUsers(
        [AsParameters] KandyCore core,
        HttpContext http,
        CancellationToken ct)
    {
        var caller = http.GetPrincipal();
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
        HttpContext http,
        CancellationToken ct)
    {
        var caller = http.GetPrincipal();
        var subject = KandyKey.ParameterToken(http);

        // The core hides users of other domains from a domain: they are not found.
        var user = await core.Users.GetAsync(caller, subject.SubjectId, ct);
        if (!user.IsSuccess || user.Value.OrganisationId != caller.SubjectId)
        {
            return KandyResults.From(new Error(ErrorCode.NotFound, "The user of user_access_token was not found in this domain."));
        }

        var organisation = await core.Organisations.GetAsync(caller, caller.SubjectId, ct);
        if (!organisation.IsSuccess)
        {
            return KandyResults.From(organisation.Error!);
        }

        return KandyResults.Ok(new KandyUserList(await KandyViews.UsersAsync(core, caller, organisation.Value, [user.Value], ct)));
    }
}
