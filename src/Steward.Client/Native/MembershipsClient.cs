namespace Steward.Client;

/// <summary>Users' roles in organisations, <c>/api/v1/organisations/{id}/memberships</c>. Reach it as <see cref="StewardClient.Memberships"/>.</summary>
public sealed class MembershipsClient
{
    private readonly NativeTransport transport;

    internal MembershipsClient(NativeTransport transport) => this.transport = transport;

    /// <summary>Gives a user a role (owner, admin, member) in an organisation.</summary>
    /// <param name="organisationId">The organisation's public id.</param>
    /// <param name="userId">The user's public id (a user of the same account).</param>
    /// <param name="role"><c>owner</c>, <c>admin</c> or <c>member</c>.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<Membership> AddAsync(string organisationId, string userId, string role, CancellationToken ct = default) =>
        transport.SendAsync<Membership>(HttpMethod.Post, $"/api/v1/organisations/{NativeTransport.Segment(organisationId)}/memberships", new { user_id = userId, role }, ct);

    /// <summary>Lists an organisation's members and their roles.</summary>
    /// <param name="organisationId">The organisation's public id.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<ItemList<Membership>> ListAsync(string organisationId, CancellationToken ct = default) =>
        transport.SendAsync<ItemList<Membership>>(HttpMethod.Get, $"/api/v1/organisations/{NativeTransport.Segment(organisationId)}/memberships", null, ct);
}
