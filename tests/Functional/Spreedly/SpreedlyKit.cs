using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Steward.Client.Spreedly;
using Steward.Functional.Catalog;
using Steward.Functional.Infrastructure;
using Steward.Functional.Native;

namespace Steward.Functional.Spreedly;

/// <summary>
/// A Spreedly site made for one test: an account with a slug (made over the native API by root, as an
/// operator would), its API token (the account's API secret), the SDK client and a native client for
/// setting up plans.
/// </summary>
public sealed record SpreedlySite(StewardFactory Factory, TestAccount Account, string Slug, HttpClient Http, SpreedlyClient Client)
{
    public string Token => Account.ApiSecret;

    /// <summary>A native API client of the account, signed in now (tokens expire as the fake clock moves).</summary>
    public async Task<HttpClient> NativeAsync() => Factory.ClientWithToken(await Factory.CreateClient().TokenAsync(Account.ApiKey, Account.ApiSecret));
}

/// <summary>Set-up and literal-wire helpers for the Spreedly tests; each test makes its own site and data.</summary>
public static partial class SpreedlyKit
{
    public const string Xml = "application/xml";

    /// <summary>A fresh site; <paramref name="test"/> makes it a test site (root's PATCH <c>{"test": true}</c>).</summary>
    public static async Task<SpreedlySite> NewSiteAsync(this StewardFactory factory, bool test = false, HttpClient? http = null)
    {
        var slug = NativeKit.Unique("site-");
        using var root = await factory.RootClientAsync();
        using var response = await root.PostJsonAsync("/api/v1/accounts", new { name = "Site " + slug, email = slug + "@example.com", slug });
        var json = await response.ExpectJsonAsync(HttpStatusCode.Created);
        Assert.Equal(slug, json.Str("slug"));
        var id = json.Str("id");
        if (test)
        {
            using var patched = await root.PatchJsonAsync("/api/v1/accounts/" + id, new { test = true });
            Assert.True((await patched.ExpectJsonAsync(HttpStatusCode.OK)).GetProperty("test").GetBoolean());
        }

        var key = json.Str("api_key");
        var secret = json.Str("api_secret");
        var token = await factory.CreateClient().TokenAsync(key, secret);
        http ??= factory.CreateClient();
        return new SpreedlySite(factory, new TestAccount(id, slug, key, secret, token), slug, http, new SpreedlyClient(http, secret, slug));
    }

    /// <summary>A plan made over the native API (the commerce core's contract); answers its integer id and the JSON.</summary>
    public static async Task<(long Id, JsonElement Plan)> NewPlanAsync(this SpreedlySite site, Dictionary<string, object?>? extra = null)
    {
        using var native = await site.NativeAsync();
        var plan = await native.NewPlanAsync(extra);
        return (plan.GetProperty("id").GetInt64(), plan);
    }

    /// <summary>A regular plan: 24.00 USD a month, feature level Pro.</summary>
    public static Task<(long Id, JsonElement Plan)> NewPaidPlanAsync(this SpreedlySite site, Dictionary<string, object?>? extra = null) =>
        site.NewPlanAsync(extra);

    /// <summary>A free-trial plan of <paramref name="days"/> days.</summary>
    public static Task<(long Id, JsonElement Plan)> NewTrialPlanAsync(this SpreedlySite site, int days = 14) =>
        site.NewPlanAsync(new() { ["plan_type"] = "free_trial", ["price"] = 0, ["duration_quantity"] = days, ["duration_units"] = "days", ["feature_level"] = "Trial" });

    /// <summary>A customer id nobody else uses.</summary>
    public static long NewCustomerId() => Random.Shared.NextInt64(1_000, 1_000_000_000);

    /// <summary>Sends a request to the site's API with HTTP Basic <c>token:X</c> (or the given credentials) and a raw body.</summary>
    public static async Task<HttpResponseMessage> SendAsync(
        this SpreedlySite site, HttpMethod method, string path, string? body = null, string? token = null, string contentType = Xml, string? slug = null)
    {
        using var request = new HttpRequestMessage(method, new Uri($"/api/v4/{slug ?? site.Slug}/{path}", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes((token ?? site.Token) + ":X")));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return await site.Http.SendAsync(request);
    }

    /// <summary>Asserts the status and an XML answer; returns the body exactly as it came.</summary>
    public static async Task<string> ExpectXmlAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status} but got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/xml; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", body, StringComparison.Ordinal);
        return body;
    }

    /// <summary>Asserts the status and the exact plain-text body.</summary>
    public static async Task ExpectTextAsync(this HttpResponseMessage response, HttpStatusCode status, string text)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status} but got {(int)response.StatusCode}: {body}");
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(text, body);
    }

    /// <summary>Asserts Rails' <c>&lt;errors&gt;</c> with exactly these messages.</summary>
    public static async Task ExpectErrorsAsync(this HttpResponseMessage response, HttpStatusCode status, params string[] errors)
    {
        var body = await response.ExpectXmlAsync(status);
        var expected = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<errors>\n"
            + string.Concat(errors.Select(e => $"  <error>{Escape(e)}</error>\n")) + "</errors>\n";
        Assert.Equal(expected, body);
    }

    /// <summary>Escapes text as the face writes it (apostrophes stay as they are).</summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);

    /// <summary>Asserts an empty success (no body).</summary>
    public static async Task ExpectEmptyAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status} but got {(int)response.StatusCode}: {body}");
        Assert.Equal("", body);
    }

    /// <summary>Creates a subscriber over the wire and returns its XML.</summary>
    public static async Task<string> CreateRawAsync(this SpreedlySite site, long customerId, string screenName = "jack")
    {
        using var response = await site.SendAsync(HttpMethod.Post, "subscribers.xml",
            $"<subscriber><customer-id>{customerId}</customer-id><screen-name>{screenName}</screen-name></subscriber>");
        return await response.ExpectXmlAsync(HttpStatusCode.Created);
    }

    /// <summary>The text of the first element with this name (and its attributes) in a body.</summary>
    public static string Value(string xml, string name)
    {
        var match = Regex.Match(xml, $"<{Regex.Escape(name)}(?: [^>]*)?>([^<]*)</{Regex.Escape(name)}>");
        Assert.True(match.Success, $"<{name}> not found in {xml}");
        return match.Groups[1].Value;
    }

    /// <summary>The element exactly as written: <c>&lt;name type="…"&gt;value&lt;/name&gt;</c>.</summary>
    public static string Element(string xml, string name)
    {
        var match = Regex.Match(xml, $"<{Regex.Escape(name)}(?: [^>]*)?>[^<]*</{Regex.Escape(name)}>");
        Assert.True(match.Success, $"<{name}> not found in {xml}");
        return match.Value;
    }

    /// <summary>The names of the elements directly inside the first <paramref name="parent"/>, in order.</summary>
    public static string[] ChildNames(string xml, string parent)
    {
        var doc = System.Xml.Linq.XElement.Parse(xml[(xml.IndexOf('\n', StringComparison.Ordinal) + 1)..]);
        var node = doc.Name.LocalName == parent ? doc : doc.Descendants(parent).First();
        return [.. node.Elements().Select(e => e.Name.LocalName)];
    }

    /// <summary>A subscriber's 35 fields (the set pyspreedly's tests assert), dash form.</summary>
    public static readonly string[] SubscriberFields =
    [
        "customer-id", "screen-name", "email", "token", "created-at", "updated-at", "pagination-id", "active", "active-until", "on-trial",
        "on-gift", "on-metered", "eligible-for-free-trial", "eligible-for-setup-fee", "lifetime-subscription", "recurring", "in-grace-period",
        "grace-until", "ready-to-renew", "ready-to-renew-since", "card-expires-before-next-auto-renew", "feature-level", "subscription-plan-name",
        "store-credit", "store-credit-currency-code", "payment-account-on-file", "payment-account-display", "billing-first-name",
        "billing-last-name", "billing-address1", "billing-city", "billing-state", "billing-zip", "billing-country", "billing-phone-number",
    ];

    /// <summary>A plan's 26 fields (the set pyspreedly's <c>test_get_plans</c> asserts), dash form.</summary>
    public static readonly string[] PlanFields =
    [
        "id", "name", "description", "terms", "plan-type", "price", "amount", "currency-code", "enabled", "force-recurring", "needs-to-be-renewed",
        "duration-quantity", "duration-units", "feature-level", "return-url", "version", "versions", "charge-after-first-period",
        "charge-later-duration-quantity", "charge-later-duration-units", "setup-fee-amount", "setup-fee-currency-code", "setup-fee-description",
        "minimum-needed-for-charge", "created-at", "updated-at",
    ];

    /// <summary>Times on this wire: exactly <c>YYYY-MM-DDTHH:MM:SSZ</c>.</summary>
    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")]
    public static partial Regex TimeFormat();

    public static DateTimeOffset Time(string xml, string name) =>
        DateTimeOffset.ParseExact(Value(xml, name), "yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal);

    /// <summary>
    /// Subscribes a subscriber to a (paid) plan through the native API, as a site's own billing does once it
    /// has the payment (Steward takes none); answers the subscription's JSON.
    /// </summary>
    public static async Task<JsonElement> SubscribeNativelyAsync(this SpreedlySite site, long customerId, long planId)
    {
        using var native = await site.NativeAsync();
        var users = await native.GetOkAsync("/api/v1/users?limit=500");
        var user = users.GetProperty("items").EnumerateArray().Single(u => u.Str("username") == $"customer-{customerId}");
        Assert.Equal(customerId.ToString(System.Globalization.CultureInfo.InvariantCulture), user.Str("external_id"));
        return await native.SubscribeAsync(user.Str("id"), planId);
    }

    /// <summary>Reads the events of the account (native API) of one type.</summary>
    public static async Task<List<JsonElement>> EventsAsync(this SpreedlySite site, string type)
    {
        using var native = await site.NativeAsync();
        return [.. (await native.EventsAsync()).Where(e => e.Str("type") == type)];
    }
}
