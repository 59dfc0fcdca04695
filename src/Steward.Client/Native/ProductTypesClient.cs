namespace Steward.Client;

/// <summary>Product types, <c>/api/v1/product-types</c>. Reach it as <see cref="StewardClient.ProductTypes"/>.</summary>
public sealed class ProductTypesClient
{
    private readonly NativeTransport transport;

    internal ProductTypesClient(NativeTransport transport) => this.transport = transport;

    /// <summary>Lists the types the caller's account may use: the built-in ones, then its own.</summary>
    /// <param name="ct">Cancels the call.</param>
    public Task<ItemList<ProductType>> ListAsync(CancellationToken ct = default) =>
        transport.SendAsync<ItemList<ProductType>>(HttpMethod.Get, "/api/v1/product-types", null, ct);

    /// <summary>Reads a type by its code.</summary>
    /// <param name="code">The type's code.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<ProductType> GetAsync(string code, CancellationToken ct = default) =>
        transport.SendAsync<ProductType>(HttpMethod.Get, "/api/v1/product-types/" + NativeTransport.Segment(code), null, ct);

    /// <summary>Adds a type to the caller's account.</summary>
    /// <param name="code">Upper-case code, unique in the account.</param>
    /// <param name="kind"><c>storage</c> or <c>tier</c>.</param>
    /// <param name="flavours">A tier type's flavours.</param>
    /// <param name="serviceKind">The service that uses such products.</param>
    /// <param name="description">What the type is.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<ProductType> CreateAsync(string code, string kind, IReadOnlyList<string>? flavours = null, string? serviceKind = null, string? description = null, CancellationToken ct = default) =>
        transport.SendAsync<ProductType>(HttpMethod.Post, "/api/v1/product-types", new { code, kind, flavours, service_kind = serviceKind, description }, ct);
}
