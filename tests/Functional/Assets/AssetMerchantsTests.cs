using System.Net;
using System.Text.Json;
using Steward.Functional.Infrastructure;
using Steward.Functional.Native;

namespace Steward.Functional.Assets;

/// <summary>Secret assets, attaching merchants, what a merchant reads and the audit of every reveal.</summary>
public sealed class AssetMerchantsTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task A_secret_is_encrypted_at_rest_and_never_shown_on_read_or_in_events()
    {
        using var a = await factory.NewTenantAsync();
        var plaintext = "s3cret-" + Guid.NewGuid().ToString("N");
        using var created = await a.Http.PostJsonAsync("/api/v1/assets", new { name = "db-password", scope = "global", content = plaintext, secret = true });
        var createdText = await created.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var asset = JsonDocument.Parse(createdText).RootElement;
        var id = asset.Str("id");
        Assert.True(asset.GetProperty("secret").GetBoolean());
        Assert.Equal(JsonValueKind.Null, asset.GetProperty("content").ValueKind);
        Assert.Equal(plaintext.Length, asset.Number("content_length"));

        using (var read = await a.Http.GetAsync(new Uri("/api/v1/assets/" + id, UriKind.Relative)))
        {
            var text = await read.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.DoesNotContain(plaintext, text, StringComparison.Ordinal);
            Assert.DoesNotContain(plaintext, createdText, StringComparison.Ordinal);
        }

        using (var list = await a.Http.GetAsync(new Uri("/api/v1/assets", UriKind.Relative)))
        {
            Assert.DoesNotContain(plaintext, await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Not even the account reads a secret's content: only the merchants it is attached to do.
        await a.Http.ExpectProblemAsync(HttpMethod.Get, $"/api/v1/assets/{id}/content", HttpStatusCode.Forbidden, code: "forbidden");

        // At rest: ciphertext from the secret protector, never the plaintext.
        var stored = await factory.StoredAssetAsync(id);
        Assert.Null(stored.Content);
        Assert.StartsWith("v1.", stored.SecretCipher, StringComparison.Ordinal);
        Assert.DoesNotContain(plaintext, stored.SecretCipher!, StringComparison.Ordinal);

        // A new content is encrypted afresh; the reveal and the change events never carry it.
        var newText = "n3w-" + Guid.NewGuid().ToString("N");
        await a.Http.ExpectAsync(HttpMethod.Patch, "/api/v1/assets/" + id, HttpStatusCode.OK, new { content = newText });
        var restored = await factory.StoredAssetAsync(id);
        Assert.NotEqual(stored.SecretCipher, restored.SecretCipher);
        Assert.DoesNotContain(newText, restored.SecretCipher!, StringComparison.Ordinal);

        using var dm = await factory.NewMerchantAsync(a.Http);
        await a.Http.ExpectAsync(HttpMethod.Put, $"/api/v1/assets/{id}/merchants/{dm.Id}", HttpStatusCode.OK);
        Assert.Equal(newText, (await dm.Http.GetOkAsync($"/api/v1/assets/{id}/content")).Str("content"));
        var events = await a.Http.EventsAsync();
        Assert.Contains(events, e => e.Str("subject_id") == id);
        foreach (var e in events)
        {
            var raw = e.GetRawText();
            Assert.DoesNotContain(plaintext, raw, StringComparison.Ordinal);
            Assert.DoesNotContain(newText, raw, StringComparison.Ordinal);
        }
    }

    [StewardFact]
    public async Task An_attached_merchant_reads_the_asset_and_every_reveal_is_an_event()
    {
        using var a = await factory.NewTenantAsync();
        using var dm = await factory.NewPlatformMerchantAsync();
        var secret = await a.Http.NewGlobalAssetAsync("token-123", secret: true);
        var plain = await a.Http.NewGlobalAssetAsync("plain-value");
        var id = secret.Str("id");

        // Before it is attached, the merchant does not see it at all.
        await dm.Http.ExpectProblemAsync(HttpMethod.Get, $"/api/v1/assets/{id}/content", HttpStatusCode.NotFound, code: "not-found");
        await dm.Http.ExpectProblemAsync(HttpMethod.Get, $"/api/v1/assets/{id}", HttpStatusCode.NotFound, code: "not-found");
        Assert.Empty((await dm.Http.GetOkAsync("/api/v1/assets")).Items());

        var attached = await a.Http.ExpectAsync(HttpMethod.Put, $"/api/v1/assets/{id}/merchants/{dm.Id}", HttpStatusCode.OK);
        var merchant = Assert.Single(attached.GetProperty("merchants").EnumerateArray());
        Assert.Equal(dm.Id, merchant.Str("id"));
        Assert.Equal(dm.Number, merchant.GetProperty("number").GetInt64());
        await a.Http.ExpectAsync(HttpMethod.Put, $"/api/v1/assets/{id}/merchants/{dm.Id}", HttpStatusCode.OK);
        await a.Http.ExpectAsync(HttpMethod.Put, $"/api/v1/assets/{plain.Str("id")}/merchants/{dm.Id}", HttpStatusCode.OK);

        // The merchant lists and reads what is attached to it; the secret only from /content.
        Assert.Equal([id, plain.Str("id")], (await dm.Http.GetOkAsync("/api/v1/assets")).Ids());
        Assert.Equal(JsonValueKind.Null, (await dm.Http.GetOkAsync($"/api/v1/assets/{id}")).GetProperty("content").ValueKind);
        var revealed = await dm.Http.GetOkAsync($"/api/v1/assets/{id}/content");
        Assert.Equal("token-123", revealed.Str("content"));
        Assert.True(revealed.GetProperty("secret").GetBoolean());
        Assert.Equal("plain-value", (await dm.Http.GetOkAsync($"/api/v1/assets/{plain.Str("id")}/content")).Str("content"));
        await dm.Http.GetOkAsync($"/api/v1/assets/{id}/content");

        // Each read is audited, by the merchant, naming it.
        var reveals = (await a.Http.EventsOfAsync(id)).Where(e => e.Str("type") == "asset.revealed").ToList();
        Assert.Equal(2, reveals.Count);
        Assert.All(reveals, e =>
        {
            Assert.Equal(dm.Id, e.Str("actor_id"));
            Assert.Equal(dm.Id, e.GetProperty("data").Str("merchant_id"));
            Assert.Equal(a.Id, e.Str("account_id"));
        });
        Assert.Single(await a.Http.EventsOfAsync(id), e => e.Str("type") == "asset.attached");

        // A merchant reads; it does not change, attach or delete.
        await dm.Http.ExpectProblemAsync(HttpMethod.Patch, $"/api/v1/assets/{id}", HttpStatusCode.Forbidden, new { content = "x" }, "forbidden");
        await dm.Http.ExpectProblemAsync(HttpMethod.Delete, $"/api/v1/assets/{id}", HttpStatusCode.Forbidden, code: "forbidden");
        await dm.Http.ExpectProblemAsync(HttpMethod.Post, $"/api/v1/assets/{id}/disable", HttpStatusCode.Forbidden, code: "forbidden");
        await dm.Http.ExpectProblemAsync(HttpMethod.Delete, $"/api/v1/assets/{id}/merchants/{dm.Id}", HttpStatusCode.Forbidden, code: "forbidden");
        await dm.Http.ExpectProblemAsync(HttpMethod.Post, "/api/v1/assets", HttpStatusCode.Forbidden, new { name = "x", scope = "global", content = "x" }, "forbidden");

        // Disabled, it is revealed to no one; enabled again, it is.
        await a.Http.ExpectAsync(HttpMethod.Post, $"/api/v1/assets/{id}/disable", HttpStatusCode.OK);
        var refused = await dm.Http.ExpectProblemAsync(HttpMethod.Get, $"/api/v1/assets/{id}/content", HttpStatusCode.Conflict, code: "conflict");
        Assert.Equal("asset_disabled", refused.Str("reason"));
        await a.Http.ExpectAsync(HttpMethod.Post, $"/api/v1/assets/{id}/enable", HttpStatusCode.OK);
        await dm.Http.GetOkAsync($"/api/v1/assets/{id}/content");

        // Detached, the merchant no longer sees it; detaching again changes nothing.
        await a.Http.ExpectAsync(HttpMethod.Delete, $"/api/v1/assets/{id}/merchants/{dm.Id}", HttpStatusCode.NoContent);
        await a.Http.ExpectAsync(HttpMethod.Delete, $"/api/v1/assets/{id}/merchants/{dm.Id}", HttpStatusCode.NoContent);
        await dm.Http.ExpectProblemAsync(HttpMethod.Get, $"/api/v1/assets/{id}/content", HttpStatusCode.NotFound, code: "not-found");
        Assert.Equal([plain.Str("id")], (await dm.Http.GetOkAsync("/api/v1/assets")).Ids());
        Assert.Single(await a.Http.EventsOfAsync(id), e => e.Str("type") == "asset.detached");
        Assert.Empty((await a.Http.GetOkAsync($"/api/v1/assets/{id}")).GetProperty("merchants").EnumerateArray());
    }

    [StewardFact]
    public async Task An_attached_asset_cannot_be_deleted_nor_its_merchant()
    {
        using var a = await factory.NewTenantAsync();
        using var dm = await factory.NewMerchantAsync(a.Http);
        var id = (await a.Http.NewGlobalAssetAsync()).Str("id");
        await a.Http.ExpectAsync(HttpMethod.Put, $"/api/v1/assets/{id}/merchants/{dm.Id}", HttpStatusCode.OK);

        var refused = await a.Http.ExpectProblemAsync(HttpMethod.Delete, "/api/v1/assets/" + id, HttpStatusCode.Conflict, code: "conflict");
        Assert.Equal("asset_attached", refused.Str("reason"));
        Assert.Contains("detach", refused.Str("detail"), StringComparison.Ordinal);
        var merchantRefused = await a.Http.ExpectProblemAsync(HttpMethod.Delete, "/api/v1/merchants/" + dm.Id, HttpStatusCode.Conflict, code: "conflict");
        Assert.Equal("merchant_attached", merchantRefused.Str("reason"));
        await a.Http.GetOkAsync("/api/v1/assets/" + id);

        await a.Http.ExpectAsync(HttpMethod.Delete, $"/api/v1/assets/{id}/merchants/{dm.Id}", HttpStatusCode.NoContent);
        await a.Http.ExpectAsync(HttpMethod.Delete, "/api/v1/assets/" + id, HttpStatusCode.NoContent);
        await a.Http.ExpectAsync(HttpMethod.Delete, "/api/v1/merchants/" + dm.Id, HttpStatusCode.NoContent);
    }
}
