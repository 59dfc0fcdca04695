using System.Globalization;

namespace Steward.Client;

/// <summary>
/// The ledger: posting charges (merchants) and reading them (<c>/api/v1/charges</c>, and per product,
/// unit and organisation). Reach it as <see cref="StewardClient.Charges"/>. A window is a billing
/// period (<c>pbp</c>: 0 the current one, back to -23) or a date range (<c>from</c> inclusive,
/// <c>until</c> exclusive); with neither, the current period.
/// </summary>
public sealed class ChargesClient
{
    private readonly NativeTransport transport;

    internal ChargesClient(NativeTransport transport) => this.transport = transport;

    /// <summary>Posts up to 1,000 lines with a merchant's token; lines already sent count as duplicates.</summary>
    /// <param name="lines">The lines.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<RecordedCharges> RecordAsync(IEnumerable<ChargeLine> lines, CancellationToken ct = default) =>
        transport.SendAsync<RecordedCharges>(HttpMethod.Post, "/api/v1/charges", new { lines = lines.ToList() }, ct);

    /// <summary>A product's charges: totals and a page of lines.</summary>
    /// <param name="productId">The product's public id.</param>
    /// <param name="pbp">Period offset, 0 to -23.</param>
    /// <param name="from">First day of a date range.</param>
    /// <param name="until">First day after a date range.</param>
    /// <param name="limit">Lines per page.</param>
    /// <param name="cursor">The previous page's cursor.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<ProductCharges> ForProductAsync(string productId, int? pbp = null, DateOnly? from = null, DateOnly? until = null, int? limit = null, string? cursor = null, CancellationToken ct = default) =>
        transport.SendAsync<ProductCharges>(HttpMethod.Get, $"/api/v1/products/{NativeTransport.Segment(productId)}/charges" + Window(pbp, from, until, limit, cursor), null, ct);

    /// <summary>A unit's charges: totals, totals per product and a page of lines.</summary>
    /// <param name="unitId">The unit's public id.</param>
    /// <param name="pbp">Period offset, 0 to -23.</param>
    /// <param name="from">First day of a date range.</param>
    /// <param name="until">First day after a date range.</param>
    /// <param name="limit">Lines per page.</param>
    /// <param name="cursor">The previous page's cursor.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<UnitCharges> ForUnitAsync(string unitId, int? pbp = null, DateOnly? from = null, DateOnly? until = null, int? limit = null, string? cursor = null, CancellationToken ct = default) =>
        transport.SendAsync<UnitCharges>(HttpMethod.Get, $"/api/v1/units/{NativeTransport.Segment(unitId)}/charges" + Window(pbp, from, until, limit, cursor), null, ct);

    /// <summary>An organisation's charges: totals and each unit's totals over its own period.</summary>
    /// <param name="organisationId">The organisation's public id.</param>
    /// <param name="pbp">Period offset, 0 to -23.</param>
    /// <param name="from">First day of a date range.</param>
    /// <param name="until">First day after a date range.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<OrganisationCharges> ForOrganisationAsync(string organisationId, int? pbp = null, DateOnly? from = null, DateOnly? until = null, CancellationToken ct = default) =>
        transport.SendAsync<OrganisationCharges>(HttpMethod.Get, $"/api/v1/organisations/{NativeTransport.Segment(organisationId)}/charges" + Window(pbp, from, until, null, null), null, ct);

    /// <summary>An account's charges by organisation (root passes <paramref name="accountId"/>).</summary>
    /// <param name="accountId">Root only: the account.</param>
    /// <param name="pbp">Period offset, 0 to -23.</param>
    /// <param name="from">First day of a date range.</param>
    /// <param name="until">First day after a date range.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<AccountCharges> ForAccountAsync(string? accountId = null, int? pbp = null, DateOnly? from = null, DateOnly? until = null, CancellationToken ct = default) =>
        transport.SendAsync<AccountCharges>(HttpMethod.Get, "/api/v1/charges" + NativeTransport.Query(
            ("account_id", accountId), ("pbp", NativeTransport.Number(pbp)), ("from", Date(from)), ("until", Date(until))), null, ct);

    private static string Window(int? pbp, DateOnly? from, DateOnly? until, int? limit, string? cursor) => NativeTransport.Query(
        ("pbp", NativeTransport.Number(pbp)), ("from", Date(from)), ("until", Date(until)), ("limit", NativeTransport.Number(limit)), ("cursor", cursor));

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
