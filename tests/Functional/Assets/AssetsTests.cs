using System.Net;
using System.Text;
using System.Text.Json;
using Steward.Functional.Infrastructure;
using Steward.Functional.Native;

namespace Steward.Functional.Assets;

/// <summary><c>/api/v1/assets</c>: each scope, JSON and uploaded files, names unique in a scope, changes, enable/disable, delete.</summary>
public sealed class AssetsTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task An_asset_is_created_in_each_scope_read_listed_changed_and_deleted()
    {
        using var a = await factory.NewTenantAsync();
        var tree = await a.Http.NewScopesAsync();
        using var created = await a.Http.PostJsonAsync("/api/v1/assets", new { name = "licence", scope = "global", content = "key=1", description = "The licence" });
        var global = await created.ExpectJsonAsync(HttpStatusCode.Created);
        Assert.StartsWith("asset-", global.Str("id"), StringComparison.Ordinal);
        Assert.Equal("/api/v1/assets/" + global.Str("id"), created.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
        Assert.Equal("global", global.Str("scope"));
        Assert.Equal(JsonValueKind.Null, global.GetProperty("scope_id").ValueKind);
        Assert.Equal(a.Id, global.Str("account_id"));
        Assert.Equal("key=1", global.Str("content"));
        Assert.Equal(5, global.Number("content_length"));
        Assert.False(global.GetProperty("secret").GetBoolean());
        Assert.True(global.GetProperty("enabled").GetBoolean());
        Assert.Empty(global.GetProperty("merchants").EnumerateArray());
        Assert.Equal(a.Id, global.Str("created_by"));

        // Upper case scope names (the Account Server's) are accepted; the same name lives in every scope.
        var ids = new List<string> { global.Str("id") };
        foreach (var (scope, scopeId) in new[] { ("ORGANISATION", tree.OrgId), ("unit", tree.UnitId), ("product", tree.ProductId), ("User", tree.UserId) })
        {
            var asset = await a.Http.NewAssetAsync(new { name = "licence", scope, scope_id = scopeId, content = "in " + scope });
            Assert.Equal(scope.ToLowerInvariant(), asset.Str("scope"));
            Assert.Equal(scopeId, asset.Str("scope_id"));
            ids.Add(asset.Str("id"));
        }

        Assert.Equal(ids, (await a.Http.GetOkAsync("/api/v1/assets")).Ids());
        var listed = (await a.Http.GetOkAsync("/api/v1/assets")).Items();
        Assert.All(listed, item => Assert.Equal(JsonValueKind.Null, item.GetProperty("content").ValueKind));
        Assert.Equal([ids[2]], (await a.Http.GetOkAsync("/api/v1/assets?scope=unit")).Ids());
        Assert.Equal([ids[1]], (await a.Http.GetOkAsync("/api/v1/assets?scope_id=" + tree.OrgId)).Ids());
        Assert.Equal([ids[3]], (await a.Http.GetOkAsync($"/api/v1/assets?scope=product&scope_id={tree.ProductId}")).Ids());
        Assert.Equal([ids[0]], (await a.Http.GetOkAsync("/api/v1/assets?scope=GLOBAL")).Ids());
        var page = await a.Http.GetOkAsync("/api/v1/assets?limit=2");
        Assert.Equal(ids.Take(2), page.Ids());
        Assert.Equal(ids, (await a.Http.ListAllAsync("/api/v1/assets", limit: 2)).Select(i => i.Str("id")));

        var read = await a.Http.GetOkAsync("/api/v1/assets/" + ids[2]);
        Assert.Equal("in unit", read.Str("content"));
        Assert.Equal("licence", read.Str("name"));

        // A change: name, description and content, under If-Match; a stale version is refused.
        using (var changed = await a.Http.PatchJsonAsync("/api/v1/assets/" + ids[0], new { name = "licence-2", description = "", content = "key=2" }, "\"1\""))
        {
            var body = await changed.ExpectJsonAsync(HttpStatusCode.OK);
            Assert.Equal("licence-2", body.Str("name"));
            Assert.Equal(JsonValueKind.Null, body.GetProperty("description").ValueKind);
            Assert.Equal("key=2", body.Str("content"));
            Assert.Equal(2, body.Number("version"));
            Assert.Equal("\"2\"", changed.Headers.ETag?.Tag);
        }

        using (var stale = await a.Http.PatchJsonAsync("/api/v1/assets/" + ids[0], new { content = "key=3" }, "\"1\""))
        {
            await stale.ExpectProblemAsync(HttpStatusCode.PreconditionFailed, "version-conflict");
        }

        // Nothing to change changes nothing.
        Assert.Equal(2, (await a.Http.ExpectAsync(HttpMethod.Patch, "/api/v1/assets/" + ids[0], HttpStatusCode.OK, new { })).Number("version"));

        await a.Http.ExpectAsync(HttpMethod.Delete, "/api/v1/assets/" + ids[4], HttpStatusCode.NoContent);
        await a.Http.ExpectProblemAsync(HttpMethod.Get, "/api/v1/assets/" + ids[4], HttpStatusCode.NotFound, code: "not-found");
        Assert.Equal(ids.Take(4), (await a.Http.GetOkAsync("/api/v1/assets")).Ids());

        var events = await a.Http.EventsAsync();
        Assert.Equal(5, events.Count(e => e.Str("type") == "asset.created"));
        var updated = Assert.Single(events, e => e.Str("type") == "asset.updated");
        Assert.True(updated.GetProperty("data").GetProperty("content_changed").GetBoolean());
        Assert.Equal("licence-2", updated.GetProperty("data").Str("name"));
        Assert.Equal(ids[4], Assert.Single(events, e => e.Str("type") == "asset.deleted").Str("subject_id"));
        Assert.All(events.Where(e => e.Str("type").StartsWith("asset.", StringComparison.Ordinal)), e => Assert.False(e.GetProperty("data").TryGetProperty("content", out _)));
    }

    [StewardFact]
    public async Task Content_may_be_an_uploaded_file_and_an_empty_file_part_means_no_file()
    {
        using var a = await factory.NewTenantAsync();
        var tree = await a.Http.NewScopesAsync();
        var text = "line one\nline two é\n";
        using (var form = AssetKit.Form([("name", "settings"), ("scope", "UNIT"), ("scope_id", tree.UnitId), ("secret", "False"), ("description", "from a file")],
            ("content_file", "settings.txt", Encoding.UTF8.GetBytes(text))))
        using (var created = await a.Http.SendFormAsync(HttpMethod.Post, "/api/v1/assets", form))
        {
            var asset = await created.ExpectJsonAsync(HttpStatusCode.Created);
            Assert.Equal(text, asset.Str("content"));
            Assert.Equal(Encoding.UTF8.GetByteCount(text), asset.Number("content_length"));
            Assert.Equal("from a file", asset.Str("description"));
        }

        // The Account Server's Python client sends a file part with an empty file name when it has no file.
        using (var form = AssetKit.Form([("name", "plain"), ("scope", "global"), ("secret", "True"), ("content", "from text")],
            ("content_file", "", Encoding.UTF8.GetBytes("# the client's own source, to be ignored"))))
        using (var created = await a.Http.SendFormAsync(HttpMethod.Post, "/api/v1/assets", form))
        {
            var asset = await created.ExpectJsonAsync(HttpStatusCode.Created);
            Assert.True(asset.GetProperty("secret").GetBoolean());
            Assert.Equal("from text".Length, asset.Number("content_length"));
        }

        // A change may upload a file too (a byte-order mark is dropped).
        var id = (await a.Http.GetOkAsync("/api/v1/assets?scope=unit")).Ids().Single();
        using (var form = AssetKit.Form([], ("content_file", "new.txt", [0xEF, 0xBB, 0xBF, .. "v2"u8])))
        using (var changed = await a.Http.SendFormAsync(HttpMethod.Patch, "/api/v1/assets/" + id, form))
        {
            Assert.Equal("v2", (await changed.ExpectJsonAsync(HttpStatusCode.OK)).Str("content"));
        }
    }

    [StewardFact]
    public async Task A_name_is_unique_within_its_scope()
    {
        using var a = await factory.NewTenantAsync();
        var tree = await a.Http.NewScopesAsync();
        var otherUnit = (await a.Http.NewUnitAsync(tree.OrgId)).Str("id");
        await a.Http.NewAssetAsync(new { name = "db", scope = "unit", scope_id = tree.UnitId, content = "x" });
        using (var taken = await a.Http.PostJsonAsync("/api/v1/assets", new { name = "db", scope = "unit", scope_id = tree.UnitId, content = "y" }))
        {
            await taken.ExpectFieldConflictAsync("name");
        }

        await a.Http.NewAssetAsync(new { name = "db", scope = "unit", scope_id = otherUnit, content = "y" });
        await a.Http.NewAssetAsync(new { name = "db", scope = "global", content = "z" });
        using (var taken = await a.Http.PostJsonAsync("/api/v1/assets", new { name = "db", scope = "global", content = "z" }))
        {
            await taken.ExpectFieldConflictAsync("name");
        }

        // Renaming onto a taken name is refused too, and changes nothing.
        var other = await a.Http.NewAssetAsync(new { name = "cache", scope = "unit", scope_id = tree.UnitId, content = "c" });
        using (var rename = await a.Http.PatchJsonAsync("/api/v1/assets/" + other.Str("id"), new { name = "db" }))
        {
            await rename.ExpectFieldConflictAsync("name");
        }

        Assert.Equal("cache", (await a.Http.GetOkAsync("/api/v1/assets/" + other.Str("id"))).Str("name"));
        Assert.Equal(4, (await a.Http.GetOkAsync("/api/v1/assets")).Items().Count);
    }

    [StewardFact]
    public async Task Disabling_and_enabling_change_the_state_once()
    {
        using var a = await factory.NewTenantAsync();
        var id = (await a.Http.NewGlobalAssetAsync()).Str("id");
        var disabled = await a.Http.ExpectAsync(HttpMethod.Post, $"/api/v1/assets/{id}/disable", HttpStatusCode.OK);
        Assert.False(disabled.GetProperty("enabled").GetBoolean());
        await a.Http.ExpectAsync(HttpMethod.Post, $"/api/v1/assets/{id}/disable", HttpStatusCode.OK);
        Assert.True((await a.Http.ExpectAsync(HttpMethod.Post, $"/api/v1/assets/{id}/enable", HttpStatusCode.OK)).GetProperty("enabled").GetBoolean());
        Assert.Equal(["asset.created", "asset.disabled", "asset.enabled"], (await a.Http.EventsOfAsync(id)).Select(e => e.Str("type")));

        var off = await a.Http.NewAssetAsync(new { name = "off", scope = "global", content = "x", enabled = false });
        Assert.False(off.GetProperty("enabled").GetBoolean());
    }
}
