using System.Net.Http.Headers;

namespace Steward.Client;

/// <summary>Assets, <c>/api/v1/assets</c>. Reach it as <see cref="StewardClient.Assets"/>.</summary>
public sealed class AssetsClient
{
    private readonly NativeTransport transport;

    internal AssetsClient(NativeTransport transport) => this.transport = transport;

    /// <summary>Creates an asset with text content.</summary>
    /// <param name="name">An RFC 1123 label (lower-case letters, digits, hyphens), unique within the scope.</param>
    /// <param name="scope"><c>global</c>, <c>organisation</c>, <c>unit</c>, <c>product</c> or <c>user</c>.</param>
    /// <param name="scopeId">The scope's public id; null for a global asset.</param>
    /// <param name="content">The content (text).</param>
    /// <param name="secret">Encrypt it at rest and show it only to attached merchants.</param>
    /// <param name="description">What it is.</param>
    /// <param name="accountId">Root only: the account of a global asset.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<Asset> CreateAsync(string name, string scope, string? scopeId, string content, bool secret = false, string? description = null, string? accountId = null, CancellationToken ct = default) =>
        transport.SendAsync<Asset>(HttpMethod.Post, "/api/v1/assets", new { name, scope, scope_id = scopeId, content, secret, description, account_id = accountId }, ct);

    /// <summary>Creates an asset whose content is a file (UTF-8 text), sent as <c>multipart/form-data</c>.</summary>
    /// <param name="name">An RFC 1123 label, unique within the scope.</param>
    /// <param name="scope"><c>global</c>, <c>organisation</c>, <c>unit</c>, <c>product</c> or <c>user</c>.</param>
    /// <param name="scopeId">The scope's public id; null for a global asset.</param>
    /// <param name="file">The file's content; read to its end, not disposed.</param>
    /// <param name="fileName">The file's name (sent with it; not stored).</param>
    /// <param name="secret">Encrypt it at rest and show it only to attached merchants.</param>
    /// <param name="description">What it is.</param>
    /// <param name="ct">Cancels the call.</param>
    public async Task<Asset> CreateFromFileAsync(string name, string scope, string? scopeId, Stream file, string fileName, bool secret = false, string? description = null, CancellationToken ct = default)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(name), "name" },
            { new StringContent(scope), "scope" },
            { new StringContent(secret ? "true" : "false"), "secret" },
        };
        if (scopeId is not null)
        {
            form.Add(new StringContent(scopeId), "scope_id");
        }

        if (description is not null)
        {
            form.Add(new StringContent(description), "description");
        }

        form.Add(await FilePartAsync(file, ct), "content_file", fileName);
        return await transport.SendContentAsync<Asset>(HttpMethod.Post, "/api/v1/assets", form, ct);
    }

    /// <summary>Reads an asset (never a secret asset's content).</summary>
    /// <param name="id">The asset's public id, <c>asset-…</c>.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<Asset> GetAsync(string id, CancellationToken ct = default) =>
        transport.SendAsync<Asset>(HttpMethod.Get, Path(id), null, ct);

    /// <summary>Lists the assets the caller sees (a merchant: those attached to it), without their content.</summary>
    /// <param name="scope">Only assets of this scope.</param>
    /// <param name="scopeId">Only assets of this scope id (its prefix names the scope).</param>
    /// <param name="limit">Page size; the server's default when null.</param>
    /// <param name="cursor">The previous page's cursor.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<ItemList<Asset>> ListAsync(string? scope = null, string? scopeId = null, int? limit = null, string? cursor = null, CancellationToken ct = default) =>
        transport.SendAsync<ItemList<Asset>>(
            HttpMethod.Get,
            "/api/v1/assets" + NativeTransport.Query(("scope", scope), ("scope_id", scopeId), ("limit", NativeTransport.Number(limit)), ("cursor", cursor)),
            null,
            ct);

    /// <summary>Changes an asset's name, description or content; with <paramref name="ifMatchVersion"/>, only if it is still at that version.</summary>
    /// <param name="id">The asset's public id.</param>
    /// <param name="name">New name; unchanged when null.</param>
    /// <param name="description">New description (empty clears it); unchanged when null.</param>
    /// <param name="content">New content; unchanged when null.</param>
    /// <param name="ifMatchVersion">Sent as <c>If-Match</c>.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<Asset> UpdateAsync(string id, string? name = null, string? description = null, string? content = null, int? ifMatchVersion = null, CancellationToken ct = default) =>
        transport.SendAsync<Asset>(HttpMethod.Patch, Path(id), new { name, description, content }, ct, ifMatchVersion);

    /// <summary>Deletes an asset; refused (409) while it is attached to a merchant.</summary>
    /// <param name="id">The asset's public id.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task DeleteAsync(string id, CancellationToken ct = default) =>
        transport.SendAsync(HttpMethod.Delete, Path(id), ct);

    /// <summary>Enables an asset: attached merchants may read it.</summary>
    /// <param name="id">The asset's public id.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<Asset> EnableAsync(string id, CancellationToken ct = default) =>
        transport.SendAsync<Asset>(HttpMethod.Post, Path(id) + "/enable", null, ct);

    /// <summary>Disables an asset: no merchant reads it until it is enabled again.</summary>
    /// <param name="id">The asset's public id.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<Asset> DisableAsync(string id, CancellationToken ct = default) =>
        transport.SendAsync<Asset>(HttpMethod.Post, Path(id) + "/disable", null, ct);

    /// <summary>Attaches an asset to a merchant (a platform merchant, or one of the asset's account).</summary>
    /// <param name="id">The asset's public id.</param>
    /// <param name="merchantId">The merchant's public id, <c>merchant-…</c>.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<Asset> AttachAsync(string id, string merchantId, CancellationToken ct = default) =>
        transport.SendAsync<Asset>(HttpMethod.Put, Path(id) + "/merchants/" + NativeTransport.Segment(merchantId), null, ct);

    /// <summary>Detaches an asset from a merchant.</summary>
    /// <param name="id">The asset's public id.</param>
    /// <param name="merchantId">The merchant's public id.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task DetachAsync(string id, string merchantId, CancellationToken ct = default) =>
        transport.SendAsync(HttpMethod.Delete, Path(id) + "/merchants/" + NativeTransport.Segment(merchantId), ct);

    /// <summary>
    /// Reads an asset's content: as an attached merchant, that of an enabled asset, secret or not (each
    /// read is recorded as an <c>asset.revealed</c> event); as anyone else, only content that is not secret.
    /// </summary>
    /// <param name="id">The asset's public id.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<AssetContent> GetContentAsync(string id, CancellationToken ct = default) =>
        transport.SendAsync<AssetContent>(HttpMethod.Get, Path(id) + "/content", null, ct);

    private static string Path(string id) => "/api/v1/assets/" + NativeTransport.Segment(id);

    /// <summary>The file as a part, copied so that sending (and disposing) the form leaves the caller's stream open.</summary>
    private static async Task<ByteArrayContent> FilePartAsync(Stream file, CancellationToken ct)
    {
        using var copy = new MemoryStream();
        await file.CopyToAsync(copy, ct);
        var part = new ByteArrayContent(copy.ToArray());
        part.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
        return part;
    }
}
