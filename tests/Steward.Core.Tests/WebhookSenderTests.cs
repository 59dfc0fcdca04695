using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using Steward.Core.Options;
using Steward.Core.Webhooks;

namespace Steward.Core.Tests;

/// <summary>The sender checks the address it actually connects to, so a name that resolves elsewhere by delivery time (DNS rebinding) is refused.</summary>
public sealed class WebhookSenderTests
{
    [Fact]
    public async Task A_host_that_now_resolves_to_loopback_is_refused_before_any_connection()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var targets = new WebhookTargets(Microsoft.Extensions.Options.Options.Create(new StewardOptions()))
        {
            // Public when registered; loopback when the message goes out.
            Resolve = (_, _) => Task.FromResult(new[] { IPAddress.Loopback }),
        };
        using var sender = new WebhookSender(targets, new FakeTimeProvider());

        var outcome = await sender.SendAsync(Message($"https://rebinding.example:{port}/hook"), CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.Null(outcome.StatusCode);
        Assert.Contains("may not reach", outcome.Error, StringComparison.Ordinal);
        Assert.False(listener.Pending(), "no connection may reach the refused address");
    }

    [Fact]
    public async Task A_plain_http_target_is_refused_when_private_targets_are_not_allowed()
    {
        var targets = new WebhookTargets(Microsoft.Extensions.Options.Options.Create(new StewardOptions()));
        using var sender = new WebhookSender(targets, new FakeTimeProvider());

        var outcome = await sender.SendAsync(Message("http://127.0.0.1:9/hook"), CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.Contains("https", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_connection_is_a_failed_attempt_with_no_status()
    {
        var options = new StewardOptions();
        options.Webhooks.AllowPrivateTargets = true;
        using var sender = new WebhookSender(new WebhookTargets(Microsoft.Extensions.Options.Options.Create(options)), new FakeTimeProvider());
        int port;
        using (var closed = new TcpListener(IPAddress.Loopback, 0))
        {
            closed.Start();
            port = ((IPEndPoint)closed.LocalEndpoint).Port;
        }

        var outcome = await sender.SendAsync(Message($"http://127.0.0.1:{port}/hook"), CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.Null(outcome.StatusCode);
        Assert.Contains("could not be reached", outcome.Error, StringComparison.Ordinal);
    }

    private static WebhookMessage Message(string url) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "msg-test", url, [WebhookSignature.NewSecret()], "{}"u8.ToArray());
}
