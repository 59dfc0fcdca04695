namespace Steward.Client;

/// <summary>Billing units of an organisation, <c>/api/v1/organisations/{id}/units</c>. Reach it as <see cref="StewardClient.Units"/>.</summary>
public sealed class UnitsClient
{
    private readonly NativeTransport transport;

    internal UnitsClient(NativeTransport transport) => this.transport = transport;

    /// <summary>Creates a unit in an organisation.</summary>
    /// <param name="organisationId">The organisation's public id.</param>
    /// <param name="name">Name, unique in the organisation.</param>
    /// <param name="billingDay">Day of the month (1..28) a billing period starts.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<Unit> CreateAsync(string organisationId, string name, int billingDay = 1, CancellationToken ct = default) =>
        transport.SendAsync<Unit>(HttpMethod.Post, $"/api/v1/organisations/{NativeTransport.Segment(organisationId)}/units", new { name, billing_day = billingDay }, ct);

    /// <summary>Lists an organisation's units.</summary>
    /// <param name="organisationId">The organisation's public id.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<ItemList<Unit>> ListAsync(string organisationId, CancellationToken ct = default) =>
        transport.SendAsync<ItemList<Unit>>(HttpMethod.Get, $"/api/v1/organisations/{NativeTransport.Segment(organisationId)}/units", null, ct);
}
