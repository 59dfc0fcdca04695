using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Steward.Core.Diagnostics;

namespace Steward.Core.Webhooks;

/// <summary>One message ready to send: the endpoint's URL, the secrets that sign it, the body.</summary>
public sealed record WebhookMessage(Guid DeliveryId, Guid EndpointId, string MessageId, string Url, IReadOnlyList<string> Secrets, byte[] Body);

/// <summary>What one attempt came to. <see cref="StatusCode"/> is null when no answer came.</summary>
public sealed record AttemptOutcome(bool Succeeded, int? StatusCode, int LatencyMs, string? Error, TimeSpan? RetryAfter);

/// <summary>
/// Sends one attempt of a message: a POST of the event as JSON with the Standard Webhooks headers,
/// 15 seconds at most, no redirects, no proxy, and a connection only to an address the SSRF guard
/// allows, checked on the socket actually connected (<see cref="ConnectAsync"/>).
/// </summary>
public sealed class WebhookSender : IDisposable
{
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(15);

    private readonly WebhookTargets targets;
    private readonly TimeProvider time;
    private readonly HttpClient client;

    public WebhookSender(WebhookTargets targets, TimeProvider time)
    {
        this.targets = targets;
        this.time = time;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectCallback = ConnectAsync,
        };
        client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Steward-Webhooks", "1"));
    }

    public async Task<AttemptOutcome> SendAsync(WebhookMessage message, CancellationToken stopping)
    {
        using var activity = StewardMetrics.Tracing.StartActivity("webhook.deliver", ActivityKind.Client);
        activity?.SetTag("steward.webhook.id", message.MessageId);
        var started = Stopwatch.GetTimestamp();
        var outcome = await AttemptAsync(message, stopping);
        var elapsed = Stopwatch.GetElapsedTime(started);
        outcome = outcome with { LatencyMs = (int)Math.Min(int.MaxValue, elapsed.TotalMilliseconds) };
        activity?.SetTag("http.response.status_code", outcome.StatusCode);
        activity?.SetStatus(outcome.Succeeded ? ActivityStatusCode.Ok : ActivityStatusCode.Error);

        StewardMetrics.WebhookDuration.Record(elapsed.TotalSeconds);
        StewardMetrics.WebhookDeliveries.Add(1, new KeyValuePair<string, object?>("outcome", outcome.Succeeded ? "succeeded" : "failed"));
        return outcome;
    }

    private async Task<AttemptOutcome> AttemptAsync(WebhookMessage message, CancellationToken stopping)
    {
        // The form is checked again at every attempt: AllowPrivateTargets may have been switched off since.
        if (targets.CheckForm(message.Url, out var uri) is { } refused)
        {
            return Failure("refused_target", null, refused);
        }

        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(message.Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("webhook-id", message.MessageId);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("webhook-signature", WebhookSignature.Sign(message.Secrets, message.MessageId, timestamp, message.Body));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(AttemptTimeout);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300)
            {
                return new AttemptOutcome(true, status, 0, null, null);
            }

            var retryAfter = status is 429 or 503 ? RetryAfter(response.Headers.RetryAfter) : null;
            return Failure("http_status", status, $"The endpoint answered HTTP {status}.", retryAfter);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return Failure("timeout", null, $"No answer within {AttemptTimeout.TotalSeconds:0} seconds.");
        }
        catch (HttpRequestException ex) when (ex.InnerException is RefusedTargetException refusedTarget)
        {
            return Failure("refused_target", null, refusedTarget.Message);
        }
        catch (HttpRequestException ex)
        {
            return Failure("network", null, "The endpoint could not be reached: " + ex.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => "its host name did not resolve.",
                HttpRequestError.ConnectionError => "the connection failed.",
                HttpRequestError.SecureConnectionError => "the TLS handshake failed.",
                HttpRequestError.InvalidResponse or HttpRequestError.ResponseEnded => "its answer was not valid HTTP.",
                _ => "the request failed.",
            });
        }
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow(),
        _ => null,
    };

    private static AttemptOutcome Failure(string reason, int? status, string error, TimeSpan? retryAfter = null)
    {
        StewardMetrics.WebhookFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));
        return new AttemptOutcome(false, status, 0, error, retryAfter);
    }

    /// <summary>Connects only to allowed addresses: every address the host resolves to now, and the one connected to.</summary>
    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var allowPrivate = targets.AllowPrivate;
        var addresses = await targets.AddressesOfAsync(context.DnsEndPoint.Host, ct);
        if (addresses.Length == 0 || addresses.Any(a => WebhookTargets.IsRefused(a, allowPrivate)))
        {
            throw new RefusedTargetException();
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
            if (socket.RemoteEndPoint is not IPEndPoint remote || WebhookTargets.IsRefused(remote.Address, allowPrivate))
            {
                throw new RefusedTargetException();
            }

            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose() => client.Dispose();

    private sealed class RefusedTargetException()
        : Exception("The endpoint's host resolves to an address webhooks may not reach (loopback, private, link-local, multicast or unspecified).");
}
