using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Steward.Functional.Infrastructure;

namespace Steward.Functional.Native;

/// <summary>An account made for one test, with an HTTP client that sends the account's token.</summary>
public sealed class Tenant(TestAccount account, HttpClient http) : IDisposable
{
    public TestAccount Account { get; } = account;

    public HttpClient Http { get; } = http;

    public string Id => Account.Id;

    public void Dispose() => Http.Dispose();
}

/// <summary>One server-sent event as read off the wire.</summary>
public sealed record SseEvent(string? Id, string? Type, string Data)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement.Clone();
}

/// <summary>Set-up, request and assertion helpers for the native API tests. Every helper goes over real HTTP.</summary>
public static class NativeKit
{
    public const string ProblemJson = "application/problem+json";

    /// <summary>A name nobody else uses on this server.</summary>
    public static string Unique(string prefix = "n") => prefix + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A domain name nobody else uses on this server.</summary>
    public static string UniqueDomain() => "d" + Guid.NewGuid().ToString("N")[..16] + ".example.com";

    /// <summary>A well-formed id of the given kind that names nothing.</summary>
    public static string UnknownId(string kind) => kind + "-" + Guid.CreateVersion7().ToString("D");

    public static async Task<Tenant> NewTenantAsync(this StewardFactory factory)
    {
        var account = await factory.NewAccountAsync();
        return new Tenant(account, factory.ClientWithToken(account.Token));
    }

    public static async Task<HttpClient> RootClientAsync(this StewardFactory factory) =>
        factory.ClientWithToken(await factory.RootTokenAsync());

    /// <summary>Sends a request with an optional JSON body (an object, serialized as is) and optional headers.</summary>
    public static async Task<HttpResponseMessage> SendJsonAsync(
        this HttpClient client, HttpMethod method, string url, object? body = null, string? ifMatch = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType());
        }

        AddHeaders(request, ifMatch, idempotencyKey);
        return await client.SendAsync(request);
    }

    /// <summary>Sends raw bytes as the body, with the given content type (or none).</summary>
    public static async Task<HttpResponseMessage> SendRawAsync(
        this HttpClient client, HttpMethod method, string url, string body, string? contentType = "application/json", string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative));
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        AddHeaders(request, null, idempotencyKey);
        return await client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body, string? idempotencyKey = null) =>
        client.SendJsonAsync(HttpMethod.Post, url, body, idempotencyKey: idempotencyKey);

    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string url, object body, string? ifMatch = null) =>
        client.SendJsonAsync(HttpMethod.Patch, url, body, ifMatch);

    /// <summary>GET that must answer 200; returns the body.</summary>
    public static async Task<JsonElement> GetOkAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        return await response.ExpectJsonAsync(HttpStatusCode.OK);
    }

    /// <summary>Sends a request and checks only its status; returns the body (or default when empty).</summary>
    public static async Task<JsonElement> ExpectAsync(this HttpClient client, HttpMethod method, string url, HttpStatusCode expected, object? body = null)
    {
        using var response = await client.SendJsonAsync(method, url, body);
        return await response.ExpectJsonAsync(expected);
    }

    /// <summary>Checks an RFC 9457 answer: status, content type, <c>status</c>, <c>detail</c> and <c>code</c>.</summary>
    public static async Task<JsonElement> ExpectProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string? code = null)
    {
        var problem = await response.ExpectJsonAsync(status);
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), "a problem must say what went wrong in 'detail'");
        if (code is not null)
        {
            Assert.Equal(code, problem.GetProperty("code").GetString());
        }

        return problem;
    }

    /// <summary>Sends a request that must fail with a problem of the given status.</summary>
    public static async Task<JsonElement> ExpectProblemAsync(this HttpClient client, HttpMethod method, string url, HttpStatusCode status, object? body = null, string? code = null)
    {
        using var response = await client.SendJsonAsync(method, url, body);
        return await response.ExpectProblemAsync(status, code);
    }

    /// <summary>A 409 conflict problem whose <c>errors</c> name the field that is taken.</summary>
    public static async Task<JsonElement> ExpectFieldConflictAsync(this HttpResponseMessage response, string field)
    {
        var problem = await response.ExpectProblemAsync(HttpStatusCode.Conflict, "conflict");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}': {problem}");
        return problem;
    }

    /// <summary>A 400 validation problem whose <c>errors</c> name <paramref name="field"/>.</summary>
    public static async Task<JsonElement> ExpectValidationAsync(this HttpResponseMessage response, params string[] fields)
    {
        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation");
        var errors = problem.GetProperty("errors");
        foreach (var field in fields)
        {
            Assert.True(errors.TryGetProperty(field, out var messages), $"errors should name '{field}': {errors}");
            Assert.True(messages.GetArrayLength() > 0);
        }

        return problem;
    }

    public static string Str(this JsonElement element, string name) => element.GetProperty(name).GetString()!;

    public static int Number(this JsonElement element, string name) => element.GetProperty(name).GetInt32();

    public static List<JsonElement> Items(this JsonElement page) => [.. page.GetProperty("items").EnumerateArray()];

    public static List<string> Ids(this JsonElement page, string property = "id") => [.. page.Items().Select(i => i.Str(property))];

    /// <summary>Reads every page of a list, following <c>next_cursor</c>.</summary>
    public static async Task<List<JsonElement>> ListAllAsync(this HttpClient client, string url, int limit = 500)
    {
        var all = new List<JsonElement>();
        string? cursor = null;
        var separator = url.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        for (var pages = 0; pages < 1000; pages++)
        {
            var page = await client.GetOkAsync($"{url}{separator}limit={limit}" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            all.AddRange(page.Items());
            var next = page.GetProperty("next_cursor");
            if (next.ValueKind == JsonValueKind.Null)
            {
                return all;
            }

            cursor = next.GetString();
        }

        throw new InvalidOperationException("The list did not end after 1000 pages.");
    }

    public static async Task<JsonElement> NewOrganisationAsync(this HttpClient client, string? name = null, string? domainName = null, string? description = null)
    {
        using var response = await client.PostJsonAsync("/api/v1/organisations", new { name = name ?? Unique("org-"), domain_name = domainName, description });
        return await response.ExpectJsonAsync(HttpStatusCode.Created);
    }

    public static async Task<JsonElement> NewUnitAsync(this HttpClient client, string organisationId, string? name = null, int billingDay = 1)
    {
        using var response = await client.PostJsonAsync($"/api/v1/organisations/{organisationId}/units", new { name = name ?? Unique("unit-"), billing_day = billingDay });
        return await response.ExpectJsonAsync(HttpStatusCode.Created);
    }

    public static async Task<JsonElement> NewUserAsync(this HttpClient client, string? username = null, string? organisationId = null, string? password = null)
    {
        using var response = await client.PostJsonAsync("/api/v1/users", new
        {
            username = username ?? Unique("u"),
            email = "someone@example.com",
            organisation_id = organisationId,
            password,
        });
        return await response.ExpectJsonAsync(HttpStatusCode.Created);
    }

    public static async Task<JsonElement> NewDeviceAsync(this HttpClient client, string userId)
    {
        using var response = await client.PostJsonAsync($"/api/v1/users/{userId}/devices", new { native_id = Unique("dev"), family = "phone", name = "pocket" });
        return await response.ExpectJsonAsync(HttpStatusCode.Created);
    }

    public static async Task<JsonElement> NewCredentialAsync(this HttpClient client, string? ownerId = null, string? label = null)
    {
        using var response = await client.PostJsonAsync("/api/v1/credentials", new { owner_id = ownerId, label = label ?? "extra" });
        return await response.ExpectJsonAsync(HttpStatusCode.Created);
    }

    public static async Task<JsonElement> AddMemberAsync(this HttpClient client, string organisationId, string userId, string role)
    {
        using var response = await client.PostJsonAsync($"/api/v1/organisations/{organisationId}/memberships", new { user_id = userId, role });
        return await response.ExpectJsonAsync(HttpStatusCode.Created);
    }

    /// <summary>Mints a token for a user through <c>POST /api/v1/tokens</c>.</summary>
    public static async Task<string> MintUserTokenAsync(this HttpClient client, string userId)
    {
        using var response = await client.PostJsonAsync("/api/v1/tokens", new { user_id = userId });
        return (await response.ExpectJsonAsync(HttpStatusCode.Created)).Str("access_token");
    }

    /// <summary>Posts an OAuth form to <c>/oauth/...</c>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, Dictionary<string, string> form, AuthenticationHeaderValue? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, UriKind.Relative)) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = authorization;
        return await client.SendAsync(request);
    }

    public static AuthenticationHeaderValue Basic(string key, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(key + ":" + secret)));

    /// <summary>The status of <c>GET /api/v1/tokens/current</c> with the token: 200 while it works, 401 once it does not.</summary>
    public static async Task<HttpStatusCode> TokenStatusAsync(this StewardFactory factory, string token)
    {
        using var client = factory.ClientWithToken(token);
        using var response = await client.GetAsync(new Uri("/api/v1/tokens/current", UriKind.Relative));
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            Assert.NotEmpty(response.Headers.WwwAuthenticate);
        }

        return response.StatusCode;
    }

    /// <summary>The caller's events after a sequence number (all pages).</summary>
    public static async Task<List<JsonElement>> EventsAsync(this HttpClient client, long after = 0)
    {
        var all = new List<JsonElement>();
        while (true)
        {
            var page = await client.GetOkAsync($"/api/v1/events?after={after}&limit=500");
            var items = page.Items();
            if (items.Count == 0)
            {
                return all;
            }

            all.AddRange(items);
            after = page.GetProperty("next_after").GetInt64();
        }
    }

    /// <summary>Reads server-sent events until one matches, failing when the stream ends or the token fires.</summary>
    public static async Task<SseEvent> ReadEventUntilAsync(this StreamReader reader, Func<SseEvent, bool> match, List<SseEvent>? seen, CancellationToken ct)
    {
        while (true)
        {
            var next = await reader.ReadEventAsync(ct) ?? throw new InvalidOperationException("The event stream ended.");
            seen?.Add(next);
            if (match(next))
            {
                return next;
            }
        }
    }

    /// <summary>Reads one server-sent event (skipping comments and heartbeats); null at the end of the stream.</summary>
    public static async Task<SseEvent?> ReadEventAsync(this StreamReader reader, CancellationToken ct)
    {
        string? id = null;
        string? type = null;
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Length > 0)
                {
                    return new SseEvent(id, type, data.ToString());
                }

                id = type = null;
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon == 0)
            {
                continue;
            }

            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..];
            if (value.StartsWith(' '))
            {
                value = value[1..];
            }

            switch (field)
            {
                case "id":
                    id = value;
                    break;
                case "event":
                    type = value;
                    break;
                case "data":
                    if (data.Length > 0)
                    {
                        data.Append('\n');
                    }

                    data.Append(value);
                    break;
            }
        }

        return null;
    }

    private static void AddHeaders(HttpRequestMessage request, string? ifMatch, string? idempotencyKey)
    {
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }
    }
}
