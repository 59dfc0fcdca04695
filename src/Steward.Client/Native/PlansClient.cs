namespace Steward.Client;

/// <summary>Plans of the caller's account, <c>/api/v1/plans</c>. Reach it as <see cref="StewardClient.Plans"/>.</summary>
public sealed class PlansClient
{
    private readonly NativeTransport transport;

    internal PlansClient(NativeTransport transport) => this.transport = transport;

    /// <summary>Creates a plan.</summary>
    /// <param name="plan">The plan's fields; null fields take their defaults.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<Plan> CreateAsync(PlanFields plan, CancellationToken ct = default) =>
        transport.SendAsync<Plan>(HttpMethod.Post, "/api/v1/plans", plan, ct);

    /// <summary>Reads a plan by its integer id or its uid.</summary>
    /// <param name="key">The plan's integer id (as text) or uid.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<Plan> GetAsync(string key, CancellationToken ct = default) =>
        transport.SendAsync<Plan>(HttpMethod.Get, "/api/v1/plans/" + NativeTransport.Segment(key), null, ct);

    /// <summary>Lists plans by position.</summary>
    /// <param name="tag">Only plans with this tag.</param>
    /// <param name="enabled">Only enabled (true) or disabled (false) plans.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<ItemList<Plan>> ListAsync(string? tag = null, bool? enabled = null, CancellationToken ct = default) =>
        transport.SendAsync<ItemList<Plan>>(HttpMethod.Get, "/api/v1/plans" + NativeTransport.Query(("tag", tag), ("enabled", enabled is null ? null : enabled.Value ? "true" : "false")), null, ct);

    /// <summary>Changes a plan; a change of its terms makes a new version. With <paramref name="ifMatchVersion"/>, only if it is still at that version.</summary>
    /// <param name="key">The plan's integer id or uid.</param>
    /// <param name="changes">The fields to change; null fields are left as they are.</param>
    /// <param name="ifMatchVersion">Sent as <c>If-Match</c>; a stale version fails with 412 <c>version-conflict</c>.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<Plan> UpdateAsync(string key, PlanFields changes, int? ifMatchVersion = null, CancellationToken ct = default) =>
        transport.SendAsync<Plan>(HttpMethod.Patch, "/api/v1/plans/" + NativeTransport.Segment(key), changes, ct, ifMatchVersion);

    /// <summary>Deletes a plan nobody subscribed to (one with subscriptions answers 409 <c>plan_in_use</c>: disable it instead).</summary>
    /// <param name="key">The plan's integer id or uid.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task DeleteAsync(string key, CancellationToken ct = default) =>
        transport.SendAsync(HttpMethod.Delete, "/api/v1/plans/" + NativeTransport.Segment(key), ct);
}
