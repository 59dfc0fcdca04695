namespace Steward.Client;

/// <summary>API credentials (keys and secrets), <c>/api/v1/credentials</c>. Reach it as <see cref="StewardClient.Credentials"/>.</summary>
public sealed class CredentialsClient
{
    private readonly NativeTransport transport;

    internal CredentialsClient(NativeTransport transport) => this.transport = transport;

    /// <summary>Creates a credential for an owner (default: the caller); the answer carries its secret, shown once.</summary>
    /// <param name="ownerId">Public id of the account, organisation or user to own it; the caller when null.</param>
    /// <param name="label">Label.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<IssuedCredential> CreateAsync(string? ownerId = null, string? label = null, CancellationToken ct = default) =>
        transport.SendAsync<IssuedCredential>(HttpMethod.Post, "/api/v1/credentials", new { owner_id = ownerId, label }, ct);

    /// <summary>Replaces a credential's secret; tokens issued with the old one stop working.</summary>
    /// <param name="id">The credential's public id, <c>cred-…</c>.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<IssuedCredential> RotateAsync(string id, CancellationToken ct = default) =>
        transport.SendAsync<IssuedCredential>(HttpMethod.Post, $"/api/v1/credentials/{NativeTransport.Segment(id)}/rotate", null, ct);

    /// <summary>Revokes a credential and every token issued with it, at once.</summary>
    /// <param name="id">The credential's public id.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task RevokeAsync(string id, CancellationToken ct = default) =>
        transport.SendAsync(HttpMethod.Delete, "/api/v1/credentials/" + NativeTransport.Segment(id), ct);
}
