using Microsoft.AspNetCore.Http.HttpResults;
using Steward.Core.Catalog;
using Steward.Core.Identity;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Server.Api.Wire;
using Steward.Server.Auth;
using Steward.Server.Hosting;

namespace Steward.Server.Api;

/// <summary>
/// Users' subscriptions to plans. The subscriber is the user: a user has at most one subscription, and
/// every action is a POST under <c>/users/{id}/subscriptions/</c> that answers the subscription as it
/// stands afterwards (making it first, for a user that has none).
/// </summary>
public static class SubscriptionsApi
{
    public static RouteGroupBuilder MapSubscriptionsApi(this RouteGroupBuilder api)
    {
        var user = api.MapGroup("/users/{userId}/subscriptions").WithTags("Subscriptions");
        user.MapPost("/", Subscribe).WithName("Subscribe")
            .WithSummary("Subscribe the user to a plan (plan_id: integer id or uid): on the plan's trial days when eligible, else one period from now.")
            .Accepts<SubscribeRequest>("application/json");
        user.MapGet("/", ListForUser).WithName("ListUserSubscriptions").WithSummary("The user's subscription as a list of at most one.");
        Action(user, "free-trial", "StartFreeTrial", "Start a free trial on a free_trial plan (once per user unless allowed again).", typeof(SubscribeRequest), WithBody<SubscribeRequest>(
            (s, p, id, b, ct) => s.StartFreeTrialAsync(p, id, b.PlanId, ct)));
        Action(user, "allow-free-trial", "AllowFreeTrial", "Make the user eligible for a free trial again.", null,
            (s, p, id, _, ct) => s.AllowFreeTrialAsync(p, id, ct));
        Action(user, "complimentary", "GiveComplimentary", "Give an inactive user time for free (duration_quantity, duration_units, feature_level).", typeof(DurationRequest), WithBody<DurationRequest>(
            (s, p, id, b, ct) => s.GiveComplimentaryAsync(p, id, new DurationInput(b.DurationQuantity, b.DurationUnits), b.FeatureLevel, ct)));
        Action(user, "extension", "ExtendSubscription", "Add time to an active subscription's period (duration_quantity, duration_units).", typeof(DurationRequest), WithBody<DurationRequest>(
            (s, p, id, b, ct) => s.ExtendAsync(p, id, new DurationInput(b.DurationQuantity, b.DurationUnits), ct)));
        Action(user, "lifetime", "GiveLifetime", "Give the user a subscription that never expires, at a feature level.", typeof(LifetimeRequest), WithBody<LifetimeRequest>(
            (s, p, id, b, ct) => s.GiveLifetimeAsync(p, id, b.FeatureLevel, ct)));
        Action(user, "stop-auto-renew", "StopAutoRenew", "Stop auto-renewal: the subscription lapses at the end of its period.", null,
            (s, p, id, _, ct) => s.StopAutoRenewAsync(p, id, ct));
        Action(user, "change-plan", "ChangePlan", "Move an active subscription to another regular plan (plan_id); the period keeps its end.", typeof(SubscribeRequest), WithBody<SubscribeRequest>(
            (s, p, id, b, ct) => s.ChangePlanAsync(p, id, b.PlanId, ct)));
        Action(user, "credits", "AddCredit", "Add store credit (amount; negative to take); the total never goes below zero.", typeof(CreditRequest), WithBody<CreditRequest>(
            (s, p, id, b, ct) => s.AddCreditAsync(p, id, new CreditInput(b.Amount, b.CurrencyCode), ct)));
        Action(user, "renewal", "RenewSubscription", "Record that the due renewal was paid: the next period starts where the last one ended.", null,
            (s, p, id, _, ct) => s.RenewAsync(p, id, ct));

        var group = api.MapGroup("/subscriptions").WithTags("Subscriptions");
        group.MapGet("/", List).WithName("ListSubscriptions").WithSummary("List the subscriptions the caller can see.");
        group.MapGet("/{id}", Get).WithName("GetSubscription").WithSummary("Read a subscription as of now.");
        group.MapPatch("/{id}", Update).WithName("UpdateSubscription").WithSummary("Turn auto-renewal off or back on (recurring); honours If-Match.")
            .Accepts<SubscriptionPatchRequest>("application/json");
        return group;
    }

    private delegate Task<Result<SubscriptionView>> ActionCall(SubscriptionService subscriptions, Core.Access.Principal p, Guid userId, HttpContext http, CancellationToken ct);

    private static void Action(RouteGroupBuilder user, string path, string name, string summary, Type? body, ActionCall call)
    {
        var route = user.MapPost("/" + path, async Task<Results<Ok<SubscriptionResource>, ProblemHttpResult>> (HttpContext http, SubscriptionService subscriptions, Id<User> userId) =>
                Http.Tagged(http, await call(subscriptions, http.GetPrincipal(), userId.Value, http, http.RequestAborted), SubscriptionResource.From, v => v.Subscription.Version))
            .WithName(name).WithSummary(summary);
        if (body is not null)
        {
            route.Accepts(body, "application/json");
        }
    }

    /// <summary>An action whose body is read first; a bad body is answered before the core is called.</summary>
    private static ActionCall WithBody<TBody>(Func<SubscriptionService, Core.Access.Principal, Guid, TBody, CancellationToken, Task<Result<SubscriptionView>>> call)
        where TBody : class =>
        async (subscriptions, p, userId, http, ct) =>
        {
            var body = await JsonBody.ReadAsync<TBody>(http.Request, StewardJson.Options);
            return body.IsSuccess ? await call(subscriptions, p, userId, body.Value, ct) : body.Error!;
        };

    private static async Task<Results<Created<SubscriptionResource>, ProblemHttpResult>> Subscribe(HttpContext http, SubscriptionService subscriptions, Id<User> userId)
    {
        var body = await JsonBody.ReadAsync<SubscribeRequest>(http.Request, StewardJson.Options);
        if (body.Error is { } error)
        {
            return Problems.From(error);
        }

        var result = await subscriptions.SubscribeAsync(http.GetPrincipal(), userId.Value, new SubscribeInput(body.Value.PlanId, body.Value.Recurring), http.RequestAborted);
        return Http.Created(http, result, SubscriptionResource.From, s => "/api/v1/subscriptions/" + s.Id, v => v.Subscription.Version);
    }

    private static async Task<Results<Ok<ItemList<SubscriptionResource>>, ProblemHttpResult>> ListForUser(HttpContext http, SubscriptionService subscriptions, Id<User> userId)
    {
        var result = await subscriptions.ListForUserAsync(http.GetPrincipal(), userId.Value, http.RequestAborted);
        return Http.Ok(result, list => new ItemList<SubscriptionResource>([.. list.Select(SubscriptionResource.From)], null));
    }

    private static async Task<Results<Ok<ItemList<SubscriptionResource>>, ProblemHttpResult>> List(HttpContext http, SubscriptionService subscriptions, int? limit, string? cursor) =>
        Http.Page(await subscriptions.ListAsync(http.GetPrincipal(), limit, cursor, http.RequestAborted), SubscriptionResource.From);

    private static async Task<Results<Ok<SubscriptionResource>, ProblemHttpResult>> Get(HttpContext http, SubscriptionService subscriptions, Id<Subscription> id)
    {
        return Http.Tagged(http, await subscriptions.GetAsync(http.GetPrincipal(), id.Value, http.RequestAborted), SubscriptionResource.From, v => v.Subscription.Version);
    }

    private static async Task<Results<Ok<SubscriptionResource>, ProblemHttpResult>> Update(HttpContext http, SubscriptionService subscriptions, Id<Subscription> id)
    {
        var version = Http.IfMatch(http.Request);
        var body = await JsonBody.ReadAsync<SubscriptionPatchRequest>(http.Request, StewardJson.Options);
        if ((version.Error ?? body.Error) is { } error)
        {
            return Problems.From(error);
        }

        var result = await subscriptions.UpdateAsync(http.GetPrincipal(), id.Value, new SubscriptionPatch(body.Value.Recurring), version.Value, http.RequestAborted);
        return Http.Tagged(http, result, SubscriptionResource.From, v => v.Subscription.Version);
    }
}
