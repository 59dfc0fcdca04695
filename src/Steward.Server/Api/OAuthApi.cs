using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;
using Steward.Core.Access;
using Steward.Core.Identity;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Tenancy;
using Steward.Server.Auth;
using Steward.Server.Hosting;

namespace Steward.Server.Api;

/// <summary>
/// OAuth 2.0 endpoints: token (RFC 6749: client_credentials and password), revocation (RFC 7009) and
/// introspection (RFC 7662). Clients authenticate with form fields or HTTP Basic (the
/// <see cref="OAuthClient"/> scheme); errors use OAuth's own <c>{"error", "error_description"}</c>
/// shape, as OAuth clients expect. The checks run in this order, whoever calls: the body is a form,
/// the token request names a grant it can serve, then the client is authenticated.
/// </summary>
public static class OAuthApi
{
    public static RouteGroupBuilder MapOAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapSurface("/oauth", OAuthErrorStyle.Instance).WithTags("OAuth");

        // One filter per route checks the form (and, on /token, the grant) before the caller is: a
        // single async step on the token path, which is measured (docs/benchmarks.md).
        group.MapPost("/token", Token).WithName("OAuthToken").DisableAntiforgery()
            .WithSummary("Issue an access token: grant_type=client_credentials (client_id, client_secret) or password (username, password).")
            .DescribeFormBody()
            .AddEndpointFilter(TokenRequest)
            .RequireCaller(OAuthClient.Optional)
            .GuardSignIn(PasswordAttempt);
        group.MapPost("/revoke", Revoke).WithName("OAuthRevoke").DisableAntiforgery()
            .WithSummary("Revoke a token (RFC 7009). Authenticate as a client or with a bearer token.")
            .DescribeFormBody()
            .AddEndpointFilter(FormOnly)
            .RequireCaller(OAuthClient.OrBearer);
        group.MapPost("/introspect", Introspect).WithName("OAuthIntrospect").DisableAntiforgery()
            .WithSummary("Describe a token (RFC 7662). Authenticate as a client or with a bearer token.")
            .DescribeFormBody()
            .AddEndpointFilter(FormOnly)
            .RequireCaller(OAuthClient.OrBearer);
        return group;
    }

    /// <summary>
    /// Documents the form body in OpenAPI. Not <c>Accepts</c>: that also makes routing answer any
    /// other content type with a bare 415, where OAuth clients expect 400 <c>invalid_request</c>.
    /// </summary>
    internal static RouteHandlerBuilder DescribeFormBody(this RouteHandlerBuilder endpoint) =>
        endpoint.AddOpenApiOperationTransformer(async (operation, context, ct) =>
        {
            IOpenApiSchema schema = await context.GetOrCreateSchemaAsync(typeof(TokenForm), null, ct);
            if (context.Document is { } document)
            {
                document.AddComponent(nameof(TokenForm), schema);
                schema = new OpenApiSchemaReference(nameof(TokenForm), document);
            }

            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/x-www-form-urlencoded"] = new() { Schema = schema } },
            };
        });

    /// <summary>
    /// A password grant's attempt is counted under the user name, in the scope it is looked up in: a bare name
    /// within the client's organisation or account, <c>name@domain</c> and user ids server-wide.
    /// </summary>
    private static string? PasswordAttempt(HttpContext http)
    {
        var form = http.Request.Form;
        if (form["grant_type"] != "password" || form["username"].ToString() is not { Length: > 0 } username)
        {
            return null;
        }

        var client = http.FindPrincipal();
        var scope = username.Contains('@', StringComparison.Ordinal) || PublicId.HasPrefix<User>(username) || client is null
            ? ""
            : (client.Kind == PrincipalKind.Organisation ? client.SubjectId : client.AccountId).ToString("N");
        return SignInGuard.UserName(scope, username);
    }

    /// <summary>Every OAuth answer is uncacheable (RFC 6749 §5.1), and every request a form, before anything else is checked.</summary>
    private static async ValueTask<object?> FormOnly(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        await ReadForm(context.HttpContext) ?? await next(context);

    /// <summary>
    /// The token request: a form (as <see cref="FormOnly"/>) that names a grant this server serves, with what it
    /// needs, before the client is checked.
    /// </summary>
    private static async ValueTask<object?> TokenRequest(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        await ReadForm(context.HttpContext) ?? KnownGrant(context.HttpContext.Request) ?? await next(context);

    /// <summary>Sets the no-store headers and reads the form; null when it was read, otherwise the refusal.</summary>
    private static async ValueTask<object?> ReadForm(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
        if (!http.Request.HasFormContentType)
        {
            return NotAForm();
        }

        try
        {
            await http.Request.ReadFormAsync(http.RequestAborted);
            return null;
        }
        catch (Exception ex) when (UnreadableForm(ex) is { } unreadable)
        {
            return OAuthErrorStyle.Instance.Render(unreadable);
        }
    }

    /// <summary>Null when the grant is one this server serves, with what it needs; otherwise the refusal.</summary>
    private static JsonHttpResult<OAuthError>? KnownGrant(HttpRequest request)
    {
        switch (request.Form["grant_type"].ToString())
        {
            case "":
                return Fail(400, "invalid_request", "grant_type is required.");
            case "client_credentials":
                var (id, secret) = OAuthClient.Presented(request);
                return string.IsNullOrEmpty(id) || string.IsNullOrEmpty(secret)
                    ? Fail(400, "invalid_request", "client_id and client_secret are required.")
                    : null;
            case "password":
                return null;
            default:
                return Fail(400, "unsupported_grant_type", "grant_type must be client_credentials or password.");
        }
    }

    private static async Task<Results<Ok<TokenResponse>, JsonHttpResult<OAuthError>>> Token(HttpContext http, TokenService tokens, TimeProvider time)
    {
        var form = http.Request.Form;
        Result<IssuedToken> issued;
        if (form["grant_type"] == "client_credentials")
        {
            // KnownGrant made sure a client was sent, and the scheme that it is right.
            issued = tokens.IssueForCaller(http.GetPrincipal());
            if (!issued.IsSuccess)
            {
                return Fail(401, "invalid_client", issued.Error!.Message);
            }
        }
        else
        {
            issued = await tokens.IssueForPasswordAsync(form["username"], form["password"], http.FindPrincipal(), http.RequestAborted);
            if (!issued.IsSuccess)
            {
                RetryAfter.Set(http.Response, issued.Error!);
                return issued.Error!.Code switch
                {
                    ErrorCode.Validation => Fail(400, "invalid_request", issued.Error.Message),
                    ErrorCode.TooManyAttempts => Fail(429, SlowDown, issued.Error.Message),
                    _ => Fail(400, "invalid_grant", issued.Error.Message),
                };
            }
        }

        var t = issued.Value;
        return TypedResults.Ok(new TokenResponse(t.AccessToken, "Bearer", TokensApi.ExpiresIn(t.ExpiresAt, time)));
    }

    private static async Task<Results<Ok, JsonHttpResult<OAuthError>>> Revoke(HttpContext http, TokenService tokens)
    {
        var form = http.Request.Form;
        if (string.IsNullOrEmpty(form["token"]))
        {
            return Fail(400, "invalid_request", "token is required.");
        }

        // RFC 7009 §2.2: a token this client may not revoke is answered like an invalid one (200) and left
        // alone, so a client learns nothing about other clients' tokens.
        var result = await tokens.RevokeAsync(http.GetPrincipal(), form["token"], http.RequestAborted);
        return result.IsSuccess || result.Error!.Code == ErrorCode.Forbidden
            ? TypedResults.Ok()
            : Fail(400, "invalid_request", result.Error!.Message);
    }

    private static Results<Ok<IntrospectionResponse>, JsonHttpResult<OAuthError>> Introspect(HttpContext http, TokenService tokens)
    {
        var caller = http.GetPrincipal();
        var form = http.Request.Form;
        var token = form["token"].ToString();
        if (token.Length == 0)
        {
            return Fail(400, "invalid_request", "token is required.");
        }

        var validated = tokens.Validate(token);
        if (!validated.IsSuccess)
        {
            return TypedResults.Ok(IntrospectionResponse.Inactive);
        }

        var p = validated.Value;
        if (!caller.IsRoot && caller.AccountId != p.AccountId)
        {
            // RFC 7662: a token the caller may not know about is reported as inactive.
            return TypedResults.Ok(IntrospectionResponse.Inactive);
        }

        var claims = tokens.Decode(token)!;
        return TypedResults.Ok(new IntrospectionResponse(
            true,
            "Bearer",
            p.ActorId,
            PublicId.Of<Credential>(p.CredentialId),
            p.AccountId == Guid.Empty ? null : PublicId.Of<Account>(p.AccountId),
            p.OrganisationId == Guid.Empty ? null : PublicId.Of<Organisation>(p.OrganisationId),
            p.Kind.ToString().ToLowerInvariant(),
            claims.IssuedAt.ToUnixTimeSeconds(),
            claims.ExpiresAt.ToUnixTimeSeconds(),
            "token-" + claims.TokenId.ToString("D")));
    }

    /// <summary>A form of the right type that could not be read is told what happened to it, not that its type is wrong.</summary>
    internal static Error? UnreadableForm(Exception ex) => ex switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            Error.PayloadTooLarge("The form body is too large; the parameters of an OAuth request fit in a few hundred bytes.", "body", "The form body is too large."),
        BadHttpRequestException { StatusCode: StatusCodes.Status408RequestTimeout } =>
            Error.RequestTimeout("The form body arrived too slowly and was given up on; send it at once."),
        BadHttpRequestException or IOException =>
            Error.Invalid("body", "The form body could not be read: its framing is malformed (chunked encoding) or it ended before its declared length."),
        InvalidDataException =>
            Error.Invalid("body", "The form body could not be read: it has too many fields, or a field name or value that is too long."),
        _ => null,
    };

    private static JsonHttpResult<OAuthError> NotAForm() =>
        Fail(400, "invalid_request", "Send the parameters as application/x-www-form-urlencoded.");

    /// <summary>
    /// The error of an attempt refused untried (too many failures for the client or user name, or from the
    /// address; too many sign-in requests; the server busy checking passwords), answered with 429 and
    /// Retry-After. RFC 6749 §5.2 has no code for it; <c>slow_down</c> is the one registered for the token
    /// endpoint (RFC 8628 §3.5, OAuth Extensions Error registry) and says what to do: wait and retry, where
    /// <c>invalid_client</c> or <c>invalid_grant</c> would claim that a credential is wrong, which was not checked.
    /// </summary>
    public const string SlowDown = "slow_down";

    internal static JsonHttpResult<OAuthError> Fail(int status, string error, string description) =>
        TypedResults.Json(new OAuthError(error, description), statusCode: status);

    public sealed record TokenForm(string GrantType, string? ClientId, string? ClientSecret, string? Username, string? Password, string? Token);

    public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn);

    public sealed record OAuthError(string Error, string ErrorDescription);

    public sealed record IntrospectionResponse(
        bool Active,
        string? TokenType = null,
        string? Sub = null,
        string? ClientId = null,
        string? AccountId = null,
        string? OrganisationId = null,
        string? PrincipalKind = null,
        long? Iat = null,
        long? Exp = null,
        string? Jti = null)
    {
        public static readonly IntrospectionResponse Inactive = new(false);
    }
}
