namespace Steward.Client;

/// <summary>Users, <c>/api/v1/users</c>. Reach it as <see cref="StewardClient.Users"/>.</summary>
public sealed class UsersClient
{
    private readonly NativeTransport transport;

    internal UsersClient(NativeTransport transport) => this.transport = transport;

    /// <summary>
    /// Creates a user in the caller's account (or in <see cref="UserFields.OrganisationId"/>); the answer carries
    /// its API key and secret, shown once.
    /// </summary>
    /// <param name="user">The new user's fields; null fields are left out.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<CreatedUser> CreateAsync(UserFields user, CancellationToken ct = default) =>
        transport.SendAsync<CreatedUser>(HttpMethod.Post, "/api/v1/users", user, ct);

    /// <summary>Reads a user.</summary>
    /// <param name="id">The user's public id, <c>user-…</c>.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<User> GetAsync(string id, CancellationToken ct = default) =>
        transport.SendAsync<User>(HttpMethod.Get, "/api/v1/users/" + NativeTransport.Segment(id), null, ct);

    /// <summary>Lists users, optionally of one organisation.</summary>
    /// <param name="organisationId">Only users of this organisation; all the caller can see when null.</param>
    /// <param name="limit">Page size; the server's default when null.</param>
    /// <param name="cursor">The previous page's <see cref="ItemList{T}.NextCursor"/>; null for the first page.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<ItemList<User>> ListAsync(string? organisationId = null, int? limit = null, string? cursor = null, CancellationToken ct = default) =>
        transport.SendAsync<ItemList<User>>(HttpMethod.Get, "/api/v1/users" + NativeTransport.Query(("limit", NativeTransport.Number(limit)), ("cursor", cursor), ("organisation_id", organisationId)), null, ct);

    /// <summary>Changes a user; with <paramref name="ifMatchVersion"/>, only if it is still at that version.</summary>
    /// <param name="id">The user's public id.</param>
    /// <param name="changes">The fields to change; null fields are left as they are.</param>
    /// <param name="ifMatchVersion">Sent as <c>If-Match</c>; a stale version fails with 412 <c>version-conflict</c>.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<User> UpdateAsync(string id, UserFields changes, int? ifMatchVersion = null, CancellationToken ct = default) =>
        transport.SendAsync<User>(HttpMethod.Patch, "/api/v1/users/" + NativeTransport.Segment(id), changes, ct, ifMatchVersion);

    /// <summary>Deletes a user with its devices and credentials.</summary>
    /// <param name="id">The user's public id.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task DeleteAsync(string id, CancellationToken ct = default) =>
        transport.SendAsync(HttpMethod.Delete, "/api/v1/users/" + NativeTransport.Segment(id), ct);
}
