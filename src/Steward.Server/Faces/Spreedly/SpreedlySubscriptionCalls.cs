using Steward.Core.Access;
using Steward.Core.Catalog;
using Steward.Core.Results;
using Steward.Server.Auth;

namespace Steward.Server.Faces.Spreedly;

/// <summary>
/// The calls under <c>subscribers/{id}/</c>: each finds the subscriber (404 with the contract's text),
/// reads its body, makes one core call on the subscriber's user and answers as the contract says. The
/// rules (free trial once, complimentary time for inactive subscribers only, extensions for active ones,
/// fees for active recurring ones, store credit never below zero) are the core's.
/// </summary>
internal static class SpreedlySubscriptionCalls
{
    private static readonly Dictionary<string, string> ExtensionTexts = new(StringComparer.Ordinal)
    {
        // sic: the service said "Complimentary subscriptions" for time extensions too.
        [CatalogReasons.SubscriberInactive] = "Complimentary subscriptions cannot be given to inactive subscribers.",
    };

    /// <summary>200 with the subscriber on its free trial; 422 without a plan id, 404 for an unknown plan, 403 when not allowed.</summary>
    public static Task<IResult> SubscribeToFreeTrial(HttpContext http, SubscriberService subscribers, SubscriptionService subscriptions, string customerId) =>
        WithPlanAsync(http, subscribers, customerId, StatusCodes.Status200OK,
            (caller, user, plan, ct) => subscriptions.StartFreeTrialAsync(caller, user, plan, ct));

    /// <summary>200; the plan must be regular and enabled, the subscription active.</summary>
    public static Task<IResult> ChangePlan(HttpContext http, SubscriberService subscribers, SubscriptionService subscriptions, string customerId) =>
        WithPlanAsync(http, subscribers, customerId, null,
            (caller, user, plan, ct) => subscriptions.ChangePlanAsync(caller, user, plan, ct));

    /// <summary>200 with the subscriber, eligible again; the body may be empty.</summary>
    public static Task<IResult> AllowFreeTrial(HttpContext http, SubscriberService subscribers, SubscriptionService subscriptions, string customerId) =>
        ActAsync(http, subscribers, customerId, new SpreedlyCall(customerId), StatusCodes.Status200OK,
            (caller, user, _, ct) => subscriptions.AllowFreeTrialAsync(caller, user, ct));

    /// <summary>200 with no body: the subscription lapses at the end of its period. The body may be empty.</summary>
    public static Task<IResult> StopAutoRenew(HttpContext http, SubscriberService subscribers, SubscriptionService subscriptions, string customerId) =>
        ActAsync(http, subscribers, customerId, new SpreedlyCall(customerId), null,
            (caller, user, _, ct) => subscriptions.StopAutoRenewAsync(caller, user, ct));

    /// <summary>201 with the subscriber; 403 for an active subscriber; 422 in plain text, one error a line.</summary>
    public static Task<IResult> Complimentary(HttpContext http, SubscriberService subscribers, SubscriptionService subscriptions, string customerId) =>
        ActAsync(http, subscribers, customerId, new SpreedlyCall(customerId, PlainValidation: true), StatusCodes.Status201Created,
            async (caller, user, doc, ct) =>
            {
                var duration = SpreedlyWire.Duration(doc);
                return duration.IsSuccess
                    ? await subscriptions.GiveComplimentaryAsync(caller, user, duration.Value, doc["feature_level"], ct)
                    : duration.Error!;
            });

    /// <summary>201 with the subscriber; 403 for an inactive subscriber; 422 in plain text.</summary>
    public static Task<IResult> TimeExtension(HttpContext http, SubscriberService subscribers, SubscriptionService subscriptions, string customerId) =>
        ActAsync(http, subscribers, customerId, new SpreedlyCall(customerId, PlainValidation: true, Texts: ExtensionTexts), StatusCodes.Status201Created,
            async (caller, user, doc, ct) =>
            {
                var duration = SpreedlyWire.Duration(doc);
                return duration.IsSuccess ? await subscriptions.ExtendAsync(caller, user, duration.Value, ct) : duration.Error!;
            });

    /// <summary>201 with the subscriber; a blank feature level is 422 <c>Feature level can't be blank</c>.</summary>
    public static Task<IResult> Lifetime(HttpContext http, SubscriberService subscribers, SubscriptionService subscriptions, string customerId) =>
        ActAsync(http, subscribers, customerId, new SpreedlyCall(customerId), StatusCodes.Status201Created,
            (caller, user, doc, ct) => subscriptions.GiveLifetimeAsync(caller, user, doc["feature_level"], ct));

    /// <summary>201 with no body; a subscriber that is not active or not recurring is 422.</summary>
    public static Task<IResult> Fee(HttpContext http, SubscriberService subscribers, SubscriptionService subscriptions, string customerId) =>
        ActAsync(http, subscribers, customerId, new SpreedlyCall(customerId, RefusalStatus: StatusCodes.Status422UnprocessableEntity), null,
            async (caller, user, doc, ct) =>
            {
                var fee = SpreedlyWire.Fee(doc);
                return fee.IsSuccess ? await subscriptions.AddFeeAsync(caller, user, fee.Value, ct) : fee.Error!;
            }, StatusCodes.Status201Created);

    /// <summary>201 with no body; credit that would leave the total below zero is 422.</summary>
    public static Task<IResult> Credit(HttpContext http, SubscriberService subscribers, SubscriptionService subscriptions, string customerId) =>
        ActAsync(http, subscribers, customerId, new SpreedlyCall(customerId, RefusalStatus: StatusCodes.Status422UnprocessableEntity), null,
            async (caller, user, doc, ct) =>
            {
                var credit = SpreedlyWire.Credit(doc);
                return credit.IsSuccess ? await subscriptions.AddCreditAsync(caller, user, credit.Value, ct) : credit.Error!;
            }, StatusCodes.Status201Created);

    private delegate Task<Result<SubscriptionView>> SubscriberAction(Principal caller, Guid user, SpreedlyDocument body, CancellationToken ct);

    private delegate Task<Result<SubscriptionView>> PlanAction(Principal caller, Guid user, string plan, CancellationToken ct);

    /// <summary>A call whose body is <c>&lt;subscription_plan&gt;&lt;id&gt;…&lt;/id&gt;&lt;/subscription_plan&gt;</c>.</summary>
    private static Task<IResult> WithPlanAsync(HttpContext http, SubscriberService subscribers, string customerId, int? answer, PlanAction act)
    {
        string? planId = null;
        return ActAsync(http, subscribers, customerId, new SpreedlyCall(customerId), answer, async (caller, user, doc, ct) =>
        {
            planId = SpreedlyWire.PlanId(doc);
            if (planId is null)
            {
                return Error.Invalid("id", FieldRule.Invalid, "You must specify the subscription plan id");
            }

            // An id that is no integer names no plan here (the core would also take a plan's uid).
            return SpreedlyWire.IsPlanNumber(planId) ? await act(caller, user, planId, ct) : Error.NotFound("Plan");
        }, plainValidation: true, planId: () => planId);
    }

    /// <summary>
    /// Finds the subscriber, reads the body, acts, and answers <paramref name="answer"/> with the subscriber
    /// (read again, as of now), or <paramref name="empty"/> (200 by default) with no body when it is null.
    /// </summary>
    private static async Task<IResult> ActAsync(
        HttpContext http,
        SubscriberService subscribers,
        string customerId,
        SpreedlyCall call,
        int? answer,
        SubscriberAction act,
        int empty = StatusCodes.Status200OK,
        bool plainValidation = false,
        Func<string?>? planId = null)
    {
        var caller = http.GetPrincipal();
        var ct = http.RequestAborted;
        var user = await subscribers.FindUserAsync(caller, caller.AccountId, customerId, ct);
        if (!user.IsSuccess)
        {
            return SpreedlyResults.NoSubscriber(customerId);
        }

        var body = await SpreedlyDocument.ReadAsync(http.Request);
        if (!body.IsSuccess)
        {
            return SpreedlyErrorStyle.Instance.Render(body.Error!);
        }

        var done = await act(caller, user.Value, body.Value, ct);
        if (!done.IsSuccess)
        {
            var context = call with { PlanId = planId?.Invoke(), PlainValidation = call.PlainValidation || plainValidation };
            return SpreedlyResults.Fail(done.Error!, context);
        }

        if (answer is not { } status)
        {
            return SpreedlyResults.Empty(empty);
        }

        var view = await subscribers.GetAsync(caller, caller.AccountId, customerId, withInvoices: false, ct);
        return view.IsSuccess
            ? SpreedlyResults.Xml(status, SpreedlyViews.Subscriber(view.Value, withInvoices: false))
            : SpreedlyResults.Fail(view.Error!, call);
    }
}
