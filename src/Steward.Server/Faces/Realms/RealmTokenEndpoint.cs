using Microsoft.AspNetCore.Http.HttpResults;
using Steward.Core.Results;
using Steward.Core.Realms;
using Steward.Core.Tenancy;
using Steward.Server.Api;
using Steward.Server.Auth;
using Steward.Server.Hosting;

namespace Steward.Server.Faces.Realms;

/// <summary>
/// <c>POST /realms/{realm}/protocol/openid-connect/token</c>, as Keycloak answers it: grant_type <c>password</c>
/// (client <see cref="RealmClient.PublicClientId"/> or an API key of the account, a bare user name of the
/// account and its password) and <c>client_credentials</c> (an API key and secret of the account). The checks
/// run in Keycloak's order: the realm exists, the body is a form with a grant this realm serves, the client
/// is authenticated (<see cref="RealmClient"/>), then the grant. Password attempts are guarded like the
/// native password grant's, under the user name within the realm.
/// </summary>
public static class RealmTokenEndpoint
{
    internal static RouteHandlerBuilder MapRealmToken(this RouteGroupBuilder group) =>
        group.MapPost("/{realm}/protocol/openid-connect/token", Token).DisableAntiforgery()
            .DescribeFormBody()
            .AddEndpointFilter(TokenRequest)
            .RequireCaller(RealmClient.Scheme)
            .GuardSignIn(PasswordAttempt);

    /// <summary>A password grant is counted under the user name, within its realm.</summary>
    private static string? PasswordAttempt(HttpContext http)
    {
        var form = http.Request.Form;
        return form["grant_type"] == "password" && form["username"].ToString() is { Length: > 0 } username
            ? SignInGuard.UserName("realm:" + ((Account)http.Items[RealmEndpoints.RealmItem]!).Id.ToString("N"), username)
            : null;
    }

    /// <summary>The realm, then the form and its grant, before the client is authenticated; never cached (RFC 6749 §5.1).</summary>
    private static async ValueTask<object?> TokenRequest(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
        var realms = http.RequestServices.GetRequiredService<RealmService>();
        if (await realms.FindRealmAsync(http.GetRouteValue("realm") as string ?? "", http.RequestAborted) is not { } account)
        {
            return KeycloakErrorStyle.NoRealm;
        }

        http.Items[RealmEndpoints.RealmItem] = account;
        if (!http.Request.HasFormContentType)
        {
            return KeycloakErrorStyle.Fail(400, "invalid_request", "Send the parameters as application/x-www-form-urlencoded.");
        }

        try
        {
            await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (Exception ex) when (OAuthApi.UnreadableForm(ex) is { } unreadable)
        {
            return KeycloakErrorStyle.Instance.Render(unreadable);
        }

        var form = http.Request.Form;
        return form["grant_type"].ToString() switch
        {
            "" => KeycloakErrorStyle.Fail(400, "invalid_request", "Missing form parameter: grant_type"),
            "password" or "client_credentials" when OAuthClient.Presented(http.Request).Id is null =>
                KeycloakErrorStyle.Fail(400, "invalid_client", "Missing parameter: client_id"),
            "password" when string.IsNullOrEmpty(form["username"]) => KeycloakErrorStyle.Fail(400, "invalid_request", "Missing parameter: username"),
            "password" or "client_credentials" => await next(context),
            _ => KeycloakErrorStyle.Fail(400, "unsupported_grant_type", "Unsupported grant_type"),
        };
    }

    private static async Task<Results<Ok<RealmTokenResponse>, JsonHttpResult<KeycloakError>>> Token(
        HttpContext http, RealmService realms, RealmSigning signing)
    {
        var account = (Account)http.Items[RealmEndpoints.RealmItem]!;
        var form = http.Request.Form;
        var client = http.FindPrincipal();
        var clientId = OAuthClient.Presented(http.Request).Id!;
        Result<RealmSubject> subject;
        if (form["grant_type"] == "client_credentials")
        {
            if (client is null)
            {
                return KeycloakErrorStyle.Fail(400, "unauthorized_client", "Client not enabled to retrieve service account");
            }

            subject = await realms.SignInClientAsync(account, client, http.RequestAborted);
            if (!subject.IsSuccess)
            {
                return subject.Error!.Code == ErrorCode.Forbidden
                    ? KeycloakErrorStyle.Fail(400, "unauthorized_client", subject.Error.Message)
                    : KeycloakErrorStyle.Fail(401, "invalid_client", "Invalid client or Invalid client credentials");
            }
        }
        else
        {
            // A confidential client must be one of this realm's; the public one is every realm's.
            if (client is not null && (client.IsRoot || client.AccountId != account.Id))
            {
                return KeycloakErrorStyle.Fail(401, "invalid_client", "Invalid client or Invalid client credentials");
            }

            subject = await realms.SignInAsync(account, form["username"], form["password"], http.RequestAborted);
            if (!subject.IsSuccess)
            {
                RetryAfter.Set(http.Response, subject.Error!);
                return subject.Error!.Code switch
                {
                    ErrorCode.TooManyAttempts => KeycloakErrorStyle.Fail(429, OAuthApi.SlowDown, subject.Error.Message),
                    ErrorCode.Validation => KeycloakErrorStyle.Fail(400, "invalid_request", subject.Error.Message),
                    _ => KeycloakErrorStyle.Fail(401, "invalid_grant", "Invalid user credentials"),
                };
            }
        }

        var issuer = RealmEndpoints.IssuerOf(http.Request, account.Slug);
        var token = await signing.IssueAsync(issuer, account.Slug, subject.Value, clientId, http.RequestAborted);
        return TypedResults.Ok(new RealmTokenResponse(token, signing.LifetimeSeconds, 0, "Bearer", 0, RealmSigning.Scope));
    }
}

/// <summary>Keycloak's token response. No refresh token is issued: a client signs in again when its token lapses.</summary>
public sealed record RealmTokenResponse(
    string AccessToken,
    int ExpiresIn,
    int RefreshExpiresIn,
    string TokenType,
    [property: System.Text.Json.Serialization.JsonPropertyName("not-before-policy")] int NotBeforePolicy,
    string Scope);
