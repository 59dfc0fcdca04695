using System.Globalization;
using Steward.Core.Billing;
using Steward.Core.Ids;

namespace Steward.Server.AdminConsole.Pages;

/// <summary>What the product and unit billing pages share: the period selector, sums, charts and ledger lines.</summary>
public static class BillingParts
{
    /// <summary>How many periods back the selector offers (the API reads back to <see cref="ChargeWindowInput.OldestPeriod"/>).</summary>
    public const int PeriodsOffered = 12;

    /// <summary>Ledger lines shown on a page; the API pages through all of them.</summary>
    public const int LinesShown = 50;

    public static string Amount(decimal coins) => Coins.Format(coins);

    /// <summary>A GET form choosing the billing period (<c>pbp</c>), each labelled with its dates for <paramref name="billingDay"/>.</summary>
    public static Html PeriodSelector(string path, DateOnly today, int billingDay, int pbp)
    {
        var options = Enumerable.Range(0, PeriodsOffered).Select(i =>
        {
            var offset = -i;
            var (from, until) = BillingDay.Period(today, billingDay, offset);
            var label = (offset == 0 ? "Current period" : $"{offset}") + $" ({Day(from)} – {Day(until.AddDays(-1))})";
            return (offset.ToString(CultureInfo.InvariantCulture), label);
        });
        return Html.Of($"""
            <form method="get" action="{path}" class="search">
            {Ui.Select("pbp", "Billing period", options, null, null, selected: pbp.ToString(CultureInfo.InvariantCulture))}
            <button type="submit">Show</button>
            </form>
            """);
    }

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A window's totals as a definition list (statement coins, by kind, and what came after closing).</summary>
    public static Html Sums(ChargeWindow window, BillingPeriod? period, ChargeSums totals) => Html.Of($"""
        <dl class="details">
        <dt>Period</dt><dd>{Day(window.From)} – {Day(window.Until.AddDays(-1))}{Html.When(period?.ClosedAt is not null, Html.Of($" (closed, final)"))}</dd>
        <dt>Coins</dt><dd class="coins">{Amount(totals.Coins)}</dd>
        <dt>Processing</dt><dd>{Amount(totals.Processing)}</dd>
        <dt>Storage</dt><dd>{Amount(totals.Storage)}</dd>
        <dt>Fees</dt><dd>{Amount(totals.Fees)}</dd>
        <dt>Credits</dt><dd>{Amount(totals.Credits)}</dd>
        <dt>Lines</dt><dd>{totals.Lines}</dd>
        <dt>After closing</dt><dd>{Amount(totals.PostFinalCoins)} in {totals.PostFinalLines} lines</dd>
        </dl>
        """);

    /// <summary>The two charts of a window, drawn by <paramref name="chartPath"/> (…/charges-per-day.svg and …/burn-rate.svg).</summary>
    public static Html Charts(string chartPath, int pbp, string what) => Html.Of($"""
        <section class="card">
        <h2>Charges per day (coins)</h2>
        <img class="chart" src="{chartPath}/charges-per-day.svg?pbp={pbp}" alt="A bar chart of {what} coins charged per day" width="{AdminConsole.Charts.Width}" height="{AdminConsole.Charts.Height}">
        </section>
        <section class="card">
        <h2>Burn rate per day (coins per day of storage)</h2>
        <img class="chart" src="{chartPath}/burn-rate.svg?pbp={pbp}" alt="A line chart of {what} storage burn rate per day" width="{AdminConsole.Charts.Width}" height="{AdminConsole.Charts.Height}">
        </section>
        """);

    public static IResult ChargesChart(ChargeDays days) =>
        Svg(AdminConsole.Charts.Bars(days.Days.Select(d => (d.Day, (double)d.Coins)).ToList(), "coins"));

    public static IResult BurnRateChart(ChargeDays days) =>
        Svg(AdminConsole.Charts.Line(days.Days.Select(d => (d.Day, d.BurnRate is { } r ? (double?)r : null)).ToList(), "coins per day"));

    /// <summary>The window's first ledger lines, oldest first, with the merchant that posted each.</summary>
    public static Html Lines(LinePage page, bool withProduct = false)
    {
        var headers = withProduct
            ? new[] { "Time", "Kind", "Coins", "Burn rate", "Product", "User", "Name", "External id", "Merchant" }
            : ["Time", "Kind", "Coins", "Burn rate", "User", "Name", "External id", "Merchant"];
        var table = Ui.Table(page.Lines, headers, l =>
        {
            var merchant = page.Merchants.TryGetValue(l.MerchantId, out var m) ? m.Name : PublicId.Of<Merchant>(l.MerchantId);
            var product = withProduct ? Html.Of($"<td><code>{PublicId.Of<Product>(l.ProductId)}</code></td>") : Html.Empty;
            var late = Html.When(l.PostFinal, Html.Of($" <small>(after closing)</small>"));
            return Html.Of($"<tr><td>{Ui.Time(l.Timestamp)}</td><td>{l.Kind.ToString().ToLowerInvariant()}</td><td>{Amount(l.Coins)}{late}</td><td>{(l.BurnRate is { } r ? Amount(r) : "")}</td>{product}<td>{l.Username}</td><td>{l.Name}</td><td><code>{l.ExternalId}</code></td><td>{merchant}</td></tr>");
        }, "No charges in this period.");
        var more = page.NextCursor is null ? Html.Empty : Html.Of($"<p class=\"empty\">The first {LinesShown} lines; the API (<code>/charges</code>) pages through the rest.</p>");
        return Html.Of($"<section class=\"card\"><h2>Charges</h2>{table}{more}</section>");
    }

    private static IResult Svg(string svg) => Results.Content(svg, "image/svg+xml; charset=utf-8");
}
