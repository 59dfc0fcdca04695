using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Steward.Functional.Infrastructure;
using Steward.Functional.Native;

namespace Steward.Functional.Webhooks;

/// <summary>One POST as the receiver saw it.</summary>
public sealed record ReceivedWebhook(string Path, string? Id, string? Timestamp, string? Signature, string? ContentType, string Body, int AnsweredWith)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    public long TimestampSeconds => long.Parse(Timestamp!, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// A webhook receiver on 127.0.0.1 (a tiny Kestrel app): records every POST and answers with the
/// scripted statuses in order (then 200), optionally with a Retry-After header.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Channel<ReceivedWebhook> received = Channel.CreateUnbounded<ReceivedWebhook>();
    private readonly ConcurrentQueue<(int Status, string? RetryAfter)> script = new();

    private WebhookReceiver(WebApplication app) => this.app = app;

    /// <summary>The base URL, such as <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>A URL on this receiver; the path tells endpoints apart.</summary>
    public string Url(string path = "/hook") => BaseUrl + path;

    /// <summary>What to answer when no scripted status is left.</summary>
    public int DefaultStatus { get; set; } = 200;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/{**path}", receiver.HandleAsync);
        await app.StartAsync();
        receiver.BaseUrl = app.Urls.First().TrimEnd('/');
        return receiver;
    }

    /// <summary>Answers the next requests with these statuses, in order.</summary>
    public void Script(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            script.Enqueue((status, null));
        }
    }

    public void ScriptRetryAfter(int status, string retryAfter) => script.Enqueue((status, retryAfter));

    /// <summary>The next POST, waiting up to <paramref name="timeout"/> (real time).</summary>
    public async Task<ReceivedWebhook> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        try
        {
            return await received.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException("No webhook arrived in time.");
        }
    }

    /// <summary>The next POST if one comes within <paramref name="wait"/>, else null.</summary>
    public async Task<ReceivedWebhook?> TryNextAsync(TimeSpan wait)
    {
        using var cts = new CancellationTokenSource(wait);
        try
        {
            return await received.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>POSTs until one satisfies <paramref name="match"/>; the others are returned in <paramref name="skipped"/>.</summary>
    public async Task<ReceivedWebhook> NextMatchingAsync(Func<ReceivedWebhook, bool> match, List<ReceivedWebhook>? skipped = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            var next = left > TimeSpan.Zero ? await TryNextAsync(left) : null;
            if (next is null)
            {
                throw new Xunit.Sdk.XunitException("No matching webhook arrived in time.");
            }

            if (match(next))
            {
                return next;
            }

            skipped?.Add(next);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var (status, retryAfter) = script.TryDequeue(out var scripted) ? scripted : (DefaultStatus, null);
        if (retryAfter is not null)
        {
            http.Response.Headers.RetryAfter = retryAfter;
        }

        http.Response.StatusCode = status;
        var h = http.Request.Headers;
        received.Writer.TryWrite(new ReceivedWebhook(
            http.Request.Path, h["webhook-id"].FirstOrDefault(), h["webhook-timestamp"].FirstOrDefault(), h["webhook-signature"].FirstOrDefault(),
            http.Request.ContentType, body, status));
    }
}

/// <summary>Standard Webhooks verification, written from the specification, independently of Steward's signer.</summary>
public static class StandardWebhooks
{
    /// <summary>True when one of the <c>v1,</c> signatures is the HMAC-SHA256 of <c>id.timestamp.body</c> under the secret's key.</summary>
    public static bool Verify(string secret, ReceivedWebhook w)
    {
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        using var hmac = new HMACSHA256(key);
        var expected = hmac.ComputeHash(Encoding.UTF8.GetBytes($"{w.Id}.{w.Timestamp}.{w.Body}"));
        foreach (var part in (w.Signature ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = part.IndexOf(',', StringComparison.Ordinal);
            if (comma > 0 && part[..comma] == "v1"
                && CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(part[(comma + 1)..]), expected))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Set-up and waiting helpers for the webhook tests, over the real API.</summary>
public static class WebhookKit
{
    /// <summary>Registers an endpoint; returns its resource (with <c>secret</c>).</summary>
    public static async Task<JsonElement> NewWebhookAsync(this HttpClient client, string url, params string[] eventTypes)
    {
        using var response = await client.PostJsonAsync("/api/v1/webhooks", new { url, event_types = eventTypes.Length == 0 ? ["*"] : eventTypes });
        return await response.ExpectJsonAsync(HttpStatusCode.Created);
    }

    /// <summary>A fresh token for the tenant: tests that move the clock by hours outlive the first one.</summary>
    public static async Task<HttpClient> FreshClientAsync(this StewardFactory factory, Tenant tenant) =>
        factory.ClientWithToken(await factory.CreateClient().TokenAsync(tenant.Account.ApiKey, tenant.Account.ApiSecret));

    /// <summary>Reads one message of the delivery log.</summary>
    public static Task<JsonElement> DeliveryAsync(this HttpClient client, string webhookId, string messageId) =>
        client.GetOkAsync($"/api/v1/webhooks/{webhookId}/deliveries/{messageId}");

    /// <summary>Polls the delivery log until the message satisfies <paramref name="condition"/> (real time, bounded).</summary>
    public static async Task<JsonElement> WaitForDeliveryAsync(this HttpClient client, string webhookId, string messageId, Func<JsonElement, bool> condition)
    {
        JsonElement last = default;
        for (var i = 0; i < 200; i++)
        {
            last = await client.DeliveryAsync(webhookId, messageId);
            if (condition(last))
            {
                return last;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException($"The delivery did not reach the expected state: {last}");
    }

    /// <summary>
    /// Moves Steward's clock to the message's next attempt and on in small steps until the receiver gets
    /// a POST (the worker wakes on its poll timer, which runs on that clock).
    /// </summary>
    public static async Task<ReceivedWebhook> AdvanceToNextAttemptAsync(this StewardFactory factory, HttpClient client, WebhookReceiver receiver, string webhookId, string messageId, int attemptsMade)
    {
        var delivery = await client.WaitForDeliveryAsync(webhookId, messageId, d => d.Number("attempts") == attemptsMade && d.GetProperty("next_attempt_at").ValueKind == JsonValueKind.String);
        var due = delivery.GetProperty("next_attempt_at").GetDateTimeOffset();
        if (due > factory.Time.GetUtcNow())
        {
            factory.Time.SetUtcNow(due);
        }

        for (var i = 0; i < 100; i++)
        {
            factory.Time.Advance(TimeSpan.FromMilliseconds(500));
            if (await receiver.TryNextAsync(TimeSpan.FromMilliseconds(200)) is { } next)
            {
                return next;
            }
        }

        throw new Xunit.Sdk.XunitException("The next attempt did not arrive.");
    }
}
