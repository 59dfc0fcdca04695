using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Tenancy;
using Steward.Server.Auth;

namespace Steward.Server.AdminConsole.Pages;

/// <summary>Accounts (tenants), for root only: list, search, create (its key and secret shown once), delete.</summary>
public static class AccountsPage
{
    private const string Path = "/console/accounts";

    public static void Map(RouteGroupBuilder console)
    {
        console.MapGet("/accounts", List);
        console.MapPost("/accounts", Create);
        console.MapPost("/accounts/{id}/delete", Delete);
    }

    private static Task<IResult> List(HttpContext http, AccountService accounts, string? q, string? cursor) =>
        RenderAsync(http, accounts, q, cursor, null, null, Html.Empty, StatusCodes.Status200OK);

    private static async Task<IResult> Create(HttpContext http, AccountService accounts)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var created = await accounts.CreateAsync(http.GetPrincipal(), new AccountInput(form["name"], form["email"]), http.RequestAborted);
        if (!created.IsSuccess)
        {
            return await RenderAsync(http, accounts, null, null, form, created.Error, Html.Empty, ConsoleErrorStyle.StatusOf(created.Error!));
        }

        var (account, credential) = created.Value;
        var secret = Ui.Secret($"Account {account.Name} created", credential.Credential.ApiKey, credential.Secret);
        return await RenderAsync(http, accounts, null, null, null, null, secret, StatusCodes.Status200OK);
    }

    private static async Task<IResult> Delete(HttpContext http, AccountService accounts, Id<Account> id)
    {
        var deleted = await accounts.DeleteAsync(http.GetPrincipal(), id.Value, http.RequestAborted);
        return deleted.IsSuccess ? Results.Redirect(Path) : ConsoleErrorStyle.Instance.Render(deleted.Error!);
    }

    private static async Task<IResult> RenderAsync(
        HttpContext http, AccountService accounts, string? q, string? cursor, IFormCollection? form, Error? error, Html notice, int status)
    {
        var page = await accounts.ListAsync(http.GetPrincipal(), Ui.Query(q, cursor), http.RequestAborted);
        var list = page.IsSuccess
            ? Ui.Table(page.Value.Items, ["Name", "Email", "Number", "Id", "Created", ""], a => Html.Of($"""
                <tr><td>{a.Name}</td><td>{a.Email}</td><td>{a.Number}</td><td><code>{PublicId.Of<Account>(a.Id)}</code></td><td>{Ui.Time(a.CreatedAt)}</td>
                <td>{Ui.Button(http, $"{Path}/{PublicId.Of<Account>(a.Id)}/delete", "Delete", $"Delete account {a.Name} and everything in it?", "danger")}</td></tr>
                """), "No accounts match.")
            : Ui.Alert(page.Error);
        var fields = Html.Of($"""
            {Ui.Input("name", "Name", form, error, required: true)}
            {Ui.Input("email", "Email", form, error, "email", required: true)}
            <button type="submit">Create account</button>
            """);
        var body = Html.Of($"""
            {notice}
            {Ui.Search(Path, q)}
            {list}
            {Ui.Pager(Path, cursor, page.IsSuccess ? page.Value.NextCursor : null, q)}
            <section class="card"><h2>New account</h2>{Ui.Alert(error)}{Ui.Form(http, Path, fields, css: "grid")}</section>
            """);
        return await Layout.PageAsync(http, "Accounts", body, status);
    }
}
