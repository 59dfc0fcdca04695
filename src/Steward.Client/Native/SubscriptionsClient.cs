namespace Steward.Client;

/// <summary>
/// Users' subscriptions: actions under <c>/api/v1/users/{id}/subscriptions</c>, reads under
/// <c>/api/v1/subscriptions</c>. Reach it as <see cref="StewardClient.Subscriptions"/>. A refused action
/// throws <see cref="StewardApiException"/> with <see cref="Problem.Reason"/> saying why.
/// </summary>
public sealed class SubscriptionsClient
{
    private readonly NativeTransport transport;

    internal SubscriptionsClient(NativeTransport transport) => this.transport = transport;

    /// <summary>Subscribes a user to a plan: on its trial days when eligible, else one period from now.</summary>
    /// <param name="userId">The user's public id.</param>
    /// <param name="planId">The plan's integer id (as text) or uid.</param>
    /// <param name="recurring">Renew automatically (default true).</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<Subscription> SubscribeAsync(string userId, string planId, bool? recurring = null, CancellationToken ct = default) =>
        transport.SendAsync<Subscription>(HttpMethod.Post, Base(userId), new { plan_id = planId, recurring }, ct);

    /// <summary>The user's subscription, as a list of at most one.</summary>
    /// <param name="userId">The user's public id.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<ItemList<Subscription>> ListForUserAsync(string userId, CancellationToken ct = default) =>
        transport.SendAsync<ItemList<Subscription>>(HttpMethod.Get, Base(userId), null, ct);

    /// <summary>Reads a subscription.</summary>
    /// <param name="id">Its public id, <c>sub-…</c>.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<Subscription> GetAsync(string id, CancellationToken ct = default) =>
        transport.SendAsync<Subscription>(HttpMethod.Get, "/api/v1/subscriptions/" + NativeTransport.Segment(id), null, ct);

    /// <summary>Lists the subscriptions the caller can see.</summary>
    /// <param name="limit">Page size; the server's default when null.</param>
    /// <param name="cursor">The previous page's <see cref="ItemList{T}.NextCursor"/>; null for the first page.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<ItemList<Subscription>> ListAsync(int? limit = null, string? cursor = null, CancellationToken ct = default) =>
        transport.SendAsync<ItemList<Subscription>>(HttpMethod.Get, "/api/v1/subscriptions" + NativeTransport.Query(("limit", NativeTransport.Number(limit)), ("cursor", cursor)), null, ct);

    /// <summary>Turns auto-renewal off or back on.</summary>
    /// <param name="id">The subscription's public id.</param>
    /// <param name="recurring">Whether it renews automatically.</param>
    /// <param name="ifMatchVersion">Sent as <c>If-Match</c>.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<Subscription> UpdateAsync(string id, bool recurring, int? ifMatchVersion = null, CancellationToken ct = default) =>
        transport.SendAsync<Subscription>(HttpMethod.Patch, "/api/v1/subscriptions/" + NativeTransport.Segment(id), new { recurring }, ct, ifMatchVersion);

    /// <summary>Starts a free trial on a free-trial plan.</summary>
    /// <param name="userId">The user's public id.</param>
    /// <param name="planId">The plan's integer id or uid.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<Subscription> StartFreeTrialAsync(string userId, string planId, CancellationToken ct = default) =>
        Act(userId, "free-trial", new { plan_id = planId }, ct);

    /// <summary>Makes the user eligible for a free trial again.</summary>
    /// <param name="userId">The user's public id.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<Subscription> AllowFreeTrialAsync(string userId, CancellationToken ct = default) => Act(userId, "allow-free-trial", null, ct);

    /// <summary>Gives an inactive user time for free.</summary>
    /// <param name="userId">The user's public id.</param>
    /// <param name="durationQuantity">How many <paramref name="durationUnits"/>.</param>
    /// <param name="durationUnits"><c>days</c> or <c>months</c>.</param>
    /// <param name="featureLevel">The feature level; the last one when null.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<Subscription> GiveComplimentaryAsync(string userId, int durationQuantity, string durationUnits, string? featureLevel = null, CancellationToken ct = default) =>
        Act(userId, "complimentary", new { duration_quantity = durationQuantity, duration_units = durationUnits, feature_level = featureLevel }, ct);

    /// <summary>Adds time to an active subscription's period.</summary>
    /// <param name="userId">The user's public id.</param>
    /// <param name="durationQuantity">How many <paramref name="durationUnits"/>.</param>
    /// <param name="durationUnits"><c>days</c> or <c>months</c>.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<Subscription> ExtendAsync(string userId, int durationQuantity, string durationUnits, CancellationToken ct = default) =>
        Act(userId, "extension", new { duration_quantity = durationQuantity, duration_units = durationUnits }, ct);

    /// <summary>Gives the user a subscription that never expires.</summary>
    /// <param name="userId">The user's public id.</param>
    /// <param name="featureLevel">The feature level (required).</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<Subscription> GiveLifetimeAsync(string userId, string featureLevel, CancellationToken ct = default) =>
        Act(userId, "lifetime", new { feature_level = featureLevel }, ct);

    /// <summary>Stops auto-renewal.</summary>
    /// <param name="userId">The user's public id.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<Subscription> StopAutoRenewAsync(string userId, CancellationToken ct = default) => Act(userId, "stop-auto-renew", null, ct);

    /// <summary>Moves an active subscription to another regular plan.</summary>
    /// <param name="userId">The user's public id.</param>
    /// <param name="planId">The plan's integer id or uid.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<Subscription> ChangePlanAsync(string userId, string planId, CancellationToken ct = default) =>
        Act(userId, "change-plan", new { plan_id = planId }, ct);

    /// <summary>Adds store credit (negative to take); the total never goes below zero.</summary>
    /// <param name="userId">The user's public id.</param>
    /// <param name="amount">The amount.</param>
    /// <param name="currencyCode">Its currency; the credit's (else the plan's, else USD) when null.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<Subscription> AddCreditAsync(string userId, decimal amount, string? currencyCode = null, CancellationToken ct = default) =>
        Act(userId, "credits", new { amount, currency_code = currencyCode }, ct);

    /// <summary>Records that the due renewal was paid: the next period starts where the last one ended.</summary>
    /// <param name="userId">The user's public id.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<Subscription> RenewAsync(string userId, CancellationToken ct = default) => Act(userId, "renewal", null, ct);

    private static string Base(string userId) => "/api/v1/users/" + NativeTransport.Segment(userId) + "/subscriptions";

    private Task<Subscription> Act(string userId, string action, object? body, CancellationToken ct) =>
        transport.SendAsync<Subscription>(HttpMethod.Post, Base(userId) + "/" + action, body, ct);
}
