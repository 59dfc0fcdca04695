using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Steward.Core.Options;
using Steward.Core.Results;
using Steward.Server.AdminConsole.Pages;
using Steward.Server.Auth;
using Steward.Server.Hosting;

namespace Steward.Server.AdminConsole;

/// <summary>
/// The admin console at <c>/console</c>: server-rendered pages over the core services, acting as the
/// signed-in principal, so a tenant sees only what its API key could read through the native API.
/// </summary>
public static class ConsoleApp
{
    /// <summary>The pages, in navigation order: one line per page.</summary>
    public static readonly IReadOnlyList<ConsolePage> Pages =
    [
        new("Dashboard", "/console/dashboard", DashboardPage.Map),
        new("Accounts", "/console/accounts", AccountsPage.Map, RootOnly: true),
        new("Organisations", "/console/organisations", OrganisationsPage.Map),
        new("Units", "/console/units", UnitsPage.Map),
        new("Products", "/console/products", ProductsPage.Map),
        new("Assets", "/console/assets", AssetsPage.Map),
        new("Users", "/console/users", UsersPage.Map),
        new("Memberships", "/console/memberships", MembershipsPage.Map),
        new("Devices", "/console/devices", DevicesPage.Map),
        new("Credentials", "/console/credentials", CredentialsPage.Map),
        new("Events", "/console/events", EventsPage.Map),
    ];

    private static readonly Dictionary<string, string> Assets = new(StringComparer.Ordinal)
    {
        ["console.css"] = "text/css; charset=utf-8",
        ["console.js"] = "text/javascript; charset=utf-8",
    };

    /// <summary>
    /// Anti-forgery for the console's forms. Its tokens are protected by ASP.NET Data Protection, whose
    /// keys live in <c>keys/</c> of the data directory, readable by Steward's user alone, like
    /// <c>master.key</c> beside it (instances behind one load balancer share that directory, or keep a
    /// visitor on one instance).
    /// </summary>
    public static IServiceCollection AddConsole(this IServiceCollection services, IConfiguration configuration)
    {
        var data = configuration.GetSection(StewardOptions.Section).Get<StewardOptions>()?.DataDirectory ?? "data";
        var keys = Path.Combine(data, "keys");
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(keys);
        }
        else
        {
            Directory.CreateDirectory(keys, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        services.AddDataProtection()
            .SetApplicationName("Steward")
            .PersistKeysToFileSystem(new DirectoryInfo(keys));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "steward_console_csrf";
            o.Cookie.Path = ConsoleSession.CookiePath;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.FormFieldName = "__csrf";

            // The console forbids framing itself (CSP frame-ancestors and X-Frame-Options DENY).
            o.SuppressXFrameOptionsHeader = true;
        });
        return services;
    }

    public static RouteGroupBuilder MapConsole(this IEndpointRouteBuilder app)
    {
        var console = app.MapSurface("/console", ConsoleErrorStyle.Instance)
            .ExcludeFromDescription()
            .AddEndpointFilter(SecurityHeaders)
            .AddEndpointFilter(Antiforgery);
        console.MapGet("/assets/{name}", Asset);
        SignInPage.Map(console);

        var signedIn = console.MapGroup("").RequireCaller(ConsoleSession.Scheme);
        foreach (var page in Pages)
        {
            var group = signedIn.MapGroup("");
            if (page.RootOnly)
            {
                group.AddEndpointFilter(RootOnly);
            }

            page.Map(group);
        }

        return console;
    }

    /// <summary>Every POST carries the form's anti-forgery token, or is refused before its handler runs.</summary>
    private static async ValueTask<object?> Antiforgery(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
            && !await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
        {
            return ConsoleErrorStyle.Instance.Render(Error.Invalid("__csrf",
                "This form was not sent from a console page, or the page is too old: reload it and try again."));
        }

        return await next(context);
    }

    private static async ValueTask<object?> SecurityHeaders(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var headers = context.HttpContext.Response.Headers;

        // Pages show secrets once: never keep them in a cache. Scripts and styles come from /console/assets only.
        headers.CacheControl = "no-store";
        headers.ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        return await next(context);
    }

    private static async ValueTask<object?> RootOnly(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.GetPrincipal().IsRoot
            ? await next(context)
            : ConsoleErrorStyle.Instance.Render(Error.NotFound("Page"));

    private static IResult Asset(HttpContext http, string name)
    {
        if (!Assets.TryGetValue(name, out var contentType)
            || typeof(ConsoleApp).Assembly.GetManifestResourceStream("console/" + name) is not { } stream)
        {
            return ConsoleErrorStyle.Instance.Render(Error.NotFound("Asset"));
        }

        // Versioned by Layout.AssetVersion, so they may be cached.
        http.Response.Headers.CacheControl = "public, max-age=86400";
        return Results.Stream(stream, contentType);
    }
}
