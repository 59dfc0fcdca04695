using System.Text;
using Steward.Core.Access;
using Steward.Core.Tenancy;
using Steward.Server.Auth;

namespace Steward.Server.AdminConsole;

/// <summary>The page shell: head, navigation (root-only pages for root alone), who is signed in, sign-out.</summary>
public static class Layout
{
    /// <summary>Bumped when console.css or console.js change, so browsers fetch them again.</summary>
    public const string AssetVersion = "2";

    public static async Task<IResult> PageAsync(HttpContext http, string title, Html body, int status = StatusCodes.Status200OK)
    {
        var principal = http.FindPrincipal();
        var header = principal is null ? Html.Empty : await HeaderAsync(http, principal);
        var html = Html.Of($"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{title} · Steward console</title>
            <link rel="stylesheet" href="/console/assets/console.css?v={AssetVersion}">
            <script src="/console/assets/console.js?v={AssetVersion}" defer></script>
            </head>
            <body>
            {header}
            <main>
            <h1>{title}</h1>
            {body}
            </main>
            </body>
            </html>
            """);
        return Results.Content(html.Value, "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    private static async Task<Html> HeaderAsync(HttpContext http, Principal principal)
    {
        var path = http.Request.Path.Value ?? "";
        var links = ConsoleApp.Pages
            .Where(p => !p.RootOnly || principal.IsRoot)
            .Select(p => Html.Of($"<a href=\"{p.Path}\"{Html.When(path.StartsWith(p.Path, StringComparison.Ordinal), Html.Of($" aria-current=\"page\""))}>{p.Title}</a>"));
        var who = await WhoAsync(http, principal);
        return Html.Of($"""
            <header>
            <a class="brand" href="/console/dashboard">Steward</a>
            <nav>{links}</nav>
            <div class="who"><span>{who}</span>
            {Ui.Form(http, "/console/sign-out", Html.Of($"<button class=\"link\" type=\"submit\">Sign out</button>"))}
            </div>
            </header>
            """);
    }

    private static async Task<string> WhoAsync(HttpContext http, Principal principal)
    {
        if (principal.IsRoot)
        {
            return "root";
        }

        var account = await http.RequestServices.GetRequiredService<AccountService>()
            .GetAsync(principal, principal.AccountId, http.RequestAborted);
        return account.IsSuccess ? account.Value.Name : principal.ActorId;
    }
}
