namespace Steward.Client;

/// <summary>Merchants, <c>/api/v1/merchants</c>. Reach it as <see cref="StewardClient.Merchants"/>.</summary>
public sealed class MerchantsClient
{
    private readonly NativeTransport transport;

    internal MerchantsClient(NativeTransport transport) => this.transport = transport;

    /// <summary>Registers a merchant (root: a platform merchant, or one for <paramref name="accountId"/>; an account: its own); the answer carries its key and secret, shown once.</summary>
    /// <param name="name">Name.</param>
    /// <param name="apiHostname">Where the service's own API is reached.</param>
    /// <param name="kind">Kind of service.</param>
    /// <param name="accountId">Root only: the account the merchant serves.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<CreatedMerchant> CreateAsync(string name, string apiHostname, string kind = "DATA_MANAGER", string? accountId = null, CancellationToken ct = default) =>
        transport.SendAsync<CreatedMerchant>(HttpMethod.Post, "/api/v1/merchants", new { name, kind, api_hostname = apiHostname, account_id = accountId }, ct);

    /// <summary>Reads a merchant.</summary>
    /// <param name="id">The merchant's public id, <c>merchant-…</c>.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<Merchant> GetAsync(string id, CancellationToken ct = default) =>
        transport.SendAsync<Merchant>(HttpMethod.Get, "/api/v1/merchants/" + NativeTransport.Segment(id), null, ct);

    /// <summary>Lists the platform's merchants and the caller's account's own.</summary>
    /// <param name="limit">Page size; the server's default when null.</param>
    /// <param name="cursor">The previous page's <see cref="ItemList{T}.NextCursor"/>.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<ItemList<Merchant>> ListAsync(int? limit = null, string? cursor = null, CancellationToken ct = default) =>
        transport.SendAsync<ItemList<Merchant>>(HttpMethod.Get, "/api/v1/merchants" + NativeTransport.Query(("limit", NativeTransport.Number(limit)), ("cursor", cursor)), null, ct);

    /// <summary>Changes a merchant; with <paramref name="ifMatchVersion"/>, only if it is still at that version.</summary>
    /// <param name="id">The merchant's public id.</param>
    /// <param name="name">New name; unchanged when null.</param>
    /// <param name="apiHostname">New host name; unchanged when null.</param>
    /// <param name="ifMatchVersion">Sent as <c>If-Match</c>.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<Merchant> UpdateAsync(string id, string? name = null, string? apiHostname = null, int? ifMatchVersion = null, CancellationToken ct = default) =>
        transport.SendAsync<Merchant>(HttpMethod.Patch, "/api/v1/merchants/" + NativeTransport.Segment(id), new { name, api_hostname = apiHostname }, ct, ifMatchVersion);

    /// <summary>Deletes a merchant and its keys; refused while the ledger holds its charges or it claims a product.</summary>
    /// <param name="id">The merchant's public id.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task DeleteAsync(string id, CancellationToken ct = default) =>
        transport.SendAsync(HttpMethod.Delete, "/api/v1/merchants/" + NativeTransport.Segment(id), ct);
}
