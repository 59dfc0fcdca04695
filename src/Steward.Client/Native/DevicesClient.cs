namespace Steward.Client;

/// <summary>Users' devices, <c>/api/v1/users/{id}/devices</c>. Reach it as <see cref="StewardClient.Devices"/>.</summary>
public sealed class DevicesClient
{
    private readonly NativeTransport transport;

    internal DevicesClient(NativeTransport transport) => this.transport = transport;

    /// <summary>Registers a device for a user.</summary>
    /// <param name="userId">The user's public id.</param>
    /// <param name="nativeId">The device's own id.</param>
    /// <param name="family">Device family.</param>
    /// <param name="name">Device name.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<Device> CreateAsync(string userId, string? nativeId, string? family, string? name, CancellationToken ct = default) =>
        transport.SendAsync<Device>(HttpMethod.Post, $"/api/v1/users/{NativeTransport.Segment(userId)}/devices", new { native_id = nativeId, family, name }, ct);

    /// <summary>Lists a user's devices.</summary>
    /// <param name="userId">The user's public id.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<ItemList<Device>> ListAsync(string userId, CancellationToken ct = default) =>
        transport.SendAsync<ItemList<Device>>(HttpMethod.Get, $"/api/v1/users/{NativeTransport.Segment(userId)}/devices", null, ct);
}
