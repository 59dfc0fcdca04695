using System.Net;
using System.Text.Json;
using Steward.Functional.Infrastructure;
using Steward.Functional.Native;

namespace Steward.Functional.Webhooks;

/// <summary>
/// Deliveries as a receiver sees them: Standard Webhooks signatures, the event as the log shows it,
/// retries on Steward's (fake) clock with the same webhook-id, Retry-After, the dead-letter list,
/// replay, secret rotation, and an endpoint disabled after five days of failures.
/// </summary>
public sealed class WebhookDeliveryTests(StewardFactory server) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task A_delivery_is_signed_and_its_body_is_the_event_as_the_log_shows_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var tenant = await server.NewTenantAsync();
        var webhook = await tenant.Http.NewWebhookAsync(receiver.Url(), "organisation.*");
        var org = await tenant.Http.NewOrganisationAsync();

        var received = await receiver.NextAsync();
        Assert.StartsWith("msg-", received.Id, StringComparison.Ordinal);
        Assert.Equal("application/json", received.ContentType);
        Assert.True(StandardWebhooks.Verify(webhook.Str("secret"), received), "the signature must verify with the endpoint's secret");
        Assert.InRange(received.TimestampSeconds, server.Time.GetUtcNow().AddMinutes(-5).ToUnixTimeSeconds(), server.Time.GetUtcNow().ToUnixTimeSeconds());

        var logged = (await tenant.Http.EventsAsync()).Single(e => e.Str("type") == "organisation.created" && e.Str("subject_id") == org.Str("id"));
        Assert.True(JsonElement.DeepEquals(logged, received.Json), $"webhook body {received.Body} should equal the logged event {logged}");

        var delivery = await tenant.Http.WaitForDeliveryAsync(webhook.Str("id"), received.Id!, d => d.Str("status") == "succeeded");
        Assert.Equal(1, delivery.Number("attempts"));
        Assert.Equal(200, delivery.Number("last_status_code"));
        Assert.Equal(logged.GetProperty("id").GetInt64(), delivery.GetProperty("event_id").GetInt64());
        Assert.Equal(JsonValueKind.Null, delivery.GetProperty("next_attempt_at").ValueKind);
    }

    [StewardFact]
    public async Task A_failed_first_attempt_is_retried_about_five_seconds_later_with_the_same_webhook_id()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Script(500);
        using var tenant = await server.NewTenantAsync();
        var webhook = await tenant.Http.NewWebhookAsync(receiver.Url(), "organisation.created");
        await tenant.Http.NewOrganisationAsync();

        var first = await receiver.NextAsync();
        Assert.Equal(500, first.AnsweredWith);
        var failed = await tenant.Http.WaitForDeliveryAsync(webhook.Str("id"), first.Id!, d => d.Number("attempts") == 1);
        Assert.Equal("pending", failed.Str("status"));
        Assert.Equal(500, failed.Number("last_status_code"));
        var wait = failed.GetProperty("next_attempt_at").GetDateTimeOffset() - failed.GetProperty("last_attempt_at").GetDateTimeOffset();
        Assert.InRange(wait.TotalSeconds, 4.5, 5.5);

        // Step the clock half a second at a time: nothing comes before the retry is due...
        var due = failed.GetProperty("next_attempt_at").GetDateTimeOffset();
        while (server.Time.GetUtcNow() < due - TimeSpan.FromMilliseconds(500))
        {
            server.Time.Advance(TimeSpan.FromMilliseconds(500));
            Assert.Null(await receiver.TryNextAsync(TimeSpan.FromMilliseconds(100)));
        }

        // ...then it does, once the worker's poll (1 s, on the same clock) has come round; slowly, so a busy machine keeps up.
        ReceivedWebhook? second = null;
        for (var i = 0; i < 12 && second is null; i++)
        {
            server.Time.Advance(TimeSpan.FromMilliseconds(250));
            second = await receiver.TryNextAsync(TimeSpan.FromSeconds(1));
        }

        Assert.NotNull(second);
        Assert.Equal(first.Id, second.Id);
        Assert.InRange(second.TimestampSeconds - first.TimestampSeconds, 4, 8);
        Assert.True(StandardWebhooks.Verify(webhook.Str("secret"), second));
        Assert.Equal(first.Body, second.Body);

        var done = await tenant.Http.WaitForDeliveryAsync(webhook.Str("id"), first.Id!, d => d.Str("status") == "succeeded");
        Assert.Equal(2, done.Number("attempts"));
        Assert.True(done.Number("last_latency_ms") >= 0);
    }

    [StewardFact]
    public async Task Retry_After_on_503_holds_the_next_attempt_back()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.ScriptRetryAfter(503, "120");
        using var tenant = await server.NewTenantAsync();
        var webhook = await tenant.Http.NewWebhookAsync(receiver.Url(), "organisation.created");
        await tenant.Http.NewOrganisationAsync();

        var first = await receiver.NextAsync();
        var failed = await tenant.Http.WaitForDeliveryAsync(webhook.Str("id"), first.Id!, d => d.Number("attempts") == 1);
        Assert.Equal(503, failed.Number("last_status_code"));
        var wait = failed.GetProperty("next_attempt_at").GetDateTimeOffset() - failed.GetProperty("last_attempt_at").GetDateTimeOffset();
        Assert.InRange(wait.TotalSeconds, 119, 121);

        // Where the schedule alone would have retried (5 s), nothing comes.
        for (var i = 0; i < 10; i++)
        {
            server.Time.Advance(TimeSpan.FromSeconds(1));
            Assert.Null(await receiver.TryNextAsync(TimeSpan.FromMilliseconds(50)));
        }

        var second = await server.AdvanceToNextAttemptAsync(tenant.Http, receiver, webhook.Str("id"), first.Id!, attemptsMade: 1);
        Assert.Equal(first.Id, second.Id);
    }

    [StewardFact]
    public async Task After_the_last_attempt_a_message_is_dead_lettered_and_can_be_replayed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.DefaultStatus = 500;
        using var tenant = await server.NewTenantAsync();
        var webhook = await tenant.Http.NewWebhookAsync(receiver.Url(), "organisation.created");
        var id = webhook.Str("id");
        await tenant.Http.NewOrganisationAsync();

        var first = await receiver.NextAsync();
        var attempts = new List<ReceivedWebhook> { first };
        for (var made = 1; made < 8; made++)
        {
            // The schedule runs over a day; the tenant's first token does not last that long.
            using var client = await server.FreshClientAsync(tenant);
            attempts.Add(await server.AdvanceToNextAttemptAsync(client, receiver, id, first.Id!, made));
        }

        Assert.All(attempts, a => Assert.Equal(first.Id, a.Id));
        using var http = await server.FreshClientAsync(tenant);
        var dead = await http.WaitForDeliveryAsync(id, first.Id!, d => d.Str("status") == "dead_lettered");
        Assert.Equal(8, dead.Number("attempts"));
        Assert.Equal(JsonValueKind.Null, dead.GetProperty("next_attempt_at").ValueKind);
        Assert.Contains(first.Id, (await http.GetOkAsync($"/api/v1/webhooks/{id}/dead-letters")).Ids());
        Assert.Contains(first.Id, (await http.GetOkAsync($"/api/v1/webhooks/{id}/deliveries?status=dead_lettered")).Ids());
        Assert.DoesNotContain(first.Id, (await http.GetOkAsync($"/api/v1/webhooks/{id}/deliveries?status=pending")).Ids());

        // No ninth attempt, however long one waits.
        server.Time.Advance(TimeSpan.FromHours(24));
        Assert.Null(await receiver.TryNextAsync(TimeSpan.FromMilliseconds(500)));

        receiver.DefaultStatus = 200;
        using var later = await server.FreshClientAsync(tenant);
        using (var replay = await later.PostAsync(new Uri($"/api/v1/webhooks/{id}/deliveries/{first.Id}/replay", UriKind.Relative), null))
        {
            var accepted = await replay.ExpectJsonAsync(HttpStatusCode.Accepted);
            Assert.Equal("pending", accepted.Str("status"));
            Assert.Equal(0, accepted.Number("attempts"));
        }

        var replayed = await receiver.NextAsync();
        Assert.Equal(first.Id, replayed.Id);
        Assert.True(StandardWebhooks.Verify(webhook.Str("secret"), replayed));
        var delivered = await later.WaitForDeliveryAsync(id, first.Id!, d => d.Str("status") == "succeeded");
        Assert.Equal(1, delivered.Number("attempts"));
        Assert.DoesNotContain(first.Id, (await later.GetOkAsync($"/api/v1/webhooks/{id}/dead-letters")).Ids());
        Assert.Contains(await later.EventsAsync(), e => e.Str("type") == "webhook.delivery_replayed" && e.Str("subject_id") == first.Id);
    }

    [StewardFact]
    public async Task An_endpoint_failing_for_five_days_is_disabled_and_the_account_is_told()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.DefaultStatus = 500;
        using var tenant = await server.NewTenantAsync();
        var webhook = await tenant.Http.NewWebhookAsync(receiver.Url(), "organisation.created");
        var id = webhook.Str("id");
        await tenant.Http.NewOrganisationAsync();
        var first = await receiver.NextAsync();
        var failing = await tenant.Http.WaitForDeliveryAsync(id, first.Id!, d => d.Number("attempts") == 1);
        Assert.Equal(JsonValueKind.Null, (await tenant.Http.GetOkAsync("/api/v1/webhooks/" + id)).GetProperty("disabled_reason").ValueKind);

        // Five days on, the next failure disables the endpoint.
        server.Time.Advance(TimeSpan.FromDays(5) + TimeSpan.FromMinutes(1));
        using var http = await server.FreshClientAsync(tenant);
        await server.AdvanceToNextAttemptAsync(http, receiver, id, first.Id!, attemptsMade: 1);
        await http.WaitForDeliveryAsync(id, first.Id!, d => d.Str("status") == "dead_lettered");

        var disabled = await http.GetOkAsync("/api/v1/webhooks/" + id);
        Assert.False(disabled.GetProperty("enabled").GetBoolean());
        Assert.Equal("failing", disabled.Str("disabled_reason"));
        var told = Assert.Single(await http.EventsAsync(), e => e.Str("type") == "webhook.disabled");
        Assert.Equal(id, told.Str("subject_id"));
        Assert.Equal("failing", told.GetProperty("data").Str("reason"));
        Assert.Equal(failing.GetProperty("last_attempt_at").GetDateTimeOffset(), told.GetProperty("data").GetProperty("failing_since").GetDateTimeOffset());
        Assert.Contains(first.Id, (await http.GetOkAsync($"/api/v1/webhooks/{id}/dead-letters")).Ids());

        // Disabled: new events are not delivered; a replay is refused until it is enabled again.
        await http.NewOrganisationAsync();
        Assert.Null(await receiver.TryNextAsync(TimeSpan.FromMilliseconds(500)));
        using (var refused = await http.PostAsync(new Uri($"/api/v1/webhooks/{id}/deliveries/{first.Id}/replay", UriKind.Relative), null))
        {
            await refused.ExpectProblemAsync(HttpStatusCode.Conflict, "conflict");
        }

        using var enabled = await http.PatchJsonAsync("/api/v1/webhooks/" + id, new { enabled = true });
        var again = await enabled.ExpectJsonAsync(HttpStatusCode.OK);
        Assert.True(again.GetProperty("enabled").GetBoolean());
        Assert.Equal(JsonValueKind.Null, again.GetProperty("disabled_reason").ValueKind);
        Assert.Equal(JsonValueKind.Null, again.GetProperty("failing_since").ValueKind);
    }

    [StewardFact]
    public async Task A_rotated_secret_signs_beside_the_old_one_during_the_overlap()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var tenant = await server.NewTenantAsync();
        var webhook = await tenant.Http.NewWebhookAsync(receiver.Url(), "organisation.created");
        var id = webhook.Str("id");
        var oldSecret = webhook.Str("secret");

        using var rotate = await tenant.Http.PostAsync(new Uri($"/api/v1/webhooks/{id}/rotate-secret", UriKind.Relative), null);
        var rotated = await rotate.ExpectJsonAsync(HttpStatusCode.OK);
        var newSecret = rotated.Str("secret");
        Assert.NotEqual(oldSecret, newSecret);
        var overlap = rotated.GetProperty("previous_secret_expires_at").GetDateTimeOffset() - server.Time.GetUtcNow();
        Assert.InRange(overlap.TotalHours, 23.9, 24);

        await tenant.Http.NewOrganisationAsync();
        var during = await receiver.NextAsync();
        Assert.Equal(2, during.Signature!.Split(' ').Length);
        Assert.True(StandardWebhooks.Verify(newSecret, during));
        Assert.True(StandardWebhooks.Verify(oldSecret, during));

        // A leaked secret is retired at once with overlap_seconds = 0.
        using var now = await tenant.Http.PostJsonAsync($"/api/v1/webhooks/{id}/rotate-secret", new { overlap_seconds = 0 });
        var latest = (await now.ExpectJsonAsync(HttpStatusCode.OK)).Str("secret");
        await tenant.Http.NewOrganisationAsync();
        var after = await receiver.NextAsync();
        Assert.Single(after.Signature!.Split(' '));
        Assert.True(StandardWebhooks.Verify(latest, after));
        Assert.False(StandardWebhooks.Verify(newSecret, after));
        Assert.False(StandardWebhooks.Verify(oldSecret, after));
    }

    [StewardFact]
    public async Task An_endpoint_receives_only_its_own_accounts_events()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var a = await server.NewTenantAsync();
        using var b = await server.NewTenantAsync();
        await a.Http.NewWebhookAsync(receiver.Url("/a"));
        await b.Http.NewWebhookAsync(receiver.Url("/b"));

        var orgB = await b.Http.NewOrganisationAsync();
        var orgA = await a.Http.NewOrganisationAsync();
        var seen = new List<ReceivedWebhook>();
        var gotA = await receiver.NextMatchingAsync(w => w.Path == "/a" && w.Json.Str("subject_id") == orgA.Str("id"), seen);
        var gotB = seen.Any(w => w.Path == "/b" && w.Json.Str("subject_id") == orgB.Str("id"))
            ? null
            : await receiver.NextMatchingAsync(w => w.Path == "/b" && w.Json.Str("subject_id") == orgB.Str("id"), seen);
        seen.Add(gotA);
        if (gotB is not null)
        {
            seen.Add(gotB);
        }

        Assert.All(seen.Where(w => w.Path == "/a"), w => Assert.Equal(a.Id, w.Json.Str("account_id")));
        Assert.All(seen.Where(w => w.Path == "/b"), w => Assert.Equal(b.Id, w.Json.Str("account_id")));
    }
}
