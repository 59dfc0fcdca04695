using Steward.Core.Billing;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Storage;
using Steward.Core.Tenancy;
using Steward.Server.Api;
using Steward.Server.Auth;

namespace Steward.Server.AdminConsole.Pages;

/// <summary>
/// Products the caller sees (of one unit with ?unit=), searched by name, and a product's page: its coins
/// in the current period, its charges and burn rate per day in a chosen billing period, and its ledger lines.
/// </summary>
public static class ProductsPage
{
    private const string Path = "/console/products";

    public static void Map(RouteGroupBuilder console)
    {
        console.MapGet("/products", List);
        console.MapGet("/products/{id}", Show);
        console.MapGet("/products/{id}/charges-per-day.svg", ChargesPerDay);
        console.MapGet("/products/{id}/burn-rate.svg", BurnRate);
    }

    private static async Task<IResult> List(HttpContext http, ProductService products, string? q, string? cursor, string? unit)
    {
        var p = http.GetPrincipal();
        var filter = Http.OptionalId<Unit>(unit, "unit");
        if (!filter.IsSuccess)
        {
            return ConsoleErrorStyle.Instance.Render(filter.Error!);
        }

        var query = Ui.Query(q, cursor);
        var page = filter.Value is { } unitId
            ? await products.ListForUnitAsync(p, unitId, query.Limit, query.Cursor, query.Search, http.RequestAborted)
            : await products.ListAsync(p, query.Limit, query.Cursor, query.Search, http.RequestAborted);
        if (!page.IsSuccess && page.Error!.Code == ErrorCode.NotFound)
        {
            return ConsoleErrorStyle.Instance.Render(page.Error);
        }

        var list = page.IsSuccess
            ? Ui.Table(page.Value.Items, ["Name", "Type", "Flavour", "Unit", "Allowance", "Limit", "Used", "At limit"], v =>
            {
                var x = v.Product;
                var id = PublicId.Of<Product>(x.Id);
                var unitLink = Ui.Link($"/console/units/{PublicId.Of<Unit>(x.UnitId)}/billing", v.Row.UnitName);
                var atLimit = v.Coins.AtLimit ? Html.Of($"<strong class=\"at-limit\">yes</strong>") : Html.Text("no");
                return Html.Of($"""
                    <tr><td>{Ui.Link($"{Path}/{id}", x.Name)}</td><td><code>{x.Type}</code></td><td>{x.Flavour}</td><td>{unitLink}</td>
                    <td>{BillingParts.Amount(v.Coins.Allowance)}</td><td>{BillingParts.Amount(v.Coins.Limit)}</td><td>{BillingParts.Amount(v.Coins.Used)}</td><td>{atLimit}</td></tr>
                    """);
            }, "No products match.")
            : Ui.Alert(page.Error);
        var body = Html.Of($"""
            {Ui.Search(Path, q, ("unit", unit))}
            {list}
            {Ui.Pager(Path, cursor, page.IsSuccess ? page.Value.NextCursor : null, q, ("unit", unit))}
            <p class="empty">Products are created through the API (<code>POST /api/v1/units/{Html.Text("{id}")}/products</code>); coins are those of the current billing period.</p>
            """);
        return await Layout.PageAsync(http, "Products", body);
    }

    private static async Task<IResult> Show(HttpContext http, ProductService products, ChargeQueries charges, CoinsCalculator clock, Id<Product> id, int? pbp)
    {
        var p = http.GetPrincipal();
        var found = await products.GetAsync(p, id.Value, http.RequestAborted);
        if (!found.IsSuccess)
        {
            return ConsoleErrorStyle.Instance.Render(found.Error!);
        }

        var ledger = await charges.ForProductAsync(p, id.Value, new ChargeWindowInput(Pbp: pbp), BillingParts.LinesShown, null, http.RequestAborted);
        if (!ledger.IsSuccess)
        {
            return ConsoleErrorStyle.Instance.Render(ledger.Error!);
        }

        var view = found.Value;
        var x = view.Product;
        var c = view.Coins;
        var publicId = PublicId.Of<Product>(x.Id);
        var unitId = PublicId.Of<Unit>(x.UnitId);
        var offset = pbp ?? 0;
        var claim = x.IsClaimed ? Html.Of($"{x.ClaimName} (<code>{x.ClaimId}</code>)") : Html.Text("not claimed");
        var body = Html.Of($"""
            <dl class="details">
            <dt>Id</dt><dd><code>{publicId}</code></dd>
            <dt>Type</dt><dd><code>{x.Type}</code>{(x.Flavour is null ? "" : " · " + x.Flavour)}</dd>
            <dt>Unit</dt><dd>{Ui.Link($"/console/units/{unitId}/billing", view.Row.UnitName)}</dd>
            <dt>Claim</dt><dd>{claim}</dd>
            </dl>
            <section class="card">
            <h2>Coins this period ({BillingParts.Day(c.PeriodFrom)} – {BillingParts.Day(c.PeriodUntil.AddDays(-1))})</h2>
            <dl class="details coins-detail">
            <dt>Used</dt><dd data-field="used">{BillingParts.Amount(c.Used)}</dd>
            <dt>Reserved</dt><dd data-field="reserved">{BillingParts.Amount(c.Reserved)}</dd>
            <dt>Available</dt><dd data-field="available">{BillingParts.Amount(c.Available)}</dd>
            <dt>Allowance</dt><dd data-field="allowance">{BillingParts.Amount(c.Allowance)}</dd>
            <dt>Limit</dt><dd data-field="limit">{BillingParts.Amount(c.Limit)}</dd>
            <dt>At limit</dt><dd data-field="at_limit">{(c.AtLimit ? "yes" : "no")}</dd>
            <dt>By kind</dt><dd>processing {BillingParts.Amount(c.Processing)} · storage {BillingParts.Amount(c.Storage)} · fees {BillingParts.Amount(c.Fees)} · credits {BillingParts.Amount(c.Credits)}</dd>
            <dt>Current burn rate</dt><dd data-field="current_burn_rate">{BillingParts.Amount(c.CurrentBurnRate)} coins per day</dd>
            <dt>Billing prediction</dt><dd data-field="billing_prediction">{BillingParts.Amount(c.BillingPrediction)} (storage to come: {BillingParts.Amount(c.BillingPredictionStorageContribution)})</dd>
            <dt>Multipliers</dt><dd>allowance ×{BillingParts.Amount(c.AllowanceMultiplier)} · overspend ×{BillingParts.Amount(c.OverspendMultiplier)}</dd>
            <dt>Billing day</dt><dd data-field="billing_day">{c.BillingDay}</dd>
            <dt>Remaining days</dt><dd data-field="remaining_days">{c.RemainingDays}</dd>
            </dl>
            </section>
            {BillingParts.PeriodSelector($"{Path}/{publicId}", clock.Today, view.Row.BillingDay, offset)}
            <section class="card"><h2>Totals of the period</h2>{BillingParts.Sums(ledger.Value.Window, ledger.Value.Period, ledger.Value.Totals)}</section>
            {BillingParts.Charts($"{Path}/{publicId}", offset, "the product's")}
            {BillingParts.Lines(ledger.Value.Lines)}
            """);
        return await Layout.PageAsync(http, x.Name, body);
    }

    private static async Task<IResult> ChargesPerDay(HttpContext http, ChargeDayQueries days, Id<Product> id, int? pbp)
    {
        var result = await days.ForProductAsync(http.GetPrincipal(), id.Value, new ChargeWindowInput(Pbp: pbp), http.RequestAborted);
        return result.IsSuccess ? BillingParts.ChargesChart(result.Value) : ConsoleErrorStyle.Instance.Render(result.Error!);
    }

    private static async Task<IResult> BurnRate(HttpContext http, ChargeDayQueries days, Id<Product> id, int? pbp)
    {
        var result = await days.ForProductAsync(http.GetPrincipal(), id.Value, new ChargeWindowInput(Pbp: pbp), http.RequestAborted);
        return result.IsSuccess ? BillingParts.BurnRateChart(result.Value) : ConsoleErrorStyle.Instance.Render(result.Error!);
    }
}
