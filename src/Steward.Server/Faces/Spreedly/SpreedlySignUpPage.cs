using System.Security.Cryptography;
using System.Text;
using Steward.Core.Catalog;
using Steward.Core.Results;
using Steward.Core.Tenancy;
using Steward.Server.AdminConsole;
using Steward.Server.Auth;
using Steward.Server.Hosting;

namespace Steward.Server.Faces.Spreedly;

/// <summary>
/// The sign-up page a site sends its subscribers to (Spreedly's hosted page), rendered on the server:
/// <c>/{site}/subscribers/{customer_id}/subscribe/{plan_id}/{screen_name}</c> and the token form
/// <c>/{site}/subscribers/{customer_id}/{token}/subscribe/{plan_id}</c> (also under <c>/api/v4/</c>, where
/// older clients built it). It shows the plan and a form; posting the form (with its anti-forgery token)
/// signs the subscriber up (<see cref="SubscriberService.SignUpAsync"/>: a free plan or a trial at once, a
/// paid plan as an invoice pending payment) and redirects to the plan's return URL. No credentials: the
/// link is the permission, as it was on Spreedly.
/// </summary>
internal static class SpreedlySignUpPage
{
    private const string Plain = "subscribers/{customerId}/subscribe/{planId}/{screenName}";
    private const string WithToken = "subscribers/{customerId}/{token}/subscribe/{planId}";

    private const string Css =
        "body{font-family:system-ui,sans-serif;background:#f5f6f8;color:#1d2330;margin:0}" +
        "main{max-width:34rem;margin:3rem auto;background:#fff;border-radius:8px;padding:2rem;box-shadow:0 1px 4px #0002}" +
        "h1{margin:0 0 .25rem}.site{color:#5a6270;margin:0 0 1.5rem}dl{display:grid;grid-template-columns:9rem 1fr;gap:.5rem}" +
        "dt{color:#5a6270}dd{margin:0}button{margin-top:1.5rem;font-size:1rem;padding:.6rem 1.4rem;border:0;border-radius:6px;" +
        "background:#2456d6;color:#fff;cursor:pointer}.note{color:#5a6270;font-size:.9rem}.error{color:#b3261e}";

    /// <summary>The page's only style is the one above, allowed by its hash; no script, nothing from elsewhere.</summary>
    private static readonly string Policy =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Css)))}'; "
        + "frame-ancestors 'none'; base-uri 'none'";

    /// <summary>
    /// Maps the page's four routes (plain and token form, GET and POST) on a group whose route has <c>{site}</c>:
    /// the site's root (<paramref name="underSubscribers"/> false) or <c>/{site}/subscribers</c> (true).
    /// </summary>
    public static void Map(RouteGroupBuilder group, bool underSubscribers)
    {
        foreach (var full in new[] { Plain, WithToken })
        {
            var pattern = underSubscribers ? full["subscribers/".Length..] : full;
            group.MapGet(pattern, Show).WithMetadata(SpreedlyPageStyle.Instance).ExcludeFromDescription().AddEndpointFilter(Headers);
            group.MapPost(pattern, Submit).WithMetadata(SpreedlyPageStyle.Instance).ExcludeFromDescription().AddEndpointFilter(Headers)
                .LimitSignInRate();
        }
    }

    private static async Task<IResult> Show(
        HttpContext http, AccountService accounts, SubscriberService subscribers,
        string site, string customerId, string planId, string? screenName, string? token)
    {
        var forgery = SpreedlySignUpForgery.Of(http.RequestServices);
        var account = await accounts.FindBySlugAsync(site, http.RequestAborted);
        if (account is null)
        {
            return SpreedlyPageStyle.Instance.Render(Error.NotFound("Site"));
        }

        var page = await subscribers.SignUpPageAsync(account.Id, customerId, screenName, token, planId, http.RequestAborted);
        if (!page.IsSuccess)
        {
            return SpreedlyPageStyle.Instance.Render(page.Error!);
        }

        var tokens = forgery.Antiforgery.GetAndStoreTokens(http);
        return SpreedlyPageStyle.Page(StatusCodes.Status200OK, $"{page.Value.Plan.Name} — {account.Name}", Body(account, page.Value, tokens.RequestToken ?? "", null));
    }

    private static async Task<IResult> Submit(
        HttpContext http, AccountService accounts, SubscriberService subscribers,
        string site, string customerId, string planId, string? screenName, string? token)
    {
        var forgery = SpreedlySignUpForgery.Of(http.RequestServices);
        if (!await forgery.Antiforgery.IsRequestValidAsync(http))
        {
            return SpreedlyPageStyle.Instance.Render(Error.Invalid(SpreedlySignUpForgery.FieldName,
                "This form was not sent from its sign-up page, or the page is too old: go back, reload it and try again."));
        }

        var account = await accounts.FindBySlugAsync(site, http.RequestAborted);
        if (account is null)
        {
            return SpreedlyPageStyle.Instance.Render(Error.NotFound("Site"));
        }

        var done = await subscribers.SignUpAsync(account.Id, customerId, screenName, token, planId, http.RequestAborted);
        if (!done.IsSuccess)
        {
            // Shown on the page again, with the reason, so the subscriber knows what happened.
            var page = await subscribers.SignUpPageAsync(account.Id, customerId, screenName, token, planId, http.RequestAborted);
            if (!page.IsSuccess)
            {
                return SpreedlyPageStyle.Instance.Render(page.Error!);
            }

            var tokens = forgery.Antiforgery.GetAndStoreTokens(http);
            var status = done.Error!.Code == ErrorCode.Validation ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status409Conflict;
            return SpreedlyPageStyle.Page(status, $"{page.Value.Plan.Name} — {account.Name}",
                Body(account, page.Value, tokens.RequestToken ?? "", Refusal(done.Error!)));
        }

        var plan = await subscribers.SignUpPageAsync(account.Id, customerId, screenName, token, planId, http.RequestAborted);
        var returnUrl = plan.IsSuccess ? plan.Value.Plan.ReturnUrl : null;
        if (returnUrl is not null)
        {
            http.Response.Headers.Location = returnUrl;
            return Results.StatusCode(StatusCodes.Status303SeeOther);
        }

        var pending = done.Value.PendingInvoice;
        return SpreedlyPageStyle.Page(StatusCodes.Status200OK, "Thank you", Html.Of($"""
            <h1>Thank you</h1>
            <p id="outcome">{(pending is null
                ? "Your subscription has started."
                : $"Your subscription starts once the site has your payment of {SubscriptionService.PriceText(pending.Amount, pending.CurrencyCode)}.")}</p>
            """));
    }

    private static Html Body(Account account, SignUpPage page, string requestToken, string? refusal)
    {
        var terms = page.Terms.Terms;
        var period = PlanTerms.Words(terms.DurationQuantity, terms.DurationUnits);
        var trial = terms.PlanType == PlanType.FreeTrial;
        var price = trial || terms.Price == 0 ? "Free" : $"{SubscriptionService.PriceText(terms.Price, terms.CurrencyCode)} every {period}";
        var who = page.Subscriber?.Subscriber.ScreenName ?? page.ScreenName ?? "";
        var active = page.Subscriber?.Subscription?.Subscription.IsActive == true;
        var action = trial ? "Start free trial" : "Subscribe";
        var note = trial || terms.Price == 0 || terms.TrialDays > 0
            ? "Your subscription starts at once."
            : "Steward takes no card payments: your subscription is recorded as pending payment, and starts once the site has your payment.";
        return Html.Of($"""
            <h1 id="plan">{page.Plan.Name}</h1>
            <p class="site">{account.Name}</p>
            {Html.When(page.Plan.Description is not null, Html.Of($"<p>{page.Plan.Description}</p>"))}
            <dl>
              <dt>Price</dt><dd id="price">{price}</dd>
              {Html.When(trial, Html.Of($"<dt>Free trial</dt><dd id=\"trial\">{period}</dd>"))}
              {Html.When(!trial && terms.TrialDays > 0, Html.Of($"<dt>Free trial</dt><dd id=\"trial\">{PlanTerms.Words(terms.TrialDays, DurationUnit.Days)}</dd>"))}
              {Html.When(terms.FeatureLevel is not null, Html.Of($"<dt>Level</dt><dd>{terms.FeatureLevel}</dd>"))}
              <dt>Subscriber</dt><dd id="subscriber">{who}</dd>
            </dl>
            {Html.When(refusal is not null, Html.Of($"<p class=\"error\" id=\"refusal\">{refusal}</p>"))}
            {Html.When(active && refusal is null, Html.Trusted("<p class=\"note\" id=\"active\">You already have an active subscription.</p>"))}
            {Html.When(!page.Plan.Enabled, Html.Trusted("<p class=\"error\" id=\"disabled\">This plan is temporarily unavailable for purchase. Please try again later.</p>"))}
            <form method="post" id="subscribe">
              <input type="hidden" name="{SpreedlySignUpForgery.FieldName}" value="{requestToken}">
              <p class="note">{note}</p>
              <button type="submit">{action}</button>
            </form>
            """);
    }

    /// <summary>A refusal in the subscriber's words (the core's, and the contract's texts where it has them).</summary>
    private static string Refusal(Error error) => error.Reason switch
    {
        CatalogReasons.NotEligibleForFreeTrial => "You have already had a free trial.",
        CatalogReasons.AlreadySubscribed => "You already have an active subscription.",
        CatalogReasons.PlanDisabled => "This plan is temporarily unavailable for purchase. Please try again later.",
        _ => error.Message,
    };

    private static async ValueTask<object?> Headers(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var headers = context.HttpContext.Response.Headers;
        headers.CacheControl = "no-store";
        headers.ContentSecurityPolicy = Policy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        return await next(context);
    }

    /// <summary>The page's style: every refusal is an HTML page with the status, and the reason in words.</summary>
    internal sealed class SpreedlyPageStyle : IErrorStyle
    {
        public static readonly SpreedlyPageStyle Instance = new();

        public IResult Render(Error error)
        {
            var (status, title) = error.Code switch
            {
                ErrorCode.NotFound or ErrorCode.ReferenceMissing => (StatusCodes.Status404NotFound, "This sign-up link is not valid"),
                ErrorCode.Validation => (StatusCodes.Status400BadRequest, "The form could not be sent"),
                ErrorCode.TooManyAttempts => (StatusCodes.Status429TooManyRequests, "Too many attempts"),
                ErrorCode.PayloadTooLarge => (StatusCodes.Status413PayloadTooLarge, "The form is too large"),
                _ => (StatusCodes.Status409Conflict, "The sign-up could not be made"),
            };
            var reason = error.Code == ErrorCode.NotFound
                ? "The site, the subscriber or the plan this link names does not exist. Ask the site for a new link."
                : error.Message;
            return RetryAfter.With(Page(status, title, Html.Of($"<h1>{title}</h1><p class=\"error\" id=\"refusal\">{reason}</p>")), error);
        }

        public static IResult Page(int status, string title, Html body) => Results.Content(Html.Of($"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{title}</title>
            <style>{Html.Trusted(Css)}</style>
            </head>
            <body><main>
            {body}
            </main></body>
            </html>
            """).Value, "text/html; charset=utf-8", Encoding.UTF8, status);
    }
}
