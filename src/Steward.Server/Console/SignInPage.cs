using Steward.Core.Access;
using Steward.Core.Results;
using Steward.Server.Auth;

namespace Steward.Server.AdminConsole;

/// <summary>Sign-in with an API key and secret (root or an account), and sign-out.</summary>
public static class SignInPage
{
    public static void Map(RouteGroupBuilder console)
    {
        // Cast: a handler taking only the HttpContext would otherwise be bound as a RequestDelegate, dropping its result.
        console.MapGet("", (Delegate)Show);
        console.MapPost("/sign-in", SignIn);
        console.MapPost("/sign-out", SignOut).RequireCaller(ConsoleSession.Scheme);
    }

    /// <summary><c>GET /console</c>: the sign-in page, or the dashboard for someone already signed in.</summary>
    private static async Task<IResult> Show(HttpContext http)
    {
        if ((await ConsoleSession.Scheme.AuthenticateAsync(http)).IsSuccess)
        {
            return Results.Redirect("/console/dashboard");
        }

        return await RenderAsync(http, null, StatusCodes.Status200OK);
    }

    private static async Task<IResult> SignIn(HttpContext http, CredentialService credentials, TokenService tokens)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var verified = await credentials.VerifyAsync(form["api_key"].ToString().Trim(), form["api_secret"].ToString().Trim(), http.RequestAborted);
        if (!verified.IsSuccess)
        {
            return await RenderAsync(http, verified.Error, StatusCodes.Status401Unauthorized);
        }

        // The console manages tenants: organisation and user keys use their own applications.
        var caller = Principal.FromCredential(verified.Value);
        if (caller.Kind is not (PrincipalKind.Root or PrincipalKind.Account))
        {
            return await RenderAsync(http, Error.Forbidden("The console signs in with the root key or an account's key."), StatusCodes.Status403Forbidden);
        }

        var token = tokens.IssueForCaller(caller);
        if (!token.IsSuccess)
        {
            return await RenderAsync(http, token.Error, StatusCodes.Status403Forbidden);
        }

        ConsoleSession.Start(http, token.Value);
        return Results.Redirect("/console/dashboard", permanent: false, preserveMethod: false);
    }

    /// <summary>Revokes the session's token, so a copy of the cookie is worthless too, and drops the cookie.</summary>
    private static async Task<IResult> SignOut(HttpContext http, TokenService tokens)
    {
        await tokens.RevokeAsync(http.GetPrincipal(), ConsoleSession.Token(http.Request), CancellationToken.None);
        ConsoleSession.End(http);
        return Results.Redirect("/console");
    }

    private static Task<IResult> RenderAsync(HttpContext http, Error? error, int status)
    {
        var fields = Html.Of($"""
            {Ui.Alert(error)}
            <label>API key<input name="api_key" autocomplete="username" required autofocus></label>
            <label>API secret<input name="api_secret" type="password" autocomplete="current-password" required></label>
            <button type="submit">Sign in</button>
            """);
        var body = Html.Of($"""
            <p>Sign in with the root credential or an account's API key and secret.</p>
            {Ui.Form(http, "/console/sign-in", fields, css: "card sign-in")}
            """);
        return Layout.PageAsync(http, "Sign in", body, status);
    }
}
