using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Primitives;
using Microsoft.OpenApi;
using Steward.Core.Access;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Tenancy;

namespace Steward.Server.Api;

/// <summary>
/// OAuth 2.0 endpoints: token (RFC 6749: client_credentials and password), revocation (RFC 7009) and
/// introspection (RFC 7662). Clients authenticate with form fields or HTTP Basic; errors use
/// OAuth's own <c>{"error", "error_description"}</c> shape, as OAuth clients expect.
/// </summary>
public static class OAuthApi
{
    public static RouteGroupBuilder MapOAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/oauth").WithTags("OAuth");
        group.MapPost("/token", Token).WithName("OAuthToken").DisableAntiforgery()
            .WithSummary("Issue an access token: grant_type=client_credentials (client_id, client_secret) or password (username, password).")
            .DescribeFormBody();
        group.MapPost("/revoke", Revoke).WithName("OAuthRevoke").DisableAntiforgery()
            .WithSummary("Revoke a token (RFC 7009). Authenticate as a client or with a bearer token.")
            .DescribeFormBody();
        group.MapPost("/introspect", Introspect).WithName("OAuthIntrospect").DisableAntiforgery()
            .WithSummary("Describe a token (RFC 7662). Authenticate as a client or with a bearer token.")
            .DescribeFormBody();
        return group;
    }

    /// <summary>
    /// Documents the form body in OpenAPI. Not <c>Accepts</c>: that also makes routing answer any
    /// other content type with a bare 415, where OAuth clients expect 400 <c>invalid_request</c>.
    /// </summary>
    private static RouteHandlerBuilder DescribeFormBody(this RouteHandlerBuilder endpoint) =>
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

    private static async Task<Results<Ok<TokenResponse>, JsonHttpResult<OAuthError>>> Token(HttpContext http, TokenService tokens, CredentialService credentials, TimeProvider time)
    {
        NoStore(http);
        var form = await ReadFormAsync(http);
        if (form is null)
        {
            return Fail(400, "invalid_request", "Send the parameters as application/x-www-form-urlencoded.");
        }

        var (clientId, clientSecret) = ClientCredentials(http, form);
        Result<IssuedToken> issued;
        switch (form["grant_type"].ToString())
        {
            case "":
                return Fail(400, "invalid_request", "grant_type is required.");
            case "client_credentials":
                if (string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(clientSecret))
                {
                    return Fail(400, "invalid_request", "client_id and client_secret are required.");
                }

                issued = await tokens.IssueForCredentialAsync(clientId, clientSecret, http.RequestAborted);
                if (!issued.IsSuccess)
                {
                    return Fail(401, "invalid_client", issued.Error!.Message);
                }

                break;
            case "password":
                CredentialSnapshot? client = null;
                if (!string.IsNullOrEmpty(clientId))
                {
                    var verified = await credentials.VerifyAsync(clientId, clientSecret, http.RequestAborted);
                    if (!verified.IsSuccess)
                    {
                        return Fail(401, "invalid_client", verified.Error!.Message);
                    }

                    client = verified.Value;
                }

                issued = await tokens.IssueForPasswordAsync(form["username"], form["password"], client, http.RequestAborted);
                if (!issued.IsSuccess)
                {
                    return issued.Error!.Code == ErrorCode.Validation
                        ? Fail(400, "invalid_request", issued.Error.Message)
                        : Fail(400, "invalid_grant", issued.Error.Message);
                }

                break;
            default:
                return Fail(400, "unsupported_grant_type", "grant_type must be client_credentials or password.");
        }

        var t = issued.Value;
        return TypedResults.Ok(new TokenResponse(t.AccessToken, "Bearer", TokensApi.ExpiresIn(t.ExpiresAt, time)));
    }

    private static async Task<Results<Ok, JsonHttpResult<OAuthError>>> Revoke(HttpContext http, TokenService tokens, CredentialService credentials)
    {
        NoStore(http);
        var form = await ReadFormAsync(http);
        if (form is null)
        {
            return Fail(400, "invalid_request", "Send the parameters as application/x-www-form-urlencoded.");
        }

        var caller = await AuthenticateAsync(http, form, tokens, credentials);
        if (caller is null)
        {
            return Fail(401, "invalid_client", "Authenticate with client_id and client_secret, HTTP Basic, or a bearer token.");
        }

        if (string.IsNullOrEmpty(form["token"]))
        {
            return Fail(400, "invalid_request", "token is required.");
        }

        var result = await tokens.RevokeAsync(caller, form["token"], http.RequestAborted);
        return result.IsSuccess ? TypedResults.Ok() : Fail(403, "unauthorized_client", result.Error!.Message);
    }

    private static async Task<Results<Ok<IntrospectionResponse>, JsonHttpResult<OAuthError>>> Introspect(HttpContext http, TokenService tokens, CredentialService credentials)
    {
        NoStore(http);
        var form = await ReadFormAsync(http);
        if (form is null)
        {
            return Fail(400, "invalid_request", "Send the parameters as application/x-www-form-urlencoded.");
        }

        var caller = await AuthenticateAsync(http, form, tokens, credentials);
        if (caller is null)
        {
            return Fail(401, "invalid_client", "Authenticate with client_id and client_secret, HTTP Basic, or a bearer token.");
        }

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

    /// <summary>The caller of revoke/introspect: a client (form or Basic) or a bearer token.</summary>
    private static async Task<Principal?> AuthenticateAsync(HttpContext http, IFormCollection form, TokenService tokens, CredentialService credentials)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var validated = tokens.Validate(header.AsSpan(7).Trim());
            return validated.IsSuccess ? validated.Value : null;
        }

        var (id, secret) = ClientCredentials(http, form);
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }

        var verified = await credentials.VerifyAsync(id, secret, http.RequestAborted);
        return verified.IsSuccess ? Principal.FromCredential(verified.Value) : null;
    }

    private static (string? Id, string? Secret) ClientCredentials(HttpContext http, IFormCollection form)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    return (Uri.UnescapeDataString(decoded[..colon]), Uri.UnescapeDataString(decoded[(colon + 1)..]));
                }
            }
            catch (FormatException)
            {
                return (null, null);
            }
        }

        return (NullIfEmpty(form["client_id"]), NullIfEmpty(form["client_secret"]));
    }

    private static string? NullIfEmpty(StringValues value) => StringValues.IsNullOrEmpty(value) ? null : value.ToString();

    private static async Task<IFormCollection?> ReadFormAsync(HttpContext http)
    {
        if (!http.Request.HasFormContentType)
        {
            return null;
        }

        try
        {
            return await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            return null;
        }
    }

    private static void NoStore(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
    }

    private static JsonHttpResult<OAuthError> Fail(int status, string error, string description) =>
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
