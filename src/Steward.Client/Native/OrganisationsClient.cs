namespace Steward.Client;

/// <summary>Organisations of the caller's account, <c>/api/v1/organisations</c>. Reach it as <see cref="StewardClient.Organisations"/>.</summary>
public sealed class OrganisationsClient
{
    private readonly NativeTransport transport;

    internal OrganisationsClient(NativeTransport transport) => this.transport = transport;

    /// <summary>Creates an organisation in the caller's account; the answer carries its API key and secret, shown once.</summary>
    /// <param name="name">Name, unique in the account.</param>
    /// <param name="domainName">Optional domain name, unique on the server (a Kandy domain).</param>
    /// <param name="description">Free text.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<CreatedOrganisation> CreateAsync(string name, string? domainName = null, string? description = null, CancellationToken ct = default) =>
        transport.SendAsync<CreatedOrganisation>(HttpMethod.Post, "/api/v1/organisations", new { name, domain_name = domainName, description }, ct);

    /// <summary>Reads an organisation.</summary>
    /// <param name="id">The organisation's public id, <c>org-…</c>.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<Organisation> GetAsync(string id, CancellationToken ct = default) =>
        transport.SendAsync<Organisation>(HttpMethod.Get, "/api/v1/organisations/" + NativeTransport.Segment(id), null, ct);

    /// <summary>Lists the organisations the caller can see.</summary>
    /// <param name="limit">Page size; the server's default when null.</param>
    /// <param name="cursor">The previous page's <see cref="ItemList{T}.NextCursor"/>; null for the first page.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<ItemList<Organisation>> ListAsync(int? limit = null, string? cursor = null, CancellationToken ct = default) =>
        transport.SendAsync<ItemList<Organisation>>(HttpMethod.Get, "/api/v1/organisations" + NativeTransport.Query(("limit", NativeTransport.Number(limit)), ("cursor", cursor)), null, ct);

    /// <summary>Changes an organisation; with <paramref name="ifMatchVersion"/>, only if it is still at that version.</summary>
    /// <param name="id">The organisation's public id.</param>
    /// <param name="name">New name; unchanged when null.</param>
    /// <param name="description">New description; unchanged when null.</param>
    /// <param name="ifMatchVersion">Sent as <c>If-Match</c>; a stale version fails with 412 <c>version-conflict</c>.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<Organisation> UpdateAsync(string id, string? name = null, string? description = null, int? ifMatchVersion = null, CancellationToken ct = default) =>
        transport.SendAsync<Organisation>(HttpMethod.Patch, "/api/v1/organisations/" + NativeTransport.Segment(id), new { name, description }, ct, ifMatchVersion);

    /// <summary>Deletes an organisation with its units, memberships and users.</summary>
    /// <param name="id">The organisation's public id.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task DeleteAsync(string id, CancellationToken ct = default) =>
        transport.SendAsync(HttpMethod.Delete, "/api/v1/organisations/" + NativeTransport.Segment(id), ct);
}
