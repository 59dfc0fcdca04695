namespace Steward.Client;

/// <summary>Products in units, <c>/api/v1/products</c>. Reach it as <see cref="StewardClient.Products"/>.</summary>
public sealed class ProductsClient
{
    private readonly NativeTransport transport;

    internal ProductsClient(NativeTransport transport) => this.transport = transport;

    /// <summary>Subscribes a unit to a product type.</summary>
    /// <param name="unitId">The unit's public id.</param>
    /// <param name="name">Name (at most 80 characters).</param>
    /// <param name="type">Product type, such as <c>DATA_MANAGER_STORAGE_SUBSCRIPTION</c>.</param>
    /// <param name="allowance">Coins included in each period (required for types without flavours).</param>
    /// <param name="limit">Coins it may use in a period; defaults to the allowance.</param>
    /// <param name="flavour">Flavour, for types that have them.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<Product> CreateAsync(string unitId, string name, string type, decimal? allowance = null, decimal? limit = null, string? flavour = null, CancellationToken ct = default) =>
        transport.SendAsync<Product>(HttpMethod.Post, $"/api/v1/units/{NativeTransport.Segment(unitId)}/products", new { name, type, flavour, allowance, limit }, ct);

    /// <summary>Reads a product with its coins.</summary>
    /// <param name="id">The product's public id, <c>product-…</c>.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<Product> GetAsync(string id, CancellationToken ct = default) =>
        transport.SendAsync<Product>(HttpMethod.Get, "/api/v1/products/" + NativeTransport.Segment(id), null, ct);

    /// <summary>Lists the products the caller sees.</summary>
    /// <param name="limit">Page size; the server's default when null.</param>
    /// <param name="cursor">The previous page's cursor.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<ItemList<Product>> ListAsync(int? limit = null, string? cursor = null, CancellationToken ct = default) =>
        transport.SendAsync<ItemList<Product>>(HttpMethod.Get, "/api/v1/products" + NativeTransport.Query(("limit", NativeTransport.Number(limit)), ("cursor", cursor)), null, ct);

    /// <summary>Lists a unit's products.</summary>
    /// <param name="unitId">The unit's public id.</param>
    /// <param name="limit">Page size.</param>
    /// <param name="cursor">The previous page's cursor.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<ItemList<Product>> ListForUnitAsync(string unitId, int? limit = null, string? cursor = null, CancellationToken ct = default) =>
        transport.SendAsync<ItemList<Product>>(HttpMethod.Get, $"/api/v1/units/{NativeTransport.Segment(unitId)}/products" + NativeTransport.Query(("limit", NativeTransport.Number(limit)), ("cursor", cursor)), null, ct);

    /// <summary>Lists the products of all of an organisation's units.</summary>
    /// <param name="organisationId">The organisation's public id.</param>
    /// <param name="limit">Page size.</param>
    /// <param name="cursor">The previous page's cursor.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<ItemList<Product>> ListForOrganisationAsync(string organisationId, int? limit = null, string? cursor = null, CancellationToken ct = default) =>
        transport.SendAsync<ItemList<Product>>(HttpMethod.Get, $"/api/v1/organisations/{NativeTransport.Segment(organisationId)}/products" + NativeTransport.Query(("limit", NativeTransport.Number(limit)), ("cursor", cursor)), null, ct);

    /// <summary>Renames a product or raises its allowance or limit (they are never reduced).</summary>
    /// <param name="id">The product's public id.</param>
    /// <param name="name">New name; unchanged when null.</param>
    /// <param name="allowance">New allowance, not below the current one.</param>
    /// <param name="limit">New limit, not below the current one nor the allowance.</param>
    /// <param name="ifMatchVersion">Sent as <c>If-Match</c>.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<Product> UpdateAsync(string id, string? name = null, decimal? allowance = null, decimal? limit = null, int? ifMatchVersion = null, CancellationToken ct = default) =>
        transport.SendAsync<Product>(HttpMethod.Patch, "/api/v1/products/" + NativeTransport.Segment(id), new { name, allowance, limit }, ct, ifMatchVersion);

    /// <summary>Deletes a product (its charges stay in the ledger); refused while it is claimed.</summary>
    /// <param name="id">The product's public id.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task DeleteAsync(string id, CancellationToken ct = default) =>
        transport.SendAsync(HttpMethod.Delete, "/api/v1/products/" + NativeTransport.Segment(id), ct);

    /// <summary>Claims a product for the calling merchant.</summary>
    /// <param name="id">The product's public id.</param>
    /// <param name="claimId">The merchant's own id for what uses the product.</param>
    /// <param name="claimName">Its name.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<Product> ClaimAsync(string id, string claimId, string? claimName = null, CancellationToken ct = default) =>
        transport.SendAsync<Product>(HttpMethod.Put, $"/api/v1/products/{NativeTransport.Segment(id)}/claim", new { id = claimId, name = claimName }, ct);

    /// <summary>Releases the calling merchant's claim on a product.</summary>
    /// <param name="id">The product's public id.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task ReleaseClaimAsync(string id, CancellationToken ct = default) =>
        transport.SendAsync(HttpMethod.Delete, $"/api/v1/products/{NativeTransport.Segment(id)}/claim", ct);
}
