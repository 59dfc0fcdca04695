using System.Net;
using Steward.Client;
using Steward.Functional.Infrastructure;

namespace Steward.Functional.Webhooks;

/// <summary>Webhooks through the typed SDK, and a delivery checked with the SDK's <see cref="WebhookSignatures"/>.</summary>
public sealed class WebhookSdkTests(StewardFactory server) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task The_SDK_manages_endpoints_reads_the_log_and_verifies_deliveries()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var account = await server.NewAccountAsync();
        using var http = server.CreateClient();
        var steward = await StewardClient.ConnectAsync(http, account.ApiKey, account.ApiSecret);

        var created = await steward.Webhooks.CreateAsync(receiver.Url(), ["organisation.created"], "sdk");
        Assert.StartsWith("webhook-", created.Id, StringComparison.Ordinal);
        Assert.Equal(created.Id, Assert.Single((await steward.Webhooks.ListAsync()).Items).Id);

        await steward.Organisations.CreateAsync("sdk-hooked");
        var received = await receiver.NextAsync();
        Assert.True(WebhookSignatures.Verify(created.Secret, received.Id!, received.Timestamp!, received.Signature!, received.Body, server.Time.GetUtcNow()));
        Assert.False(WebhookSignatures.Verify(created.Secret, received.Id!, received.Timestamp!, received.Signature!, received.Body + " ", server.Time.GetUtcNow()));
        Assert.False(WebhookSignatures.Verify(created.Secret, received.Id!, received.Timestamp!, received.Signature!, received.Body, server.Time.GetUtcNow().AddHours(1)));

        var delivery = await steward.Webhooks.GetDeliveryAsync(created.Id, received.Id!);
        for (var i = 0; i < 100 && delivery.Status == "pending"; i++)
        {
            await Task.Delay(50);
            delivery = await steward.Webhooks.GetDeliveryAsync(created.Id, received.Id!);
        }

        Assert.Equal("succeeded", delivery.Status);
        Assert.Equal(delivery.Id, Assert.Single((await steward.Webhooks.ListDeliveriesAsync(created.Id, "succeeded")).Items).Id);
        Assert.Empty((await steward.Webhooks.ListDeadLettersAsync(created.Id)).Items);
        Assert.Equal("pending", (await steward.Webhooks.ReplayAsync(created.Id, delivery.Id)).Status);
        Assert.Equal(received.Id, (await receiver.NextAsync()).Id);

        var rotated = await steward.Webhooks.RotateSecretAsync(created.Id, overlapSeconds: 60);
        Assert.NotEqual(created.Secret, rotated.Secret);
        Assert.NotNull(rotated.PreviousSecretExpiresAt);

        var updated = await steward.Webhooks.UpdateAsync(created.Id, eventTypes: ["user.*"], enabled: false, ifMatchVersion: rotated.Version);
        Assert.Equal(["user.*"], updated.EventTypes);
        Assert.False(updated.Enabled);
        Assert.Equal(updated.Version, (await steward.Webhooks.GetAsync(created.Id)).Version);

        var invalid = await Assert.ThrowsAsync<StewardApiException>(() => steward.Webhooks.CreateAsync("ftp://nowhere", ["*"]));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.True(invalid.Problem?.Errors?.ContainsKey("url"));

        await steward.Webhooks.DeleteAsync(created.Id);
        var gone = await Assert.ThrowsAsync<StewardApiException>(() => steward.Webhooks.GetAsync(created.Id));
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
    }
}
