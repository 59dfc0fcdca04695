using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using Steward.Core.Access;
using Steward.Core.Entities;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Services;
using Steward.Core.Writes;
using Steward.Server.Hosting;

namespace Steward.Server.Faces.Kandy;

/// <summary>
/// The Kandy face at <c>/v1.2/</c> (seeds 000 and 001, docs/FACES.md): credentials travel as
/// <c>key=</c> in the query string, every answer is the <c>{"status", "message", "result"}</c>
/// envelope. Handlers only translate: parse the wire, call the core, render; the core validates,
/// authorizes and writes. A domain is an organisation; a user id is a username within it.
/// </summary>
public static class KandyApi
{
    private const string DomainDeleted = "Domain Deleted";
    private const string UserDeleted = "User Deleted";
    private const string DeviceDeleted = "Device Deleted";

    /// <summary>Core field names of organisation input, as the Kandy calls name them.</summary>
    private static readonly Dictionary<string, string> DomainFields = new(StringComparer.Ordinal)
    {
        ["name"] = "domain_name",
        ["description"] = "project_name",
    };

    /// <summary>Core field names of user input, as the Kandy calls name them.</summary>
    private static readonly Dictionary<string, string> UserFields = new(StringComparer.Ordinal)
    {
        ["username"] = "user_id",
        ["email"] = "user_email",
        ["first_name"] = "user_first_name",
        ["last_name"] = "user_last_name",
        ["phone_number"] = "user_phone_number",
        ["country_code"] = "user_country_code",
        ["password"] = "user_password",
    };

    public static RouteGroupBuilder MapKandyFace(this IEndpointRouteBuilder app)
    {
        var kandy = app.MapGroup("/v1.2")
            .WithTags("Kandy")
            .AddEndpointFilter(CatchAll);

        // Which methods each path answers, so that a wrong method gets a 405 that says which to use.
        var calls = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        void Map(string method, string path, Delegate handler, string name, string summary)
        {
            kandy.MapMethods(path, [method], handler).WithName(name).WithSummary(summary);
            if (!calls.TryGetValue(path, out var methods))
            {
                calls[path] = methods = [];
            }

            methods.Add(method);
        }

        Map(HttpMethods.Get, "accounts/accesstokens", GetAccountAccessToken, "KandyGetAccountAccessToken",
            "get_account_access_token: an account access token for the account's API key (key) and secret (account_api_secret).");
        Map(HttpMethods.Delete, "accounts/accesstokens", DeleteAccountAccessToken, "KandyDeleteAccountAccessToken",
            "delete_account_access_token: revokes account_access_token; key and account_api_secret are the account's.");
        Map(HttpMethods.Post, "accounts/domains", CreateDomain, "KandyCreateDomain",
            "create_domain: JSON {domain_name, project_name}; key is an account access token. Answers the domain.");
        Map(HttpMethods.Delete, "accounts/domains", DeleteDomain, "KandyDeleteDomain",
            "delete_domain: deletes the domain whose API key is domain_api_key, with its users; key is an account access token.");
        Map(HttpMethods.Get, "accounts/domains", GetDomains, "KandyGetDomains",
            "get_domains: the account's domains with their API keys and secrets; key is an account access token.");
        Map(HttpMethods.Get, "accounts/domains/details", GetLimitedDomainDetail, "KandyGetLimitedDomainDetail",
            "get_limited_domain_detail: key is the domain's API key, with domain_api_secret and a domain_access_token of that domain.");
        Map(HttpMethods.Get, "domains/accesstokens", GetDomainAccessToken, "KandyGetDomainAccessToken",
            "get_domain_access_token: a domain access token for the domain's API key (key) and secret (domain_api_secret).");
        Map(HttpMethods.Delete, "domains/accesstokens", DeleteDomainAccessToken, "KandyDeleteDomainAccessToken",
            "delete_domain_access_token: revokes domain_access_token; key and domain_api_secret are the domain's.");
        Map(HttpMethods.Post, "domains/users/phone_number", CreateUserByPhoneNumber, "KandyCreateUserByPhoneNumber",
            "create_user_by_phone_number: JSON {user_phone_number, user_country_code}; the user id is the calling code and the number. key is a domain access token.");
        Map(HttpMethods.Post, "domains/users/user_id", CreateUserByUserId, "KandyCreateUserByUserId",
            "create_user_by_user_id: JSON {user_id, user_country_code, user_first_name, user_last_name, user_email, user_password}; key is a domain access token.");
        Map(HttpMethods.Delete, "domains/users", DeleteUser, "KandyDeleteUser",
            "delete_user: key is the user's API key, or a domain access token together with user_id.");
        Map(HttpMethods.Get, "domains/users", GetUsers, "KandyGetUsers",
            "get_users: the domain's users with their API keys and secrets; key is a domain access token.");
        Map(HttpMethods.Get, "domains/users/details", GetUserDetails, "KandyGetUserDetails",
            "get_user_details: the user of user_access_token; key is a domain access token of the user's domain.");
        Map(HttpMethods.Get, "domains/users/accesstokens", GetUserAccessToken, "KandyGetUserAccessToken",
            "get_user_access_token: a user access token for user_id; key and domain_api_secret are the user's domain's.");
        Map(HttpMethods.Post, "users/devices", CreateDevice, "KandyCreateDevice",
            "create_device: JSON {device_native_id, device_family, device_name, client_sw_version, device_os_version}; key is a user access token.");
        Map(HttpMethods.Delete, "users/devices", DeleteDevice, "KandyDeleteDevice",
            "delete_device: deletes the user's device device_id; key is a user access token.");
        Map(HttpMethods.Get, "users/devices", GetDevices, "KandyGetDevices",
            "get_devices: the user's devices; key is a user access token.");

        kandy.MapFallback("{**path}", (HttpRequest request, string? path) =>
        {
            var relative = (path ?? "").Trim('/');
            calls.TryGetValue(relative, out var methods);
            return KandyResults.NoSuchCall(request.Method, "/v1.2/" + relative, methods);
        }).ExcludeFromDescription();
        return kandy;
    }

    // ---- accounts ----------------------------------------------------------------------------

    private static async Task<IResult> GetAccountAccessToken(
        [AsParameters] KandyCore core,
        [FromQuery(Name = "key")] string? key,
        [FromQuery(Name = "account_api_secret")] string? secret,
        CancellationToken ct)
    {
        if (Missing(("key", key), ("account_api_secret", secret)) is { } missing)
        {
            return missing;
        }

        return await IssueAsync(core, key!, secret!, PrincipalKind.Account, "account_api_secret", t => new KandyAccountAccessToken(t), ct);
    }

    private static async Task<IResult> DeleteAccountAccessToken(
        [AsParameters] KandyCore core,
        [FromQuery(Name = "key")] string? key,
        [FromQuery(Name = "account_api_secret")] string? secret,
        [FromQuery(Name = "account_access_token")] string? token,
        CancellationToken ct)
    {
        if (Missing(("key", key), ("account_api_secret", secret), ("account_access_token", token)) is { } missing)
        {
            return missing;
        }

        return await RevokeAsync(core, key!, secret!, token!, PrincipalKind.Account, "account_api_secret", "account_access_token", ct);
    }

    private static async Task<IResult> CreateDomain(
        [AsParameters] KandyCore core,
        HttpRequest request,
        [FromQuery(Name = "key")] string? key,
        CancellationToken ct)
    {
        if (Missing(("key", key)) is { } missing)
        {
            return missing;
        }

        var caller = KandyAuth.Token(core.Tokens, key!, PrincipalKind.Account);
        if (!caller.IsSuccess)
        {
            return KandyResults.From(caller.Error!);
        }

        var body = await JsonBody.ReadAsync<KandyDomainRequest>(request, KandyWire.Options);
        if (!body.IsSuccess)
        {
            return KandyResults.From(body.Error!);
        }

        if (Missing(("domain_name", body.Value.DomainName)) is { } missingField)
        {
            return missingField;
        }

        // Domain names are DNS names: compared and kept in lower case, as organisation name and domain name alike.
        var domainName = body.Value.DomainName!.Trim().ToLowerInvariant();
        var created = await core.Organisations.CreateAsync(caller.Value, new OrganisationInput(domainName, domainName, body.Value.ProjectName), ct);
        if (!created.IsSuccess)
        {
            return KandyResults.From(created.Error!, DomainFields);
        }

        var domains = await KandyViews.DomainsAsync(core, caller.Value, [created.Value.Organisation], ct);
        return domains.IsSuccess ? KandyResults.Ok(domains.Value[0]) : KandyResults.From(domains.Error!);
    }

    private static async Task<IResult> DeleteDomain(
        [AsParameters] KandyCore core,
        [FromQuery(Name = "key")] string? key,
        [FromQuery(Name = "domain_api_key")] string? domainKey,
        CancellationToken ct)
    {
        if (Missing(("key", key), ("domain_api_key", domainKey)) is { } missing)
        {
            return missing;
        }

        var caller = KandyAuth.Token(core.Tokens, key!, PrincipalKind.Account);
        if (!caller.IsSuccess)
        {
            return KandyResults.From(caller.Error!);
        }

        var domain = await core.Credentials.FindAsync(domainKey!.Trim(), ct);
        if (domain is null || domain.Revoked || domain.OwnerKind != PrincipalKind.Organisation)
        {
            return KandyResults.From(Error.NotFound("Domain"));
        }

        var deleted = await core.Organisations.DeleteAsync(caller.Value, domain.OwnerId, ct);
        return deleted.IsSuccess ? KandyResults.Done(DomainDeleted) : KandyResults.From(deleted.Error!);
    }

    private static async Task<IResult> GetDomains(
        [AsParameters] KandyCore core,
        [FromQuery(Name = "key")] string? key,
        CancellationToken ct)
    {
        if (Missing(("key", key)) is { } missing)
        {
            return missing;
        }

        var caller = KandyAuth.Token(core.Tokens, key!, PrincipalKind.Account);
        if (!caller.IsSuccess)
        {
            return KandyResults.From(caller.Error!);
        }

        var organisations = await AllAsync<Organisation>((cursor, c) => core.Organisations.ListAsync(caller.Value, Paging.MaxLimit, cursor, c), ct);
        if (!organisations.IsSuccess)
        {
            return KandyResults.From(organisations.Error!);
        }

        var domains = await KandyViews.DomainsAsync(core, caller.Value, organisations.Value, ct);
        return domains.IsSuccess ? KandyResults.Ok(new KandyDomainList(domains.Value)) : KandyResults.From(domains.Error!);
    }

    // ---- domains -----------------------------------------------------------------------------

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
        if (Missing(("key", key)) is { } missing)
        {
            return missing;
        }

        var caller = KandyAuth.Token(core.Tokens, key!, PrincipalKind.Organisation);
        if (!caller.IsSuccess)
        {
            return KandyResults.From(caller.Error!);
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
        return await CreateUserAsync(core, caller.Value, callingCode + national.Value, b, national.Value, country, ct);
    }

    private static async Task<IResult> CreateUserByUserId(
        [AsParameters] KandyCore core,
        HttpRequest request,
        [FromQuery(Name = "key")] string? key,
        CancellationToken ct)
    {
        if (Missing(("key", key)) is { } missing)
        {
            return missing;
        }

        var caller = KandyAuth.Token(core.Tokens, key!, PrincipalKind.Organisation);
        if (!caller.IsSuccess)
        {
            return KandyResults.From(caller.Error!);
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
        return await CreateUserAsync(core, caller.Value, b.UserId!.Trim(), b, phone, country, ct);
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
        if (Missing(("key", key)) is { } missing)
        {
            return missing;
        }

        var caller = KandyAuth.Token(core.Tokens, key!, PrincipalKind.Organisation);
        if (!caller.IsSuccess)
        {
            return KandyResults.From(caller.Error!);
        }

        var domainId = caller.Value.SubjectId;
        var organisation = await core.Organisations.GetAsync(caller.Value, domainId, ct);
        if (!organisation.IsSuccess)
        {
            return KandyResults.From(organisation.Error!);
        }

        var users = await AllAsync<User>((cursor, c) => core.Users.ListAsync(caller.Value, domainId, Paging.MaxLimit, cursor, c), ct);
        if (!users.IsSuccess)
        {
            return KandyResults.From(users.Error!);
        }

        return KandyResults.Ok(new KandyUserList(await KandyViews.UsersAsync(core, caller.Value, organisation.Value, users.Value, ct)));
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

    // ---- users -------------------------------------------------------------------------------

    private static async Task<IResult> GetUserAccessToken(
        [AsParameters] KandyCore core,
        [FromQuery(Name = "key")] string? key,
        [FromQuery(Name = "domain_api_secret")] string? secret,
        [FromQuery(Name = "user_id")] string? userId,
        CancellationToken ct)
    {
        if (Missing(("key", key), ("domain_api_secret", secret), ("user_id", userId)) is { } missing)
        {
            return missing;
        }

        var credential = await KandyAuth.CredentialAsync(core.Credentials, key!, secret!, PrincipalKind.Organisation, "domain_api_secret", ct);
        if (!credential.IsSuccess)
        {
            return KandyResults.From(credential.Error!);
        }

        var issued = await core.Tokens.IssueForOrganisationUserAsync(key!.Trim(), secret!.Trim(), userId!.Trim(), ct);
        if (!issued.IsSuccess)
        {
            return KandyResults.From(issued.Error!.Code == ErrorCode.NotFound ? UserNotFound(userId) : issued.Error!, UserFields);
        }

        return KandyResults.Ok(new KandyUserAccessToken(issued.Value.AccessToken));
    }

    private static async Task<IResult> CreateDevice(
        [AsParameters] KandyCore core,
        HttpRequest request,
        [FromQuery(Name = "key")] string? key,
        CancellationToken ct)
    {
        if (Missing(("key", key)) is { } missing)
        {
            return missing;
        }

        var caller = KandyAuth.Token(core.Tokens, key!, PrincipalKind.User);
        if (!caller.IsSuccess)
        {
            return KandyResults.From(caller.Error!);
        }

        var body = await JsonBody.ReadAsync<KandyDeviceRequest>(request, KandyWire.Options);
        if (!body.IsSuccess)
        {
            return KandyResults.From(body.Error!);
        }

        var b = body.Value;
        var device = await core.Devices.CreateAsync(caller.Value, caller.Value.SubjectId, new DeviceInput(b.NativeId, b.Family, b.Name, b.ClientSoftwareVersion, b.OsVersion), ct);
        return device.IsSuccess
            ? KandyResults.Ok(new KandyCreatedDevice(PublicId.Format(PublicId.Device, device.Value.Id)))
            : KandyResults.From(device.Error!);
    }

    private static async Task<IResult> DeleteDevice(
        [AsParameters] KandyCore core,
        [FromQuery(Name = "key")] string? key,
        [FromQuery(Name = "device_id")] string? deviceId,
        CancellationToken ct)
    {
        if (Missing(("key", key), ("device_id", deviceId)) is { } missing)
        {
            return missing;
        }

        var caller = KandyAuth.Token(core.Tokens, key!, PrincipalKind.User);
        if (!caller.IsSuccess)
        {
            return KandyResults.From(caller.Error!);
        }

        var notFound = new Error(ErrorCode.NotFound, $"device_id '{deviceId!.Trim()}' is not one of this user's devices; list them with GET /v1.2/users/devices.");
        if (!PublicId.TryParse(PublicId.Device, deviceId.Trim(), out var id))
        {
            return KandyResults.From(notFound);
        }

        // Kandy's devices are the calling user's own: another user's device is not found here.
        var device = await core.Devices.GetAsync(caller.Value, id, ct);
        if (!device.IsSuccess || device.Value.UserId != caller.Value.SubjectId)
        {
            return KandyResults.From(notFound);
        }

        var deleted = await core.Devices.DeleteAsync(caller.Value, id, ct);
        return deleted.IsSuccess ? KandyResults.Done(DeviceDeleted) : KandyResults.From(deleted.Error!);
    }

    private static async Task<IResult> GetDevices(
        [AsParameters] KandyCore core,
        [FromQuery(Name = "key")] string? key,
        CancellationToken ct)
    {
        if (Missing(("key", key)) is { } missing)
        {
            return missing;
        }

        var caller = KandyAuth.Token(core.Tokens, key!, PrincipalKind.User);
        if (!caller.IsSuccess)
        {
            return KandyResults.From(caller.Error!);
        }

        var devices = await core.Devices.ListAsync(caller.Value, caller.Value.SubjectId, ct);
        if (!devices.IsSuccess)
        {
            return KandyResults.From(devices.Error!);
        }

        var list = devices.Value.Select(d => new KandyDevice(
            PublicId.Format(PublicId.Device, d.Id),
            d.NativeId ?? "",
            d.Family ?? "",
            d.Name ?? "",
            d.ClientSoftwareVersion ?? "",
            d.OsVersion ?? "")).ToList();
        return KandyResults.Ok(new KandyDeviceList(list));
    }

    // ---- shared steps ------------------------------------------------------------------------

    /// <summary>Issues a token for an API key and secret of the <paramref name="kind"/> the call needs.</summary>
    private static async Task<IResult> IssueAsync(
        KandyCore core, string key, string secret, PrincipalKind kind, string secretParameter, Func<string, object> render, CancellationToken ct)
    {
        var credential = await KandyAuth.CredentialAsync(core.Credentials, key, secret, kind, secretParameter, ct);
        if (!credential.IsSuccess)
        {
            return KandyResults.From(credential.Error!);
        }

        var issued = await core.Tokens.IssueForCredentialAsync(key.Trim(), secret.Trim(), ct);
        return issued.IsSuccess ? KandyResults.Ok(render(issued.Value.AccessToken)) : KandyResults.From(issued.Error!);
    }

    /// <summary>Revokes a token of the <paramref name="kind"/>, asked for with the owner's API key and secret.</summary>
    private static async Task<IResult> RevokeAsync(
        KandyCore core, string key, string secret, string token, PrincipalKind kind, string secretParameter, string tokenParameter, CancellationToken ct)
    {
        var credential = await KandyAuth.CredentialAsync(core.Credentials, key, secret, kind, secretParameter, ct);
        if (!credential.IsSuccess)
        {
            return KandyResults.From(credential.Error!);
        }

        token = token.Trim();
        var claims = core.Tokens.Decode(token);
        if (claims is null || claims.Kind != kind)
        {
            return KandyResults.From(Error.Invalid(tokenParameter, $"{tokenParameter} must be {KandyAuth.TokenName(kind)} issued by this server."));
        }

        var revoked = await core.Tokens.RevokeAsync(Principal.FromCredential(credential.Value), token, ct);
        return revoked.IsSuccess ? KandyResults.Done() : KandyResults.From(revoked.Error!);
    }

    private static async Task<IResult> CreateUserAsync(
        KandyCore core, Principal caller, string userId, KandyUserRequest b, string? phone, string? country, CancellationToken ct)
    {
        var organisation = await core.Organisations.GetAsync(caller, caller.SubjectId, ct);
        if (!organisation.IsSuccess)
        {
            return KandyResults.From(organisation.Error!);
        }

        // Kandy answers the user's password; when the client sets none, the user gets a random one.
        var password = string.IsNullOrEmpty(b.Password) ? NewPassword() : b.Password;
        var domainName = KandyViews.DomainNameOf(organisation.Value);
        var input = new UserInput(
            Username: userId,
            Email: Blank(b.Email),
            FirstName: Blank(b.FirstName),
            LastName: Blank(b.LastName),
            PhoneNumber: phone,
            CountryCode: country,
            Password: password,
            OrganisationId: organisation.Value.Id);
        var created = await core.Users.CreateAsync(caller, input, ct);
        if (!created.IsSuccess)
        {
            var error = created.Error!;
            if (error.Code == ErrorCode.Conflict && error.Fields?.ContainsKey("username") == true)
            {
                return KandyResults.From(Error.Conflict($"user_id '{userId}' already exists in domain '{domainName}'; choose another user_id."));
            }

            return KandyResults.From(error, UserFields);
        }

        var user = created.Value.User;
        return KandyResults.Ok(new KandyCreatedUser(
            user.Username,
            password,
            user.Username + "@" + domainName,
            domainName,
            created.Value.Credential.Credential.ApiKey,
            created.Value.Credential.Secret));
    }

    /// <summary>Reads every page of a core list: the Kandy calls answer whole lists.</summary>
    private static async Task<Result<List<T>>> AllAsync<T>(Func<string?, CancellationToken, Task<Result<Page<T>>>> page, CancellationToken ct)
    {
        var all = new List<T>();
        string? cursor = null;
        do
        {
            var next = await page(cursor, ct);
            if (!next.IsSuccess)
            {
                return next.Error!;
            }

            all.AddRange(next.Value.Items);
            cursor = next.Value.NextCursor;
        }
        while (cursor is not null);

        return all;
    }

    private static Error InvalidCountry() =>
        Error.Invalid("user_country_code", "user_country_code must be an ISO country code such as US, or a calling code such as 1 or +44.");

    private static Error UserNotFound(string userId) =>
        new(ErrorCode.NotFound, $"user_id '{userId.Trim()}' was not found in this domain.");

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static string NewPassword() =>
        RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789", 20);

    /// <summary>Status 3 naming every absent (or blank) required parameter, or null when all are there.</summary>
    private static IResult? Missing(params (string Name, string? Value)[] parameters)
    {
        var missing = parameters.Where(p => string.IsNullOrWhiteSpace(p.Value)).Select(p => p.Name).ToList();
        return missing.Count == 0 ? null : KandyResults.Missing(missing);
    }

    /// <summary>Keeps the envelope when something unexpected fails: status 1, and the details go to the log only.</summary>
    private static async ValueTask<object?> CatchAll(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(KandyApi));
            logger.LogError(ex, "Kandy call {Method} {Path} failed.", context.HttpContext.Request.Method, context.HttpContext.Request.Path);
            return KandyResults.Internal(ex is WriteFailedException);
        }
    }
}

/// <summary>The core services the handlers call, bound from DI in one parameter.</summary>
internal readonly record struct KandyCore(
    AccountService Accounts,
    OrganisationService Organisations,
    UnitService Units,
    UserService Users,
    DeviceService Devices,
    CredentialService Credentials,
    TokenService Tokens,
    TimeProvider Time);
