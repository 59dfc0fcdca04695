using Steward.Core.Billing;
using Steward.Core.Ids;
using Steward.Core.Tenancy;
using Steward.Server.Auth;

namespace Steward.Server.AdminConsole.Pages;

/// <summary>
/// A unit's billing in a chosen period (its own billing day): the totals, each product's share, the
/// charges and the unit's burn rate (its products' together) per day, and the period's ledger lines.
/// </summary>
public static class UnitBillingPage
{
    public static void Map(RouteGroupBuilder console)
    {
        console.MapGet("/units/{id}/billing", Show);
        console.MapGet("/units/{id}/charges-per-day.svg", ChargesPerDay);
        console.MapGet("/units/{id}/burn-rate.svg", BurnRate);
    }

    public static string PathOf(Guid unitId) => $"/console/units/{PublicId.Of<Unit>(unitId)}/billing";

    private static async Task<IResult> Show(HttpContext http, ChargeQueries charges, CoinsCalculator clock, Id<Unit> id, int? pbp)
    {
        var result = await charges.ForUnitAsync(http.GetPrincipal(), id.Value, new ChargeWindowInput(Pbp: pbp), BillingParts.LinesShown, null, http.RequestAborted);
        if (!result.IsSuccess)
        {
            return ConsoleErrorStyle.Instance.Render(result.Error!);
        }

        var sums = result.Value.Unit;
        var unit = sums.Unit;
        var unitId = PublicId.Of<Unit>(unit.Id);
        var offset = pbp ?? 0;
        var products = Ui.Table(result.Value.Products, ["Product", "Type", "Coins", "Processing", "Storage", "Fees", "Credits", "Lines"], row =>
        {
            var (x, t) = row;
            var name = x.DeletedAt is null ? Ui.Link($"/console/products/{PublicId.Of<Product>(x.Id)}?pbp={offset}", x.Name) : Html.Of($"{x.Name} <small>(deleted)</small>");
            return Html.Of($"""
                <tr><td>{name}</td><td><code>{x.Type}</code></td><td>{BillingParts.Amount(t.Coins)}</td><td>{BillingParts.Amount(t.Processing)}</td>
                <td>{BillingParts.Amount(t.Storage)}</td><td>{BillingParts.Amount(t.Fees)}</td><td>{BillingParts.Amount(t.Credits)}</td><td>{t.Lines}</td></tr>
                """);
        }, "The unit has no products.");
        var body = Html.Of($"""
            <dl class="details">
            <dt>Unit</dt><dd><code>{unitId}</code></dd>
            <dt>Organisation</dt><dd>{Ui.Link($"/console/organisations/{PublicId.Of<Organisation>(unit.OrganisationId)}", "Its organisation")}</dd>
            <dt>Billing day</dt><dd>{unit.BillingDay}</dd>
            <dt>Products</dt><dd>{Ui.Link($"/console/products?unit={unitId}", "The unit's products")}</dd>
            </dl>
            {BillingParts.PeriodSelector(PathOf(unit.Id), clock.Today, unit.BillingDay, offset)}
            <section class="card"><h2>Totals of the period</h2>{BillingParts.Sums(sums.Window, sums.Period, sums.Totals)}</section>
            <section class="card"><h2>By product</h2>{products}</section>
            {BillingParts.Charts($"/console/units/{unitId}", offset, "the unit's")}
            {BillingParts.Lines(result.Value.Lines, withProduct: true)}
            """);
        return await Layout.PageAsync(http, $"Billing of {unit.Name}", body);
    }

    private static async Task<IResult> ChargesPerDay(HttpContext http, ChargeDayQueries days, Id<Unit> id, int? pbp)
    {
        var result = await days.ForUnitAsync(http.GetPrincipal(), id.Value, new ChargeWindowInput(Pbp: pbp), http.RequestAborted);
        return result.IsSuccess ? BillingParts.ChargesChart(result.Value) : ConsoleErrorStyle.Instance.Render(result.Error!);
    }

    private static async Task<IResult> BurnRate(HttpContext http, ChargeDayQueries days, Id<Unit> id, int? pbp)
    {
        var result = await days.ForUnitAsync(http.GetPrincipal(), id.Value, new ChargeWindowInput(Pbp: pbp), http.RequestAborted);
        return result.IsSuccess ? BillingParts.BurnRateChart(result.Value) : ConsoleErrorStyle.Instance.Render(result.Error!);
    }
}
