using System.Net;
using Steward.Functional.Infrastructure;
using Steward.Functional.Native;

namespace Steward.Functional.Webhooks;

/// <summary>
/// What the delivery worker knows lives in the database: a server stopped between enqueueing and
/// delivering loses nothing, and one that was not delivering resumes the event log where it stopped.
/// Each test stops one instance and starts another on the same database.
/// </summary>
public sealed class WebhookDurabilityTests
{
    [StewardFact]
    public async Task A_restart_between_a_failed_attempt_and_its_retry_loses_nothing()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var owner = new StewardFactory();
        Tenant tenant;
        string webhookId;
        ReceivedWebhook failed;
        using (var first = owner.Peer())
        {
            tenant = await first.NewTenantAsync();
            var webhook = await tenant.Http.NewWebhookAsync(receiver.Url(), "organisation.created");
            webhookId = webhook.Str("id");
            receiver.Script(500);
            await tenant.Http.NewOrganisationAsync();
            failed = await receiver.NextAsync();
            await tenant.Http.WaitForDeliveryAsync(webhookId, failed.Id!, d => d.Number("attempts") == 1);
            owner.Time.SetUtcNow(first.Time.GetUtcNow());
        }

        // The next instance starts after the retry fell due.
        owner.Time.Advance(TimeSpan.FromMinutes(1));
        using var http = await owner.FreshClientAsync(tenant);
        var retried = await WaitForPostAsync(owner, receiver);
        Assert.Equal(failed.Id, retried.Id);
        Assert.Equal(failed.Body, retried.Body);
        var delivered = await http.WaitForDeliveryAsync(webhookId, failed.Id!, d => d.Str("status") == "succeeded");
        Assert.Equal(2, delivered.Number("attempts"));
        tenant.Dispose();
    }

    [StewardFact]
    public async Task Events_written_while_no_instance_delivered_are_delivered_after_a_restart()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var owner = new StewardFactory();
        Tenant tenant;
        var orgs = new List<string>();
        using (var quiet = owner.Peer(("Steward:Webhooks:DeliveryEnabled", "false")))
        {
            tenant = await quiet.NewTenantAsync();
            await tenant.Http.NewWebhookAsync(receiver.Url(), "organisation.created");
            for (var i = 0; i < 3; i++)
            {
                orgs.Add((await tenant.Http.NewOrganisationAsync()).Str("id"));
            }

            Assert.Null(await receiver.TryNextAsync(TimeSpan.FromMilliseconds(300)));
            owner.Time.SetUtcNow(quiet.Time.GetUtcNow());
        }

        using var http = await owner.FreshClientAsync(tenant);
        var subjects = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            subjects.Add((await WaitForPostAsync(owner, receiver)).Json.Str("subject_id"));
        }

        Assert.Equal(orgs.Order(), subjects.Order());
        tenant.Dispose();
    }

    private static async Task<ReceivedWebhook> WaitForPostAsync(StewardFactory instance, WebhookReceiver receiver)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await receiver.TryNextAsync(TimeSpan.FromMilliseconds(200)) is { } next)
            {
                return next;
            }

            instance.Time.Advance(TimeSpan.FromSeconds(1));
        }

        throw new Xunit.Sdk.XunitException("Nothing was delivered after the restart.");
    }
}

#if STEWARD_POSTGRES
/// <summary>Two instances on one PostgreSQL database: each message is sent by one of them, once.</summary>
public sealed class WebhookClusterTests(StewardFactory first) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task Two_instances_deliver_every_message_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var second = first.Peer();
        using var tenant = await first.NewTenantAsync();
        await tenant.Http.NewWebhookAsync(receiver.Url(), "organisation.created");
        using var onSecond = second.ClientWithToken(tenant.Account.Token);
        var orgs = new HashSet<string>();
        for (var i = 0; i < 12; i++)
        {
            orgs.Add((await (i % 2 == 0 ? tenant.Http : onSecond).NewOrganisationAsync()).Str("id"));
        }

        var received = new List<ReceivedWebhook>();
        for (var i = 0; i < 200 && !orgs.IsSubsetOf(received.Select(r => r.Json.Str("subject_id"))); i++)
        {
            if (await receiver.TryNextAsync(TimeSpan.FromMilliseconds(100)) is { } next)
            {
                received.Add(next);
                continue;
            }

            first.Time.Advance(TimeSpan.FromMilliseconds(500));
            second.Time.Advance(TimeSpan.FromMilliseconds(500));
        }

        // Give a duplicate the chance to show up.
        for (var i = 0; i < 5; i++)
        {
            first.Time.Advance(TimeSpan.FromSeconds(1));
            second.Time.Advance(TimeSpan.FromSeconds(1));
            if (await receiver.TryNextAsync(TimeSpan.FromMilliseconds(200)) is { } extra)
            {
                received.Add(extra);
            }
        }

        Assert.Equal(orgs.Order(), received.Select(r => r.Json.Str("subject_id")).Order());
        Assert.Equal(received.Count, received.Select(r => r.Id).Distinct().Count());
    }
}
#endif
