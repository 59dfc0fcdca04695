namespace Steward.Client;

/// <summary>Accounts (tenants), <c>/api/v1/accounts</c>. Reach it as <see cref="StewardClient.Accounts"/>.</summary>
public sealed class AccountsClient
{
    private readonly NativeTransport transport;

    internal AccountsClient(NativeTransport transport) => this.transport = transport;

    /// <summary>Creates an account (root only); the answer carries its first API key and secret, shown once.</summary>
    /// <param name="name">Display name.</param>
    /// <param name="email">Contact email.</param>
    /// <param name="slug">Unique name in paths; derived from the name when null.</param>
    /// <param name="test">Marks a test account.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<CreatedAccount> CreateAsync(string name, string email, string? slug = null, bool? test = null, CancellationToken ct = default) =>
        transport.SendAsync<CreatedAccount>(HttpMethod.Post, "/api/v1/accounts", new { name, email, slug, test }, ct);

    /// <summary>Changes an account; with <paramref name="ifMatchVersion"/>, only if it is still at that version.</summary>
    /// <param name="id">The account's public id.</param>
    /// <param name="name">New name; unchanged when null.</param>
    /// <param name="email">New email; unchanged when null.</param>
    /// <param name="slug">New slug; unchanged when null.</param>
    /// <param name="test">Marks or unmarks a test account (root only); unchanged when null.</param>
    /// <param name="ifMatchVersion">Sent as <c>If-Match</c>; a stale version fails with 412 <c>version-conflict</c>.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<Account> UpdateAsync(string id, string? name = null, string? email = null, string? slug = null, bool? test = null, int? ifMatchVersion = null, CancellationToken ct = default) =>
        transport.SendAsync<Account>(HttpMethod.Patch, "/api/v1/accounts/" + NativeTransport.Segment(id), new { name, email, slug, test }, ct, ifMatchVersion);

    /// <summary>Reads an account.</summary>
    /// <param name="id">The account's public id, <c>acct-…</c>.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<Account> GetAsync(string id, CancellationToken ct = default) =>
        transport.SendAsync<Account>(HttpMethod.Get, "/api/v1/accounts/" + NativeTransport.Segment(id), null, ct);

    /// <summary>Lists accounts (root: all; an account: itself).</summary>
    /// <param name="limit">Page size; the server's default when null.</param>
    /// <param name="cursor">The previous page's <see cref="ItemList{T}.NextCursor"/>; null for the first page.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<ItemList<Account>> ListAsync(int? limit = null, string? cursor = null, CancellationToken ct = default) =>
        transport.SendAsync<ItemList<Account>>(HttpMethod.Get, "/api/v1/accounts" + NativeTransport.Query(("limit", NativeTransport.Number(limit)), ("cursor", cursor)), null, ct);

    /// <summary>Deletes an account (root only).</summary>
    /// <param name="id">The account's public id.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task DeleteAsync(string id, CancellationToken ct = default) =>
        transport.SendAsync(HttpMethod.Delete, "/api/v1/accounts/" + NativeTransport.Segment(id), ct);
}
