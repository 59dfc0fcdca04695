using System.Globalization;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Tenancy;
using Steward.Server.Api;
using Steward.Server.Auth;

namespace Steward.Server.AdminConsole.Pages;

/// <summary>Billing units of the organisations the caller sees: list (of one organisation with ?organisation=), search, create, delete; each links to its billing.</summary>
public static class UnitsPage
{
    private const string Path = "/console/units";

    public static void Map(RouteGroupBuilder console)
    {
        console.MapGet("/units", List);
        console.MapPost("/units", Create);
        console.MapPost("/units/{id}/delete", Delete);
        UnitBillingPage.Map(console);
    }

    private static Task<IResult> List(HttpContext http, UnitService units, string? q, string? cursor, string? organisation) =>
        RenderAsync(http, units, q, cursor, organisation, null, null, Html.Empty, StatusCodes.Status200OK);

    private static async Task<IResult> Create(HttpContext http, UnitService units)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var created = await CreateAsync(http, units, form);
        if (!created.IsSuccess)
        {
            return await RenderAsync(http, units, null, null, null, form, created.Error, Html.Empty, ConsoleErrorStyle.StatusOf(created.Error!));
        }

        return await RenderAsync(http, units, null, null, null, null, null, Ui.Notice($"Unit {created.Value.Name} created."), StatusCodes.Status200OK);
    }

    private static async Task<Result<Unit>> CreateAsync(HttpContext http, UnitService units, IFormCollection form)
    {
        if (!PublicId.TryParse<Organisation>(form["organisation_id"], out var organisationId))
        {
            return Error.Invalid("organisation_id", "Choose the organisation the unit belongs to.");
        }

        int? billingDay = null;
        if (Ui.Optional(form, "billing_day") is { } day)
        {
            if (!int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return Error.Invalid("billing_day", "billing_day must be a whole number between 1 and 28.");
            }

            billingDay = parsed;
        }

        return await units.CreateAsync(http.GetPrincipal(), organisationId, new UnitInput(form["name"], billingDay), http.RequestAborted);
    }

    private static async Task<IResult> Delete(HttpContext http, UnitService units, Id<Unit> id)
    {
        var deleted = await units.DeleteAsync(http.GetPrincipal(), id.Value, http.RequestAborted);
        return deleted.IsSuccess ? Results.Redirect(Path) : ConsoleErrorStyle.Instance.Render(deleted.Error!);
    }

    private static async Task<IResult> RenderAsync(
        HttpContext http, UnitService units, string? q, string? cursor, string? organisation, IFormCollection? form, Error? error, Html notice, int status)
    {
        var p = http.GetPrincipal();
        var filter = Http.OptionalId<Organisation>(organisation, "organisation");
        if (!filter.IsSuccess)
        {
            return ConsoleErrorStyle.Instance.Render(filter.Error!);
        }

        var page = await units.ListAsync(p, filter.Value, Ui.Query(q, cursor), http.RequestAborted);
        if (!page.IsSuccess && page.Error!.Code == ErrorCode.NotFound)
        {
            return ConsoleErrorStyle.Instance.Render(page.Error);
        }

        var organisations = await Choices.OrganisationsAsync(http, p);
        var names = organisations.ToDictionary(o => o.Value, o => o.Text);
        var list = page.IsSuccess
            ? Ui.Table(page.Value.Items, ["Name", "Organisation", "Billing day", "Id", "Created", ""], u =>
            {
                var orgId = PublicId.Of<Organisation>(u.OrganisationId);
                var unitId = PublicId.Of<Unit>(u.Id);
                return Html.Of($"""
                    <tr><td>{Ui.Link(UnitBillingPage.PathOf(u.Id), u.Name)}</td><td>{Ui.Link($"/console/organisations/{orgId}", names.GetValueOrDefault(orgId, orgId))}</td><td>{u.BillingDay}</td><td><code>{unitId}</code></td><td>{Ui.Time(u.CreatedAt)}</td>
                    <td>{Ui.Button(http, $"{Path}/{unitId}/delete", "Delete", $"Delete unit {u.Name}?", "danger")}</td></tr>
                    """);
            }, "No units match.")
            : Ui.Alert(page.Error);
        var fields = Html.Of($"""
            {Ui.Select("organisation_id", "Organisation", organisations, form, error, "Choose an organisation", organisation)}
            {Ui.Input("name", "Name", form, error, required: true)}
            {Ui.Input("billing_day", "Billing day (1–28)", form, error, "number", hint: "1")}
            <button type="submit">Create unit</button>
            """);
        var body = Html.Of($"""
            {notice}
            {Ui.Search(Path, q, ("organisation", organisation))}
            {list}
            {Ui.Pager(Path, cursor, page.IsSuccess ? page.Value.NextCursor : null, q, ("organisation", organisation))}
            <section class="card"><h2>New unit</h2>{Ui.Alert(error)}{Ui.Form(http, Path, fields, css: "grid")}</section>
            """);
        return await Layout.PageAsync(http, "Units", body, status);
    }
}
