using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Steward.Core.Access;
using Steward.Core.Identity;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Storage;
using Steward.Core.Writes;
using Steward.Server.Auth;
using Steward.Server.Hosting;

namespace Steward.Server.Faces.Kandy;

/// <summary>
/// The Kandy face at <c>/v1.2/</c> (seeds 000 and 001, docs/FACES.md): credentials travel as
/// <c>key=</c> in the query string, checked before a handler runs by the <see cref="KandyKey"/> each
/// call declares; every answer is the <c>{"status", "message", "result"}</c> envelope. Handlers get
/// the authenticated caller and only translate: parse the wire, call the core, render; the core
/// validates, authorizes and writes. A domain is an organisation; a user id is a username within it.
/// </summary>
public static partial class KandyApi
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
        var kandy = app.MapSurface("/v1.2", KandyErrorStyle.Instance)
            .WithTags("Kandy")
            .AddEndpointFilter(CatchAll);

        // Which methods each path answers, so that a wrong method gets a 405 that says which to use.
        // Every call declares the key it takes and its other required query parameters; the scheme
        // checks them before the handler runs. Handlers bind those parameters as nullable all the
        // same: binding runs before the filter, and an absent one must reach it to be reported.
        var calls = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        void Map(string method, string path, Delegate handler, string name, string summary, KandyKey key)
        {
            var call = kandy.MapMethods(path, [method], handler).WithName(name).WithSummary(summary).RequireCaller(key).DescribeKey(key);
            if (key.TakesSecret)
            {
                // The calls that take a key's secret are Kandy's sign-in: their request rate is limited per address.
                call.LimitSignInRate();
            }

            if (!calls.TryGetValue(path, out var methods))
            {
                calls[path] = methods = [];
            }

            methods.Add(method);
        }

        var accountKey = KandyKey.WithSecret(PrincipalKind.Account, "account_api_secret");
        var domainKey = KandyKey.WithSecret(PrincipalKind.Organisation, "domain_api_secret");
        var accountToken = KandyKey.Token(PrincipalKind.Account);
        var domainToken = KandyKey.Token(PrincipalKind.Organisation);
        var userToken = KandyKey.Token(PrincipalKind.User);

        Map(HttpMethods.Get, "accounts/accesstokens", GetAccountAccessToken, "KandyGetAccountAccessToken",
            "get_account_access_token: an account access token for the account's API key (key) and secret (account_api_secret).",
            accountKey);
        Map(HttpMethods.Delete, "accounts/accesstokens", DeleteAccountAccessToken, "KandyDeleteAccountAccessToken",
            "delete_account_access_token: revokes account_access_token; key and account_api_secret are the account's.",
            accountKey.Requiring("account_access_token"));
        Map(HttpMethods.Post, "accounts/domains", CreateDomain, "KandyCreateDomain",
            "create_domain: JSON {domain_name, project_name}; key is an account access token. Answers the domain.",
            accountToken);
        Map(HttpMethods.Delete, "accounts/domains", DeleteDomain, "KandyDeleteDomain",
            "delete_domain: deletes the domain whose API key is domain_api_key, with its users; key is an account access token.",
            accountToken.Requiring("domain_api_key"));
        Map(HttpMethods.Get, "accounts/domains", GetDomains, "KandyGetDomains",
            "get_domains: the account's domains with their API keys and secrets; key is an account access token.",
            accountToken);
        Map(HttpMethods.Get, "accounts/domains/details", GetLimitedDomainDetail, "KandyGetLimitedDomainDetail",
            "get_limited_domain_detail: key is the domain's API key, with domain_api_secret and a domain_access_token of that domain.",
            domainKey.AndToken("domain_access_token", PrincipalKind.Organisation, sameOwner: true));
        Map(HttpMethods.Get, "domains/accesstokens", GetDomainAccessToken, "KandyGetDomainAccessToken",
            "get_domain_access_token: a domain access token for the domain's API key (key) and secret (domain_api_secret).",
            domainKey);
        Map(HttpMethods.Delete, "domains/accesstokens", DeleteDomainAccessToken, "KandyDeleteDomainAccessToken",
            "delete_domain_access_token: revokes domain_access_token; key and domain_api_secret are the domain's.",
            domainKey.Requiring("domain_access_token"));
        Map(HttpMethods.Post, "domains/users/phone_number", CreateUserByPhoneNumber, "KandyCreateUserByPhoneNumber",
            "create_user_by_phone_number: JSON {user_phone_number, user_country_code}; the user id is the calling code and the number. key is a domain access token.",
            domainToken);
        Map(HttpMethods.Post, "domains/users/user_id", CreateUserByUserId, "KandyCreateUserByUserId",
            "create_user_by_user_id: JSON {user_id, user_country_code, user_first_name, user_last_name, user_email, user_password}; key is a domain access token.",
            domainToken);
        Map(HttpMethods.Delete, "domains/users", DeleteUser, "KandyDeleteUser",
            "delete_user: key is the user's API key, or a domain access token together with user_id.",
            KandyKey.UserKeyOrToken(PrincipalKind.Organisation, "user_id"));
        Map(HttpMethods.Get, "domains/users", GetUsers, "KandyGetUsers",
            "get_users: the domain's users with their API keys and secrets; key is a domain access token.",
            domainToken);
        Map(HttpMethods.Get, "domains/users/details", GetUserDetails, "KandyGetUserDetails",
            "get_user_details: the user of user_access_token; key is a domain access token of the user's domain.",
            domainToken.AndToken("user_access_token", PrincipalKind.User));
        Map(HttpMethods.Get, "domains/users/accesstokens", GetUserAccessToken, "KandyGetUserAccessToken",
            "get_user_access_token: a user access token for user_id; key and domain_api_secret are the user's domain's.",
            domainKey.Requiring("user_id"));
        Map(HttpMethods.Post, "users/devices", CreateDevice, "KandyCreateDevice",
            "create_device: JSON {device_native_id, device_family, device_name, client_sw_version, device_os_version}; key is a user access token.",
            userToken);
        Map(HttpMethods.Delete, "users/devices", DeleteDevice, "KandyDeleteDevice",
            "delete_device: deletes the user's device device_id; key is a user access token.",
            userToken.Requiring("device_id"));
        Map(HttpMethods.Get, "users/devices", GetDevices, "KandyGetDevices",
            "get_devices: the user's devices; key is a user access token.",
            userToken);

        kandy.MapFallback("{**path}", (HttpRequest request, string? path) =>
        {
            var relative = (path ?? "").Trim('/');
            calls.TryGetValue(relative, out var methods);
            return KandyResults.NoSuchCall(request.Method, "/v1.2/" + relative, methods);
        }).ExcludeFromDescription();
        return kandy;
    }

    /// <summary>
    /// Documents the query parameters the key's scheme reads (the handler does not bind them), before
    /// the handler's own, in the order Kandy lists them.
    /// </summary>
    private static RouteHandlerBuilder DescribeKey(this RouteHandlerBuilder endpoint, KandyKey key) =>
        endpoint.AddOpenApiOperationTransformer((operation, context, ct) =>
        {
            var own = operation.Parameters ?? [];
            operation.Parameters =
            [
                .. key.Parameters.Select(name => own.FirstOrDefault(p => p.Name == name) ?? new OpenApiParameter
                {
                    Name = name,
                    In = ParameterLocation.Query,
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                }),
                .. own.Where(p => !key.Parameters.Contains(p.Name!)),
            ];
            return Task.CompletedTask;
        });

    // ---- shared steps ------------------------------------------------------------------------

    /// <summary>Issues a token for the caller, which authenticated with its API key and secret.</summary>
    private static IResult Issue(KandyCore core, Principal caller, Func<string, object> render)
    {
        var issued = core.Tokens.IssueForCaller(caller);
        return issued.IsSuccess ? KandyResults.Ok(render(issued.Value.AccessToken)) : KandyResults.From(issued.Error!);
    }

    /// <summary>Revokes a token of the caller's kind; the caller authenticated with its API key and secret.</summary>
    private static async Task<IResult> RevokeAsync(KandyCore core, Principal caller, string token, string tokenParameter, CancellationToken ct)
    {
        token = token.Trim();
        var claims = core.Tokens.Decode(token);
        if (claims is null || claims.Kind != caller.Kind)
        {
            return KandyResults.From(Error.Invalid(tokenParameter, $"{tokenParameter} must be {KandyKey.TokenName(caller.Kind)} issued by this server."));
        }

        var revoked = await core.Tokens.RevokeAsync(caller, token, ct);
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
