using Steward.Core.Tenancy;
using Steward.Server.Auth;
using Steward.Server.Hosting;

namespace Steward.Server.Faces.Spreedly;

/// <summary>
/// The Spreedly subscriptions face at <c>/api/v4/{site}/</c> (seed 004; the wire contract, call by call,
/// is docs/spreedly.md): XML over HTTP Basic, the site's API token (its account's API secret) as the user
/// name and any password, checked by <see cref="BasicTokenX"/> against the site in the path before a
/// handler runs. A site is an account, named by its slug; a subscriber is a user of it, named by the
/// site's customer id. Handlers translate: they read the XML, call the core and write the XML back.
/// The sign-up page lives beside it, at <c>/{site}/subscribers/…</c> (<see cref="SpreedlySignUpPage"/>).
/// </summary>
public static class SpreedlyApi
{
    public const string Prefix = "/api/v4/{site}";

    public static RouteGroupBuilder MapSpreedlyFace(this IEndpointRouteBuilder app)
    {
        var accounts = app.ServiceProvider.GetRequiredService<AccountService>();
        var site = new BasicTokenX(async (slug, ct) => (await accounts.FindBySlugAsync(slug, ct))?.Id);
        var api = app.MapSurface(Prefix, SpreedlyErrorStyle.Instance)
            .WithTags("Spreedly")
            .AddEndpointFilter(CatchAll);

        // The caller is declared per call, not on the group: the sign-up page below shares the prefix and takes none.
        void Call(string method, string pattern, Delegate handler, string name, string summary) =>
            api.MapMethods(pattern, [method], handler).WithName(name).WithSummary(summary).RequireCaller(site);

        Call(HttpMethods.Get, "subscription_plans.xml", SpreedlySubscriberCalls.ListPlans, "SpreedlyGetPlans",
            "get_plans: the site's subscription plans, <subscription-plans type=\"array\">.");
        Call(HttpMethods.Get, "subscribers.xml", SpreedlySubscriberCalls.List, "SpreedlyListSubscribers",
            "Every subscriber of the site, <subscribers type=\"array\">.");
        Call(HttpMethods.Post, "subscribers.xml", SpreedlySubscriberCalls.Create, "SpreedlyCreateSubscriber",
            "create_subscriber: <subscriber><customer-id>, <screen-name>, <email>…; 201 with Location; 403 when the customer id exists.");
        Call(HttpMethods.Delete, "subscribers.xml", SpreedlySubscriberCalls.DeleteAll, "SpreedlyCleanup",
            "cleanup: deletes every subscriber; test sites only (403 elsewhere).");
        Call(HttpMethods.Get, "subscribers/{customerId}.xml", SpreedlySubscriberCalls.Get, "SpreedlyGetSubscriber",
            "get_info: the subscriber with its invoices; 404 'There is no subscriber with a customer id of …'.");
        Call(HttpMethods.Put, "subscribers/{customerId}.xml", SpreedlySubscriberCalls.Update, "SpreedlySetInfo",
            "set_info: changes screen name, email, billing details and the customer id (<new-customer-id>).");
        Call(HttpMethods.Delete, "subscribers/{customerId}.xml", SpreedlySubscriberCalls.Delete, "SpreedlyDeleteSubscriber",
            "delete_subscriber: test sites only (403 elsewhere).");

        const string Sub = "subscribers/{customerId}/";
        Call(HttpMethods.Post, Sub + "subscribe_to_free_trial.xml", SpreedlySubscriptionCalls.SubscribeToFreeTrial, "SpreedlySubscribe",
            "subscribe: starts a free trial on a free_trial plan, <subscription_plan><id>; once per subscriber unless allowed again.");
        Call(HttpMethods.Post, Sub + "allow_free_trial.xml", SpreedlySubscriptionCalls.AllowFreeTrial, "SpreedlyAllowFreeTrial",
            "allow_free_trial: the subscriber may start a free trial again; empty body.");
        foreach (var method in new[] { HttpMethods.Put, HttpMethods.Post })
        {
            Call(method, Sub + "change_subscription_plan.xml", SpreedlySubscriptionCalls.ChangePlan, "SpreedlyChangePlan" + method,
                "change_plan: moves an active subscription to another regular plan, <subscription_plan><id>.");
        }

        Call(HttpMethods.Post, Sub + "complimentary_subscriptions.xml", SpreedlySubscriptionCalls.Complimentary, "SpreedlyComplimentarySubscription",
            "create_complimentary_subscription: time for an inactive subscriber, <duration-quantity>, <duration-units>, <feature-level>.");
        Call(HttpMethods.Post, Sub + "complimentary_time_extensions.xml", SpreedlySubscriptionCalls.TimeExtension, "SpreedlyTimeExtension",
            "complimentary_time_extensions: adds time to an active subscription, <duration-quantity>, <duration-units>.");
        Call(HttpMethods.Post, Sub + "lifetime_complimentary_subscriptions.xml", SpreedlySubscriptionCalls.Lifetime, "SpreedlyLifetime",
            "A subscription that never ends, <feature-level>.");
        Call(HttpMethods.Post, Sub + "fees.xml", SpreedlySubscriptionCalls.Fee, "SpreedlyAddFee",
            "add_fee: <name>, <description>, <group>, <amount>; active recurring subscribers only (422 otherwise).");
        Call(HttpMethods.Post, Sub + "credits.xml", SpreedlySubscriptionCalls.Credit, "SpreedlyAddCredit",
            "Store credit, <amount> (negative takes it back); the total never goes below zero (422).");
        Call(HttpMethods.Post, Sub + "stop_auto_renew.xml", SpreedlySubscriptionCalls.StopAutoRenew, "SpreedlyStopAutoRenew",
            "Stops auto-renewal: the subscription lapses at the end of its period; empty body.");

        // get_signup_url of older pyspreedly revisions built the page's address under the API base.
        SpreedlySignUpPage.Map(api, underSubscribers: false);
        SpreedlySignUpPage.Map(app.MapSurface("/{site}/subscribers", SpreedlySignUpPage.SpreedlyPageStyle.Instance), underSubscribers: true);
        return api;
    }

    /// <summary>Keeps the face's style when something unexpected fails: 500 (503 when storage is down) in plain text; details go to the log.</summary>
    private static async ValueTask<object?> CatchAll(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SpreedlyApi));
            logger.LogError(ex, "Spreedly call {Method} {Path} failed.", context.HttpContext.Request.Method, context.HttpContext.Request.Path);
            return ex is Core.Writes.WriteFailedException
                ? SpreedlyErrorStyle.Text(StatusCodes.Status503ServiceUnavailable, "The change could not be stored and nothing was written; retry shortly.")
                : SpreedlyErrorStyle.Text(StatusCodes.Status500InternalServerError, "Something went wrong on the server; nothing was changed.");
        }
    }
}
