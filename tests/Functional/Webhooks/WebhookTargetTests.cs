using System.Net;
using Steward.Functional.Infrastructure;
using Steward.Functional.Native;

namespace Steward.Functional.Webhooks;

/// <summary>A server with the SSRF guard on (the default outside tests): only public https:// targets.</summary>
public sealed class StrictTargetsServer : IDisposable
{
    public StewardFactory Server { get; } = StewardFactory.With(("Steward:Webhooks:AllowPrivateTargets", "false"));

    public void Dispose() => Server.Dispose();
}

/// <summary>Without Steward:Webhooks:AllowPrivateTargets, private, loopback and plain-http targets are refused.</summary>
public sealed class WebhookTargetTests(StrictTargetsServer strict) : IClassFixture<StrictTargetsServer>
{
    [StewardTheory]
    [InlineData("https://10.0.0.1/hook")]
    [InlineData("https://192.168.1.20/hook")]
    [InlineData("https://172.16.5.4/hook")]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://100.64.0.1/hook")]
    [InlineData("https://0.0.0.0/hook")]
    [InlineData("https://224.0.0.1/hook")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://[::]/hook")]
    [InlineData("https://[fe80::1]/hook")]
    [InlineData("https://[fd00::1]/hook")]
    [InlineData("https://[::ffff:127.0.0.1]/hook")]
    [InlineData("https://[::ffff:10.1.2.3]/hook")]
    [InlineData("https://127.1/hook")]
    [InlineData("https://2130706433/hook")]
    [InlineData("https://0x7f000001/hook")]
    [InlineData("https://localhost/hook")]
    [InlineData("https://localhost:8443/hook")]
    [InlineData("http://example.com/hook")]
    [InlineData("http://93.184.215.14/hook")]
    public async Task A_private_loopback_or_plain_http_target_is_refused(string url)
    {
        using var tenant = await strict.Server.NewTenantAsync();
        using var response = await tenant.Http.PostJsonAsync("/api/v1/webhooks", new { url, event_types = new[] { "*" } });
        await response.ExpectValidationAsync("url");
        Assert.Empty((await tenant.Http.GetOkAsync("/api/v1/webhooks")).Items());
    }

    [StewardFact]
    public async Task A_public_https_literal_is_accepted_and_cannot_be_changed_to_a_private_one()
    {
        using var tenant = await strict.Server.NewTenantAsync();
        // A pattern nothing matches yet, so that no delivery leaves the test machine.
        var id = (await tenant.Http.NewWebhookAsync("https://93.184.215.14/hook", "webhook.disabled")).Str("id");
        using var response = await tenant.Http.PatchJsonAsync("/api/v1/webhooks/" + id, new { url = "https://127.0.0.1/hook" });
        await response.ExpectValidationAsync("url");
        Assert.Equal("https://93.184.215.14/hook", (await tenant.Http.GetOkAsync("/api/v1/webhooks/" + id)).Str("url"));
    }
}
