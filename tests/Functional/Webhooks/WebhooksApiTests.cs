using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Steward.Core.Storage;
using Steward.Core.Webhooks;
using Steward.Functional.Infrastructure;
using Steward.Functional.Native;

namespace Steward.Functional.Webhooks;

/// <summary>The webhook endpoints resource: registration, changes, bad input, tenant isolation, secrets at rest.</summary>
public sealed class WebhooksApiTests(StewardFactory server) : IClassFixture<StewardFactory>
{
    private const string Url = "http://127.0.0.1:9/hook";

    [StewardFact]
    public async Task Registration_answers_201_with_an_id_and_a_secret_shown_once()
    {
        using var tenant = await server.NewTenantAsync();
        using var response = await tenant.Http.PostJsonAsync("/api/v1/webhooks", new { url = Url, event_types = new[] { "*" } });
        var created = await response.ExpectJsonAsync(HttpStatusCode.Created);
        var id = created.Str("id");
        Assert.StartsWith("webhook-", id, StringComparison.Ordinal);
        Assert.Equal("/api/v1/webhooks/" + id, response.Headers.Location?.ToString());
        var secret = created.Str("secret");
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        Assert.Equal(tenant.Id, created.Str("account_id"));
        Assert.True(created.GetProperty("enabled").GetBoolean());

        var read = await tenant.Http.GetOkAsync("/api/v1/webhooks/" + id);
        Assert.False(read.TryGetProperty("secret", out _), "the secret is shown only once");
        Assert.Equal(new[] { "*" }, read.GetProperty("event_types").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains(id, (await tenant.Http.GetOkAsync("/api/v1/webhooks")).Ids());
        Assert.DoesNotContain(await tenant.Http.EventsAsync(), e => e.GetProperty("data").ToString().Contains(secret[6..], StringComparison.Ordinal));
    }

    [StewardFact]
    public async Task An_endpoint_can_be_changed_disabled_and_deleted()
    {
        using var tenant = await server.NewTenantAsync();
        var id = (await tenant.Http.NewWebhookAsync(Url)).Str("id");

        using (var changed = await tenant.Http.PatchJsonAsync("/api/v1/webhooks/" + id,
            new { url = "http://127.0.0.1:9/other", event_types = new[] { "user.*", "organisation.created" }, description = "billing sync", enabled = false }, ifMatch: "\"1\""))
        {
            var body = await changed.ExpectJsonAsync(HttpStatusCode.OK);
            Assert.Equal("http://127.0.0.1:9/other", body.Str("url"));
            Assert.Equal(new[] { "user.*", "organisation.created" }, body.GetProperty("event_types").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal("billing sync", body.Str("description"));
            Assert.False(body.GetProperty("enabled").GetBoolean());
            Assert.Equal(2, body.Number("version"));
            Assert.Equal("\"2\"", changed.Headers.ETag?.ToString());
        }

        using (var stale = await tenant.Http.PatchJsonAsync("/api/v1/webhooks/" + id, new { description = "late" }, ifMatch: "\"1\""))
        {
            await stale.ExpectProblemAsync(HttpStatusCode.PreconditionFailed, "version-conflict");
        }

        await tenant.Http.ExpectAsync(HttpMethod.Delete, "/api/v1/webhooks/" + id, HttpStatusCode.NoContent);
        await tenant.Http.ExpectProblemAsync(HttpMethod.Get, "/api/v1/webhooks/" + id, HttpStatusCode.NotFound, code: "not-found");
        var types = (await tenant.Http.EventsAsync()).Where(e => e.Str("subject_id") == id).Select(e => e.Str("type")).ToList();
        Assert.Equal(new[] { "webhook.created", "webhook.updated", "webhook.deleted" }, types);
    }

    [StewardFact]
    public async Task Bad_input_is_a_400_naming_the_field_and_writes_nothing()
    {
        using var tenant = await server.NewTenantAsync();
        var cases = new (object Body, string Field)[]
        {
            (new { event_types = new[] { "*" } }, "url"),
            (new { url = "not a url", event_types = new[] { "*" } }, "url"),
            (new { url = "ftp://127.0.0.1/hook", event_types = new[] { "*" } }, "url"),
            (new { url = "http://user:pw@127.0.0.1/hook", event_types = new[] { "*" } }, "url"),
            (new { url = "http://127.0.0.1/" + new string('a', 2001), event_types = new[] { "*" } }, "url"),
            (new { url = Url }, "event_types"),
            (new { url = Url, event_types = Array.Empty<string>() }, "event_types"),
            (new { url = Url, event_types = new[] { "nope.*" } }, "event_types"),
            (new { url = Url, event_types = new[] { "user.created", "user.exploded" } }, "event_types"),
            (new { url = Url, event_types = new[] { "User.Created" } }, "event_types"),
            (new { url = Url, event_types = new[] { new string('u', 65) } }, "event_types"),
            (new { url = Url, event_types = Enumerable.Repeat("user.created", 51).ToArray() }, "event_types"),
            (new { url = Url, event_types = "*" }, "event_types"),
            (new { url = Url, event_types = new[] { "*" }, description = new string('d', 1001) }, "description"),
        };
        foreach (var (body, field) in cases)
        {
            using var response = await tenant.Http.PostJsonAsync("/api/v1/webhooks", body);
            await response.ExpectValidationAsync(field);
        }

        using (var notJson = await tenant.Http.SendRawAsync(HttpMethod.Post, "/api/v1/webhooks", "{\"url\": "))
        {
            await notJson.ExpectValidationAsync("body");
        }

        var id = (await tenant.Http.NewWebhookAsync(Url)).Str("id");
        using (var badPatch = await tenant.Http.PatchJsonAsync("/api/v1/webhooks/" + id, new { url = "https://", event_types = new[] { "x" } }))
        {
            await badPatch.ExpectValidationAsync("url", "event_types");
        }

        using (var badOverlap = await tenant.Http.PostJsonAsync($"/api/v1/webhooks/{id}/rotate-secret", new { overlap_seconds = -1 }))
        {
            await badOverlap.ExpectValidationAsync("overlap_seconds");
        }

        using (var badStatus = await tenant.Http.GetAsync(new Uri($"/api/v1/webhooks/{id}/deliveries?status=lost", UriKind.Relative)))
        {
            await badStatus.ExpectValidationAsync("status");
        }

        await tenant.Http.ExpectProblemAsync(HttpMethod.Get, "/api/v1/webhooks/webhook-nonsense", HttpStatusCode.NotFound);
        await tenant.Http.ExpectProblemAsync(HttpMethod.Get, "/api/v1/webhooks/" + NativeKit.UnknownId("webhook"), HttpStatusCode.NotFound);
        await tenant.Http.ExpectProblemAsync(HttpMethod.Post, $"/api/v1/webhooks/{id}/deliveries/{NativeKit.UnknownId("msg")}/replay", HttpStatusCode.NotFound);

        // Only the one good registration was stored, unchanged by the refused patch.
        var all = (await tenant.Http.GetOkAsync("/api/v1/webhooks")).Items();
        var only = Assert.Single(all);
        Assert.Equal(Url, only.Str("url"));
        Assert.Equal(1, only.Number("version"));
    }

    [StewardFact]
    public async Task Another_accounts_webhook_is_a_404_everywhere()
    {
        using var owner = await server.NewTenantAsync();
        using var other = await server.NewTenantAsync();
        var id = (await owner.Http.NewWebhookAsync(Url)).Str("id");
        var message = NativeKit.UnknownId("msg");

        await other.Http.ExpectProblemAsync(HttpMethod.Get, "/api/v1/webhooks/" + id, HttpStatusCode.NotFound, code: "not-found");
        await other.Http.ExpectProblemAsync(HttpMethod.Patch, "/api/v1/webhooks/" + id, HttpStatusCode.NotFound, new { description = "mine" });
        await other.Http.ExpectProblemAsync(HttpMethod.Delete, "/api/v1/webhooks/" + id, HttpStatusCode.NotFound);
        await other.Http.ExpectProblemAsync(HttpMethod.Post, $"/api/v1/webhooks/{id}/rotate-secret", HttpStatusCode.NotFound, new { });
        await other.Http.ExpectProblemAsync(HttpMethod.Get, $"/api/v1/webhooks/{id}/deliveries", HttpStatusCode.NotFound);
        await other.Http.ExpectProblemAsync(HttpMethod.Get, $"/api/v1/webhooks/{id}/dead-letters", HttpStatusCode.NotFound);
        await other.Http.ExpectProblemAsync(HttpMethod.Post, $"/api/v1/webhooks/{id}/deliveries/{message}/replay", HttpStatusCode.NotFound);
        Assert.DoesNotContain(id, (await other.Http.GetOkAsync("/api/v1/webhooks")).Ids());

        // Still there, unchanged, for its owner.
        Assert.Equal(1, (await owner.Http.GetOkAsync("/api/v1/webhooks/" + id)).Number("version"));
    }

    [StewardFact]
    public async Task Organisation_and_user_credentials_cannot_manage_webhooks()
    {
        using var tenant = await server.NewTenantAsync();
        var id = (await tenant.Http.NewWebhookAsync(Url)).Str("id");
        var org = await tenant.Http.NewOrganisationAsync();
        using var orgClient = server.ClientWithToken(await server.CreateClient().TokenAsync(org.Str("api_key"), org.Str("api_secret")));

        await orgClient.ExpectProblemAsync(HttpMethod.Post, "/api/v1/webhooks", HttpStatusCode.Forbidden, new { url = Url, event_types = new[] { "*" } }, "forbidden");
        await orgClient.ExpectProblemAsync(HttpMethod.Get, "/api/v1/webhooks/" + id, HttpStatusCode.NotFound);
        Assert.Empty((await orgClient.GetOkAsync("/api/v1/webhooks")).Items());
    }

    [StewardFact]
    public async Task Root_registers_for_an_account_and_sees_every_accounts_webhooks()
    {
        using var tenant = await server.NewTenantAsync();
        using var root = await server.RootClientAsync();
        await root.ExpectProblemAsync(HttpMethod.Post, "/api/v1/webhooks", HttpStatusCode.BadRequest, new { url = Url, event_types = new[] { "*" } }, "validation");
        using var response = await root.PostJsonAsync("/api/v1/webhooks", new { url = Url, event_types = new[] { "*" }, account_id = tenant.Id });
        var id = (await response.ExpectJsonAsync(HttpStatusCode.Created)).Str("id");
        Assert.Contains(id, (await tenant.Http.GetOkAsync("/api/v1/webhooks")).Ids());
        Assert.Equal(tenant.Id, (await root.GetOkAsync("/api/v1/webhooks/" + id)).Str("account_id"));
    }

    [StewardFact]
    public async Task The_secret_is_stored_encrypted()
    {
        using var tenant = await server.NewTenantAsync();
        var created = await tenant.Http.NewWebhookAsync(Url);
        var secret = created.Str("secret");
        Assert.True(Steward.Core.Ids.PublicId.TryParse<WebhookEndpoint>(created.Str("id"), out var id));

        await using var db = await server.Services.GetRequiredService<IDbContextFactory<StewardDb>>().CreateDbContextAsync();
        var stored = await db.Set<WebhookEndpoint>().AsNoTracking().SingleAsync(e => e.Id == id);
        Assert.StartsWith("v1.", stored.Secret, StringComparison.Ordinal);
        Assert.DoesNotContain(secret["whsec_".Length..], stored.Secret, StringComparison.Ordinal);
        Assert.DoesNotContain(JsonSerializer.Serialize(secret), stored.Secret, StringComparison.Ordinal);
    }
}
