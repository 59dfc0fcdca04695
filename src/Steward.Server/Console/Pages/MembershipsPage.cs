using Steward.Core.Identity;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Tenancy;
using Steward.Server.Api;
using Steward.Server.Auth;

namespace Steward.Server.AdminConsole.Pages;

/// <summary>Users' roles in organisations: list (of one organisation with ?organisation=), search by username or organisation, add, remove.</summary>
public static class MembershipsPage
{
    private const string Path = "/console/memberships";

    private static readonly (string, string)[] Roles = [("member", "member"), ("admin", "admin"), ("owner", "owner")];

    public static void Map(RouteGroupBuilder console)
    {
        console.MapGet("/memberships", List);
        console.MapPost("/memberships", Add);
        console.MapPost("/memberships/{organisationId}/{userId}/delete", Remove);
    }

    private static Task<IResult> List(HttpContext http, MembershipService memberships, string? q, string? cursor, string? organisation) =>
        RenderAsync(http, memberships, q, cursor, organisation, null, null, Html.Empty, StatusCodes.Status200OK);

    private static async Task<IResult> Add(HttpContext http, MembershipService memberships)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        Result<Membership> added;
        if (!PublicId.TryParse<Organisation>(form["organisation_id"], out var organisationId))
        {
            added = Error.Invalid("organisation_id", "Choose an organisation.");
        }
        else if (!PublicId.TryParse<User>(form["user_id"], out var userId))
        {
            added = Error.Invalid("user_id", "Choose a user.");
        }
        else
        {
            added = await memberships.AddAsync(http.GetPrincipal(), organisationId, userId, Ui.Optional(form, "role"), http.RequestAborted);
        }

        return added.IsSuccess
            ? await RenderAsync(http, memberships, null, null, null, null, null, Ui.Notice("Membership added."), StatusCodes.Status200OK)
            : await RenderAsync(http, memberships, null, null, null, form, added.Error, Html.Empty, ConsoleErrorStyle.StatusOf(added.Error!));
    }

    private static async Task<IResult> Remove(HttpContext http, MembershipService memberships, Id<Organisation> organisationId, Id<User> userId)
    {
        var removed = await memberships.RemoveAsync(http.GetPrincipal(), organisationId.Value, userId.Value, http.RequestAborted);
        return removed.IsSuccess ? Results.Redirect(Path) : ConsoleErrorStyle.Instance.Render(removed.Error!);
    }

    private static async Task<IResult> RenderAsync(
        HttpContext http, MembershipService memberships, string? q, string? cursor, string? organisation, IFormCollection? form, Error? error, Html notice, int status)
    {
        var p = http.GetPrincipal();
        var filter = Http.OptionalId<Organisation>(organisation, "organisation");
        if (!filter.IsSuccess)
        {
            return ConsoleErrorStyle.Instance.Render(filter.Error!);
        }

        var page = await memberships.ListAsync(p, filter.Value, Ui.Query(q, cursor), http.RequestAborted);
        if (!page.IsSuccess && page.Error!.Code == ErrorCode.NotFound)
        {
            return ConsoleErrorStyle.Instance.Render(page.Error);
        }

        var list = page.IsSuccess
            ? Ui.Table(page.Value.Items, ["User", "Organisation", "Role", "Since", ""], m =>
            {
                var orgId = PublicId.Of<Organisation>(m.Membership.OrganisationId);
                var userId = PublicId.Of<User>(m.Membership.UserId);
                return Html.Of($"""
                    <tr><td>{Ui.Link($"/console/users/{userId}", m.Username)}</td><td>{Ui.Link($"/console/organisations/{orgId}", m.OrganisationName)}</td><td>{m.Membership.Role.ToString().ToLowerInvariant()}</td><td>{Ui.Time(m.Membership.CreatedAt)}</td>
                    <td>{Ui.Button(http, $"{Path}/{orgId}/{userId}/delete", "Remove", $"Remove {m.Username} from {m.OrganisationName}?", "danger")}</td></tr>
                    """);
            }, "No memberships match.")
            : Ui.Alert(page.Error);
        var organisations = await Choices.OrganisationsAsync(http, p);
        var users = await Choices.UsersAsync(http, p);
        var fields = Html.Of($"""
            {Ui.Select("organisation_id", "Organisation", organisations, form, error, "Choose an organisation", organisation)}
            {Ui.Select("user_id", "User", users, form, error, "Choose a user")}
            {Ui.Select("role", "Role", Roles, form, error)}
            <button type="submit">Add membership</button>
            """);
        var body = Html.Of($"""
            {notice}
            {Ui.Search(Path, q, ("organisation", organisation))}
            {list}
            {Ui.Pager(Path, cursor, page.IsSuccess ? page.Value.NextCursor : null, q, ("organisation", organisation))}
            <section class="card"><h2>New membership</h2>{Ui.Alert(error)}{Ui.Form(http, Path, fields, css: "grid")}</section>
            """);
        return await Layout.PageAsync(http, "Memberships", body, status);
    }
}
