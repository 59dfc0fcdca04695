using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Storage;
using Steward.Core.Tenancy;
using Steward.Server.Api;
using Steward.Server.Auth;

namespace Steward.Server.AdminConsole.Pages;

/// <summary>Organisations: list, search, create (its key and secret shown once), a page per organisation, delete.</summary>
public static class OrganisationsPage
{
    private const string Path = "/console/organisations";

    public static void Map(RouteGroupBuilder console)
    {
        console.MapGet("/organisations", List);
        console.MapPost("/organisations", Create);
        console.MapGet("/organisations/{id}", Show);
        console.MapPost("/organisations/{id}/delete", Delete);
    }

    private static Task<IResult> List(HttpContext http, OrganisationService organisations, string? q, string? cursor) =>
        RenderAsync(http, organisations, q, cursor, null, null, Html.Empty, StatusCodes.Status200OK);

    private static async Task<IResult> Create(HttpContext http, OrganisationService organisations)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var account = Http.OptionalId<Account>(form["account_id"], "account_id");
        var created = account.IsSuccess
            ? await organisations.CreateAsync(http.GetPrincipal(), new OrganisationInput(form["name"], Ui.Optional(form, "domain_name"), Ui.Optional(form, "description"), account.Value), http.RequestAborted)
            : account.Error!;
        if (!created.IsSuccess)
        {
            return await RenderAsync(http, organisations, null, null, form, created.Error, Html.Empty, ConsoleErrorStyle.StatusOf(created.Error!));
        }

        var (org, credential) = created.Value;
        var secret = Ui.Secret($"Organisation {org.Name} created", credential.Credential.ApiKey, credential.Secret);
        return await RenderAsync(http, organisations, null, null, null, null, secret, StatusCodes.Status200OK);
    }

    private static async Task<IResult> Show(HttpContext http, OrganisationService organisations, UnitService units, MembershipService memberships, Id<Organisation> id)
    {
        var p = http.GetPrincipal();
        var found = await organisations.GetAsync(p, id.Value, http.RequestAborted);
        if (!found.IsSuccess)
        {
            return ConsoleErrorStyle.Instance.Render(found.Error!);
        }

        var org = found.Value;
        var orgId = PublicId.Of<Organisation>(org.Id);
        var unitPage = await units.ListAsync(p, org.Id, new ListQuery(10), http.RequestAborted);
        var memberPage = await memberships.ListAsync(p, org.Id, new ListQuery(10), http.RequestAborted);
        var unitList = unitPage.IsSuccess ? Html.Join(unitPage.Value.Items.Select(u => Html.Of($"<li>{u.Name} (billing day {u.BillingDay})</li>"))) : Html.Empty;
        var memberList = memberPage.IsSuccess ? Html.Join(memberPage.Value.Items.Select(m => Html.Of($"<li>{m.Username}: {m.Membership.Role.ToString().ToLowerInvariant()}</li>"))) : Html.Empty;
        var body = Html.Of($"""
            <dl class="details">
            <dt>Id</dt><dd><code>{orgId}</code></dd>
            <dt>Domain name</dt><dd>{org.DomainName ?? "—"}</dd>
            <dt>Description</dt><dd>{org.Description ?? "—"}</dd>
            <dt>Created</dt><dd>{Ui.Time(org.CreatedAt)}</dd>
            </dl>
            <section class="card"><h2>Units</h2><ul>{unitList}</ul><p>{Ui.Link($"/console/units?organisation={orgId}", "All units of this organisation")}</p></section>
            <section class="card"><h2>Members</h2><ul>{memberList}</ul><p>{Ui.Link($"/console/memberships?organisation={orgId}", "All memberships")} · {Ui.Link($"/console/users?organisation={orgId}", "Users homed here")} · {Ui.Link($"/console/credentials?owner={orgId}", "Its API keys")}</p></section>
            {Ui.Button(http, $"{Path}/{orgId}/delete", "Delete organisation", $"Delete {org.Name} with its units, memberships and homed users?", "danger")}
            """);
        return await Layout.PageAsync(http, org.Name, body);
    }

    private static async Task<IResult> Delete(HttpContext http, OrganisationService organisations, Id<Organisation> id)
    {
        var deleted = await organisations.DeleteAsync(http.GetPrincipal(), id.Value, http.RequestAborted);
        return deleted.IsSuccess ? Results.Redirect(Path) : ConsoleErrorStyle.Instance.Render(deleted.Error!);
    }

    private static async Task<IResult> RenderAsync(
        HttpContext http, OrganisationService organisations, string? q, string? cursor, IFormCollection? form, Error? error, Html notice, int status)
    {
        var p = http.GetPrincipal();
        var page = await organisations.ListAsync(p, Ui.Query(q, cursor), http.RequestAborted);
        var list = page.IsSuccess
            ? Ui.Table(page.Value.Items, ["Name", "Domain name", "Id", "Created"], o => Html.Of($"""
                <tr><td>{Ui.Link($"{Path}/{PublicId.Of<Organisation>(o.Id)}", o.Name)}</td><td>{o.DomainName}</td><td><code>{PublicId.Of<Organisation>(o.Id)}</code></td><td>{Ui.Time(o.CreatedAt)}</td></tr>
                """), "No organisations match.")
            : Ui.Alert(page.Error);
        var account = p.IsRoot ? Ui.Select("account_id", "Account", await Choices.AccountsAsync(http, p), form, error, "Choose an account") : Html.Empty;
        var fields = Html.Of($"""
            {account}
            {Ui.Input("name", "Name", form, error, required: true)}
            {Ui.Input("domain_name", "Domain name", form, error, hint: "eng.example.com")}
            {Ui.Input("description", "Description", form, error)}
            <button type="submit">Create organisation</button>
            """);
        var body = Html.Of($"""
            {notice}
            {Ui.Search(Path, q)}
            {list}
            {Ui.Pager(Path, cursor, page.IsSuccess ? page.Value.NextCursor : null, q)}
            <section class="card"><h2>New organisation</h2>{Ui.Alert(error)}{Ui.Form(http, Path, fields, css: "grid")}</section>
            """);
        return await Layout.PageAsync(http, "Organisations", body, status);
    }
}
