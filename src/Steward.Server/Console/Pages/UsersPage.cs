using Steward.Core.Identity;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Storage;
using Steward.Core.Tenancy;
using Steward.Server.Api;
using Steward.Server.Auth;

namespace Steward.Server.AdminConsole.Pages;

/// <summary>Users: list (of one organisation with ?organisation=), search, create (its key and secret shown once), a page per user, delete.</summary>
public static class UsersPage
{
    private const string Path = "/console/users";

    public static void Map(RouteGroupBuilder console)
    {
        console.MapGet("/users", List);
        console.MapPost("/users", Create);
        console.MapGet("/users/{id}", Show);
        console.MapPost("/users/{id}/delete", Delete);
    }

    private static Task<IResult> List(HttpContext http, UserService users, string? q, string? cursor, string? organisation) =>
        RenderAsync(http, users, q, cursor, organisation, null, null, Html.Empty, StatusCodes.Status200OK);

    private static async Task<IResult> Create(HttpContext http, UserService users)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var created = await CreateAsync(http, users, form);
        if (!created.IsSuccess)
        {
            return await RenderAsync(http, users, null, null, null, form, created.Error, Html.Empty, ConsoleErrorStyle.StatusOf(created.Error!));
        }

        var (user, credential) = created.Value;
        var secret = Ui.Secret($"User {user.Username} created", credential.Credential.ApiKey, credential.Secret);
        return await RenderAsync(http, users, null, null, null, null, null, secret, StatusCodes.Status200OK);
    }

    private static async Task<Result<CreatedUser>> CreateAsync(HttpContext http, UserService users, IFormCollection form)
    {
        var organisation = Http.OptionalId<Organisation>(form["organisation_id"], "organisation_id");
        var account = Http.OptionalId<Account>(form["account_id"], "account_id");
        if ((organisation.Error ?? account.Error) is { } invalid)
        {
            return invalid;
        }

        var input = new UserInput(
            form["username"],
            Ui.Optional(form, "email"),
            Ui.Optional(form, "first_name"),
            Ui.Optional(form, "last_name"),
            Password: Ui.Optional(form, "password"),
            OrganisationId: organisation.Value,
            AccountId: account.Value);
        return await users.CreateAsync(http.GetPrincipal(), input, http.RequestAborted);
    }

    private static async Task<IResult> Show(HttpContext http, UserService users, DeviceService devices, Id<User> id)
    {
        var p = http.GetPrincipal();
        var found = await users.GetAsync(p, id.Value, http.RequestAborted);
        if (!found.IsSuccess)
        {
            return ConsoleErrorStyle.Instance.Render(found.Error!);
        }

        var user = found.Value;
        var userId = PublicId.Of<User>(user.Id);
        var owned = await devices.ListAsync(p, user.Id, new ListQuery(10), http.RequestAborted);
        var deviceList = owned.IsSuccess ? Html.Join(owned.Value.Items.Select(d => Html.Of($"<li>{d.Device.Name ?? d.Device.NativeId ?? PublicId.Of<Device>(d.Device.Id)} ({d.Device.Family})</li>"))) : Html.Empty;
        var home = user.OrganisationId is { } org ? Ui.Link($"/console/organisations/{PublicId.Of<Organisation>(org)}", PublicId.Of<Organisation>(org)) : Html.Text("none (account-wide)");
        var body = Html.Of($"""
            <dl class="details">
            <dt>Id</dt><dd><code>{userId}</code></dd>
            <dt>Email</dt><dd>{user.Email ?? "—"}</dd>
            <dt>Name</dt><dd>{user.FirstName} {user.LastName}</dd>
            <dt>Organisation</dt><dd>{home}</dd>
            <dt>Password</dt><dd>{(user.PasswordHash is null ? "none" : "set")}</dd>
            <dt>Created</dt><dd>{Ui.Time(user.CreatedAt)}</dd>
            </dl>
            <section class="card"><h2>Devices</h2><ul>{deviceList}</ul><p>{Ui.Link($"/console/devices?user={userId}", "All devices of this user")} · {Ui.Link($"/console/credentials?owner={userId}", "Its API keys")}</p></section>
            {Ui.Button(http, $"{Path}/{userId}/delete", "Delete user", $"Delete {user.Username} with its devices and keys?", "danger")}
            """);
        return await Layout.PageAsync(http, user.Username, body);
    }

    private static async Task<IResult> Delete(HttpContext http, UserService users, Id<User> id)
    {
        var deleted = await users.DeleteAsync(http.GetPrincipal(), id.Value, http.RequestAborted);
        return deleted.IsSuccess ? Results.Redirect(Path) : ConsoleErrorStyle.Instance.Render(deleted.Error!);
    }

    private static async Task<IResult> RenderAsync(
        HttpContext http, UserService users, string? q, string? cursor, string? organisation, IFormCollection? form, Error? error, Html notice, int status)
    {
        var p = http.GetPrincipal();
        var filter = Http.OptionalId<Organisation>(organisation, "organisation");
        if (!filter.IsSuccess)
        {
            return ConsoleErrorStyle.Instance.Render(filter.Error!);
        }

        var page = await users.ListAsync(p, filter.Value, Ui.Query(q, cursor), http.RequestAborted);
        if (!page.IsSuccess && page.Error!.Code == ErrorCode.NotFound)
        {
            return ConsoleErrorStyle.Instance.Render(page.Error);
        }

        var list = page.IsSuccess
            ? Ui.Table(page.Value.Items, ["Username", "Email", "Name", "Id", "Created"], u => Html.Of($"""
                <tr><td>{Ui.Link($"{Path}/{PublicId.Of<User>(u.Id)}", u.Username)}</td><td>{u.Email}</td><td>{u.FirstName} {u.LastName}</td><td><code>{PublicId.Of<User>(u.Id)}</code></td><td>{Ui.Time(u.CreatedAt)}</td></tr>
                """), "No users match.")
            : Ui.Alert(page.Error);
        var account = p.IsRoot ? Ui.Select("account_id", "Account", await Choices.AccountsAsync(http, p), form, error, "Choose an account") : Html.Empty;
        var organisations = await Choices.OrganisationsAsync(http, p);
        var fields = Html.Of($"""
            {account}
            {Ui.Select("organisation_id", "Organisation", organisations, form, error, "None (account-wide)", organisation)}
            {Ui.Input("username", "Username", form, error, required: true)}
            {Ui.Input("email", "Email", form, error, "email")}
            {Ui.Input("first_name", "First name", form, error)}
            {Ui.Input("last_name", "Last name", form, error)}
            {Ui.Input("password", "Password (optional)", form, error, "password")}
            <button type="submit">Create user</button>
            """);
        var body = Html.Of($"""
            {notice}
            {Ui.Search(Path, q, ("organisation", organisation))}
            {list}
            {Ui.Pager(Path, cursor, page.IsSuccess ? page.Value.NextCursor : null, q, ("organisation", organisation))}
            <section class="card"><h2>New user</h2>{Ui.Alert(error)}{Ui.Form(http, Path, fields, css: "grid")}</section>
            """);
        return await Layout.PageAsync(http, "Users", body, status);
    }
}
