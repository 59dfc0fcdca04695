using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Steward.Client.Spreedly;

/// <summary>
/// The Spreedly subscriptions API v4 as the Python <c>pyspreedly</c> client calls it (seed 004), against
/// Steward's Spreedly face: one method per function of <c>pyspreedly.api.Client</c>, and a few the API
/// has beside them (the subscriber list, lifetime subscriptions, store credit, stop auto-renew). Calls
/// that pyspreedly checked raise <see cref="SpreedlyException"/> on another status; calls whose
/// response it returned as it came return a <see cref="SpreedlyResponse"/> or the status code.
/// </summary>
public sealed partial class SpreedlyClient
{
    private readonly HttpClient http;
    private readonly AuthenticationHeaderValue authorization;

    /// <summary>
    /// Creates the client for a site. <paramref name="http"/>'s base address is the Steward server (ending
    /// with '/'); the calls go to <c>api/v4/{site}/</c> under it.
    /// </summary>
    /// <param name="http">The HTTP client; it is not disposed by this object.</param>
    /// <param name="token">The site's API token (the account's API secret).</param>
    /// <param name="siteName">The site's name (the account's slug).</param>
    public SpreedlyClient(HttpClient http, string token, string siteName)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentException.ThrowIfNullOrEmpty(token);
        ArgumentException.ThrowIfNullOrEmpty(siteName);
        this.http = http;
        SiteName = siteName;

        // As pyspreedly: the token is the user name, the password the capital X Spreedly ignored.
        authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(token + ":X")));
    }

    /// <summary>The site's name.</summary>
    public string SiteName { get; }

    /// <summary>The API's base, relative to the server: <c>api/v4/{site}/</c>.</summary>
    public string BasePath => $"api/v4/{Uri.EscapeDataString(SiteName)}/";

    /// <summary><c>get_plans</c>: the site's subscription plans.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<IReadOnlyList<SpreedlyPlan>> GetPlansAsync(CancellationToken cancellationToken = default)
    {
        var root = await ExpectXmlAsync(HttpMethod.Get, "subscription_plans.xml", null, HttpStatusCode.OK, cancellationToken).ConfigureAwait(false);
        return [.. root.Elements().Select(SpreedlyXml.Plan)];
    }

    /// <summary>Every subscriber of the site, in order of creation.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<IReadOnlyList<SpreedlySubscriber>> GetSubscribersAsync(CancellationToken cancellationToken = default)
    {
        var root = await ExpectXmlAsync(HttpMethod.Get, "subscribers.xml", null, HttpStatusCode.OK, cancellationToken).ConfigureAwait(false);
        return [.. root.Elements().Select(SpreedlyXml.Subscriber)];
    }

    /// <summary>
    /// <c>create_subscriber</c>: creates a subscriber (201). When the site already has the customer id
    /// (403 "A subscriber with a customer-id of … already exists."), answers that subscriber instead.
    /// </summary>
    /// <param name="customerId">The site's id for the customer.</param>
    /// <param name="screenName">The customer's screen name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<SpreedlySubscriber> CreateSubscriberAsync(long customerId, string screenName, CancellationToken cancellationToken = default)
    {
        var body = new XElement("subscriber",
            new XElement("customer-id", customerId.ToString(CultureInfo.InvariantCulture)),
            new XElement("screen-name", screenName));
        var (status, text) = await SendAsync(HttpMethod.Post, "subscribers.xml", body, cancellationToken).ConfigureAwait(false);
        if (status == HttpStatusCode.Created)
        {
            return SpreedlyXml.Subscriber(SpreedlyXml.Parse(text));
        }

        if (status == HttpStatusCode.Forbidden && AlreadyExists().IsMatch(text))
        {
            return await GetInfoAsync(customerId, cancellationToken).ConfigureAwait(false);
        }

        throw new SpreedlyException(status, text);
    }

    /// <summary><c>get_info</c>: one subscriber, with its invoices.</summary>
    /// <param name="subscriberId">The subscriber's customer id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<SpreedlySubscriber> GetInfoAsync(long subscriberId, CancellationToken cancellationToken = default) =>
        SpreedlyXml.Subscriber(await ExpectXmlAsync(HttpMethod.Get, Subscriber(subscriberId, ".xml"), null, HttpStatusCode.OK, cancellationToken).ConfigureAwait(false));

    /// <summary><c>get_or_create_subscriber</c>: the subscriber, created with the screen name when the site has none (404).</summary>
    /// <param name="subscriberId">The subscriber's customer id.</param>
    /// <param name="screenName">The screen name to create it with.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<SpreedlySubscriber> GetOrCreateSubscriberAsync(long subscriberId, string screenName, CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetInfoAsync(subscriberId, cancellationToken).ConfigureAwait(false);
        }
        catch (SpreedlyException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return await CreateSubscriberAsync(subscriberId, screenName, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// <c>set_info</c>: changes the given fields, named as pyspreedly's keyword arguments (<c>email</c>,
    /// <c>screen_name</c>, <c>new_customer_id</c>, <c>billing_first_name</c>…). Answers the status (200 when done).
    /// </summary>
    /// <param name="subscriberId">The subscriber's customer id.</param>
    /// <param name="fields">The fields and their new values.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<HttpStatusCode> SetInfoAsync(long subscriberId, IReadOnlyDictionary<string, string?> fields, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var body = new XElement("subscriber", fields.Select(f => new XElement(f.Key, f.Value ?? "")));
        return (await SendAsync(HttpMethod.Put, Subscriber(subscriberId, ".xml"), body, cancellationToken).ConfigureAwait(false)).Status;
    }

    /// <summary><c>subscribe</c>: starts a free trial on a free-trial plan; answers the subscriber.</summary>
    /// <param name="subscriberId">The subscriber's customer id.</param>
    /// <param name="planId">The free-trial plan's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<SpreedlySubscriber> SubscribeAsync(long subscriberId, long planId, CancellationToken cancellationToken = default) =>
        SpreedlyXml.Subscriber(await ExpectXmlAsync(HttpMethod.Post, Subscriber(subscriberId, "/subscribe_to_free_trial.xml"), PlanBody(planId), HttpStatusCode.OK, cancellationToken).ConfigureAwait(false));

    /// <summary><c>change_plan</c>: moves an active subscription to another regular plan; answers the status (200).</summary>
    /// <param name="subscriberId">The subscriber's customer id.</param>
    /// <param name="planId">The new plan's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<HttpStatusCode> ChangePlanAsync(long subscriberId, long planId, CancellationToken cancellationToken = default)
    {
        var (status, text) = await SendAsync(HttpMethod.Put, Subscriber(subscriberId, "/change_subscription_plan.xml"), PlanBody(planId), cancellationToken).ConfigureAwait(false);
        return status == HttpStatusCode.OK ? status : throw new SpreedlyException(status, text);
    }

    /// <summary><c>allow_free_trial</c>: the subscriber may start a free trial again; answers the subscriber.</summary>
    /// <param name="subscriberId">The subscriber's customer id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<SpreedlySubscriber> AllowFreeTrialAsync(long subscriberId, CancellationToken cancellationToken = default) =>
        SpreedlyXml.Subscriber(await ExpectXmlAsync(HttpMethod.Post, Subscriber(subscriberId, "/allow_free_trial.xml"), null, HttpStatusCode.OK, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// <c>create_complimentary_subscription</c>: gives an inactive subscriber time at a feature level (201).
    /// <paramref name="startTime"/> and <paramref name="amount"/> are sent as pyspreedly sent them, but well-formed.
    /// </summary>
    /// <param name="subscriberId">The subscriber's customer id.</param>
    /// <param name="duration">How many units.</param>
    /// <param name="durationUnits"><c>days</c> or <c>months</c>.</param>
    /// <param name="featureLevel">The feature level.</param>
    /// <param name="startTime">For pro-rating: when the time starts (Steward starts it now).</param>
    /// <param name="amount">What the time is worth.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<SpreedlyResponse> CreateComplimentarySubscriptionAsync(
        long subscriberId, int duration, string durationUnits, string featureLevel, DateTimeOffset? startTime = null, decimal? amount = null,
        CancellationToken cancellationToken = default)
    {
        var body = new XElement("complimentary_subscription",
            new XElement("duration_quantity", duration.ToString(CultureInfo.InvariantCulture)),
            new XElement("duration_units", durationUnits),
            new XElement("feature_level", featureLevel));
        if (startTime is { } start && amount is { } worth)
        {
            body.Add(
                new XElement("start_time", start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
                new XElement("amount", worth.ToString(CultureInfo.InvariantCulture)));
        }

        return await RespondAsync(HttpMethod.Post, Subscriber(subscriberId, "/complimentary_subscriptions.xml"), body, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>complimentary_time_extensions</c>: adds time to an active subscription (201).</summary>
    /// <param name="subscriberId">The subscriber's customer id.</param>
    /// <param name="duration">How many units.</param>
    /// <param name="durationUnits"><c>days</c> or <c>months</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<SpreedlyResponse> ComplimentaryTimeExtensionsAsync(long subscriberId, int duration, string durationUnits, CancellationToken cancellationToken = default) =>
        RespondAsync(HttpMethod.Post, Subscriber(subscriberId, "/complimentary_time_extensions.xml"), new XElement("complimentary_time_extension",
            new XElement("duration_quantity", duration.ToString(CultureInfo.InvariantCulture)),
            new XElement("duration_units", durationUnits)), cancellationToken);

    /// <summary>A subscription that never ends, at a feature level (201).</summary>
    /// <param name="subscriberId">The subscriber's customer id.</param>
    /// <param name="featureLevel">The feature level.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<SpreedlyResponse> CreateLifetimeComplimentarySubscriptionAsync(long subscriberId, string featureLevel, CancellationToken cancellationToken = default) =>
        RespondAsync(HttpMethod.Post, Subscriber(subscriberId, "/lifetime_complimentary_subscriptions.xml"),
            new XElement("lifetime_complimentary_subscription", new XElement("feature_level", featureLevel)), cancellationToken);

    /// <summary><c>add_fee</c>: a fee owed with the next renewal (201); 422 unless the subscriber is active and recurring.</summary>
    /// <param name="subscriberId">The subscriber's customer id.</param>
    /// <param name="name">The fee's name (such as <c>Excess Bandwidth Charge</c>).</param>
    /// <param name="description">What it is for.</param>
    /// <param name="group">The group it is shown under.</param>
    /// <param name="amount">The amount, above 0.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<SpreedlyResponse> AddFeeAsync(long subscriberId, string name, string description, string group, decimal amount, CancellationToken cancellationToken = default) =>
        RespondAsync(HttpMethod.Post, Subscriber(subscriberId, "/fees.xml"), new XElement("fee",
            new XElement("name", name),
            new XElement("description", description),
            new XElement("group", group),
            new XElement("amount", amount.ToString(CultureInfo.InvariantCulture))), cancellationToken);

    /// <summary>Adds store credit (201), or takes it back with a negative amount; the total never goes below zero (422).</summary>
    /// <param name="subscriberId">The subscriber's customer id.</param>
    /// <param name="amount">The amount.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<SpreedlyResponse> AddCreditAsync(long subscriberId, decimal amount, CancellationToken cancellationToken = default) =>
        RespondAsync(HttpMethod.Post, Subscriber(subscriberId, "/credits.xml"),
            new XElement("credit", new XElement("amount", amount.ToString(CultureInfo.InvariantCulture))), cancellationToken);

    /// <summary>Stops auto-renewal: the subscription lapses at the end of its period. Answers the status (200).</summary>
    /// <param name="subscriberId">The subscriber's customer id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<HttpStatusCode> StopAutoRenewAsync(long subscriberId, CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Post, Subscriber(subscriberId, "/stop_auto_renew.xml"), null, cancellationToken).ConfigureAwait(false)).Status;

    /// <summary><c>delete_subscriber</c>: deletes a subscriber of a test site; answers the status (200, 403 on other sites).</summary>
    /// <param name="id">The subscriber's customer id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<HttpStatusCode> DeleteSubscriberAsync(long id, CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Delete, Subscriber(id, ".xml"), null, cancellationToken).ConfigureAwait(false)).Status;

    /// <summary><c>cleanup</c>: deletes every subscriber of a test site; answers the status (200, 403 on other sites).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<HttpStatusCode> CleanupAsync(CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Delete, "subscribers.xml", null, cancellationToken).ConfigureAwait(false)).Status;

    /// <summary>
    /// <c>get_signup_url</c>: the sign-up page for a subscriber and a plan, relative to the server:
    /// <c>{site}/subscribers/{id}/subscribe/{plan}/{screen name}</c>, or with the subscriber's token
    /// <c>{site}/subscribers/{id}/{token}/subscribe/{plan}</c>. No request is made.
    /// </summary>
    /// <param name="subscriberId">The subscriber's customer id.</param>
    /// <param name="planId">The plan's id.</param>
    /// <param name="screenName">The screen name (a subscriber that does not exist yet is made with it).</param>
    /// <param name="token">The subscriber's token, for the token form.</param>
    public string GetSignupUrl(long subscriberId, long planId, string screenName, string? token = null)
    {
        var site = Uri.EscapeDataString(SiteName);
        var id = subscriberId.ToString(CultureInfo.InvariantCulture);
        var plan = planId.ToString(CultureInfo.InvariantCulture);
        return token is null
            ? $"{site}/subscribers/{id}/subscribe/{plan}/{Uri.EscapeDataString(screenName)}"
            : $"{site}/subscribers/{id}/{Uri.EscapeDataString(token)}/subscribe/{plan}";
    }

    private static XElement PlanBody(long planId) =>
        new("subscription_plan", new XElement("id", planId.ToString(CultureInfo.InvariantCulture)));

    private static string Subscriber(long id, string rest) => "subscribers/" + id.ToString(CultureInfo.InvariantCulture) + rest;

    private async Task<XElement> ExpectXmlAsync(HttpMethod method, string path, XElement? body, HttpStatusCode expected, CancellationToken ct)
    {
        var (status, text) = await SendAsync(method, path, body, ct).ConfigureAwait(false);
        return status == expected ? SpreedlyXml.Parse(text) : throw new SpreedlyException(status, text);
    }

    private async Task<SpreedlyResponse> RespondAsync(HttpMethod method, string path, XElement? body, CancellationToken ct)
    {
        var (status, text) = await SendAsync(method, path, body, ct).ConfigureAwait(false);
        return new SpreedlyResponse(status, text);
    }

    private async Task<(HttpStatusCode Status, string Text)> SendAsync(HttpMethod method, string path, XElement? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(BasePath + path, UriKind.Relative));
        request.Headers.Authorization = authorization;
        if (body is not null || method == HttpMethod.Post || method == HttpMethod.Put)
        {
            // As pyspreedly: no XML declaration, Content-Type application/xml even on an empty body.
            request.Content = new StringContent(body?.ToString(SaveOptions.DisableFormatting) ?? "", Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        }

        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false));
    }

    [GeneratedRegex(@"A subscriber with a customer-id of \d+ already exists\.")]
    private static partial Regex AlreadyExists();
}
