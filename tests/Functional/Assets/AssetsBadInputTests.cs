using System.Net;
using System.Text;
using Steward.Functional.Infrastructure;
using Steward.Functional.Native;

namespace Steward.Functional.Assets;

/// <summary>Each class of bad input to the asset endpoints: a 4xx problem naming the field, and nothing written.</summary>
public sealed class AssetsBadInputTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    private const int OneMiB = 1024 * 1024;

    [StewardFact]
    public async Task Bad_names_scopes_and_scope_ids_are_named()
    {
        using var a = await factory.NewTenantAsync();
        var tree = await a.Http.NewScopesAsync();
        var cases = new (object Body, string[] Fields)[]
        {
            (new { }, ["name", "scope", "content"]),
            (new { name = "Upper", scope = "global", content = "x" }, ["name"]),
            (new { name = "-lead", scope = "global", content = "x" }, ["name"]),
            (new { name = "trail-", scope = "global", content = "x" }, ["name"]),
            (new { name = "dot.ted", scope = "global", content = "x" }, ["name"]),
            (new { name = "with space", scope = "global", content = "x" }, ["name"]),
            (new { name = new string('a', 64), scope = "global", content = "x" }, ["name"]),
            (new { name = "n", scope = "galaxy", content = "x" }, ["scope"]),
            (new { name = "n", scope = "unit", content = "x" }, ["scope_id"]),
            (new { name = "n", scope = "global", scope_id = tree.OrgId, content = "x" }, ["scope_id"]),
            (new { name = "n", scope = "unit", scope_id = tree.OrgId, content = "x" }, ["scope_id"]),
            (new { name = "n", scope = "unit", scope_id = "unit-nonsense", content = "x" }, ["scope_id"]),
            (new { name = "n", scope = "unit", scope_id = NativeKit.UnknownId("unit"), content = "x" }, ["scope_id"]),
            (new { name = "n", scope = "product", scope_id = NativeKit.UnknownId("product"), content = "x" }, ["scope_id"]),
            (new { name = "n", scope = "user", scope_id = NativeKit.UnknownId("user"), content = "x" }, ["scope_id"]),
            (new { name = "n", scope = "organisation", scope_id = NativeKit.UnknownId("org"), content = "x" }, ["scope_id"]),
            (new { name = "n", scope = "global", content = "nul\0inside" }, ["content"]),
            (new { name = "n", scope = "global", content = "x", description = new string('d', 1001) }, ["description"]),
            (new { name = "n", scope = "global", content = "x", account_id = "acct-nope" }, ["account_id"]),
        };
        foreach (var (body, fields) in cases)
        {
            using var response = await a.Http.PostJsonAsync("/api/v1/assets", body);
            await response.ExpectValidationAsync(fields);
        }

        foreach (var (raw, field) in new[]
        {
            ("{\"name\":\"n\",\"scope\":\"global\",\"content\":\"x\",\"secret\":\"yes\"}", "secret"),
            ("{\"name\":\"n\",\"scope\":\"global\",\"content\":\"\\ud800\"}", "content"),
            ("{\"name\":5,\"scope\":\"global\",\"content\":\"x\"}", "name"),
            ("{\"name\":\"n\",", "body"),
        })
        {
            using var response = await a.Http.SendRawAsync(HttpMethod.Post, "/api/v1/assets", raw);
            await response.ExpectValidationAsync(field);
        }

        // A deleted product is no scope either.
        var doomed = (await a.Http.NewProductAsync(tree.UnitId)).Str("id");
        await a.Http.ExpectAsync(HttpMethod.Delete, "/api/v1/products/" + doomed, HttpStatusCode.NoContent);
        using (var gone = await a.Http.PostJsonAsync("/api/v1/assets", new { name = "n", scope = "product", scope_id = doomed, content = "x" }))
        {
            await gone.ExpectValidationAsync("scope_id");
        }

        Assert.Empty((await a.Http.GetOkAsync("/api/v1/assets")).Items());
    }

    [StewardFact]
    public async Task Content_over_the_limit_is_refused_with_413_naming_its_field()
    {
        using var a = await factory.NewTenantAsync();
        await a.Http.NewAssetAsync(new { name = "exactly", scope = "global", content = new string('x', OneMiB) });

        using (var response = await a.Http.PostJsonAsync("/api/v1/assets", new { name = "over", scope = "global", content = new string('x', OneMiB + 1) }))
        {
            var problem = await response.ExpectProblemAsync(HttpStatusCode.RequestEntityTooLarge, "limit-reached");
            Assert.True(problem.GetProperty("errors").TryGetProperty("content", out _), problem.ToString());
        }

        // Multi-byte characters count as their UTF-8 bytes.
        using (var response = await a.Http.PostJsonAsync("/api/v1/assets", new { name = "wide", scope = "global", content = new string('é', (OneMiB / 2) + 1) }))
        {
            await response.ExpectProblemAsync(HttpStatusCode.RequestEntityTooLarge, "limit-reached");
        }

        using (var form = AssetKit.Form([("name", "big-file"), ("scope", "global")], ("content_file", "big.bin", new byte[OneMiB + 1])))
        using (var response = await a.Http.SendFormAsync(HttpMethod.Post, "/api/v1/assets", form))
        {
            var problem = await response.ExpectProblemAsync(HttpStatusCode.RequestEntityTooLarge, "limit-reached");
            Assert.True(problem.GetProperty("errors").TryGetProperty("content_file", out _), problem.ToString());
        }

        // A change is held to the same limit, and leaves the asset as it was.
        var small = await a.Http.NewGlobalAssetAsync("small");
        using (var response = await a.Http.PatchJsonAsync("/api/v1/assets/" + small.Str("id"), new { content = new string('x', OneMiB + 1) }))
        {
            await response.ExpectProblemAsync(HttpStatusCode.RequestEntityTooLarge, "limit-reached");
        }

        // A body beyond what even escaped content needs is refused before it is read.
        using (var response = await a.Http.SendRawAsync(HttpMethod.Post, "/api/v1/assets", "{\"content\":\"" + new string('x', (5 * OneMiB) + 1) + "\"}"))
        {
            var problem = await response.ExpectProblemAsync(HttpStatusCode.RequestEntityTooLarge, "limit-reached");
            Assert.True(problem.GetProperty("errors").TryGetProperty("body", out _), problem.ToString());
        }

        Assert.Equal("small", (await a.Http.GetOkAsync("/api/v1/assets/" + small.Str("id"))).Str("content"));
        Assert.Equal(["exactly", small.Str("name")], (await a.Http.GetOkAsync("/api/v1/assets")).Items().Select(i => i.Str("name")));
    }

    [StewardFact]
    public async Task Malformed_or_contradictory_multipart_bodies_are_refused()
    {
        using var a = await factory.NewTenantAsync();
        using (var response = await a.Http.SendRawAsync(HttpMethod.Post, "/api/v1/assets", "--xyz\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nn", "multipart/form-data; boundary=xyz"))
        {
            await response.ExpectValidationAsync("body");
        }

        using (var response = await a.Http.SendRawAsync(HttpMethod.Post, "/api/v1/assets", "name=n", "multipart/form-data"))
        {
            await response.ExpectValidationAsync("body");
        }

        var cases = new (MultipartFormDataContent Form, string Field)[]
        {
            (AssetKit.Form([("name", "n"), ("scope", "global"), ("content", "text")], ("content_file", "f.txt", "file"u8.ToArray())), "content"),
            (AssetKit.Form([("name", "n"), ("scope", "global")], ("content_file", "f.bin", [0xFF, 0xFE, 0x00, 0xC3])), "content_file"),
            (AssetKit.Form([("name", "n"), ("scope", "global"), ("content", "x"), ("secret", "maybe")]), "secret"),
            (AssetKit.Form([("name", "n"), ("name", "m"), ("scope", "global"), ("content", "x")]), "name"),
            (AssetKit.Form([("name", "n"), ("scope", "global")], ("content_file", "a.txt", "a"u8.ToArray()), ("content_file", "b.txt", "b"u8.ToArray())), "content_file"),
        };
        foreach (var (form, field) in cases)
        {
            using (form)
            using (var response = await a.Http.SendFormAsync(HttpMethod.Post, "/api/v1/assets", form))
            {
                await response.ExpectValidationAsync(field);
            }
        }

        Assert.Empty((await a.Http.GetOkAsync("/api/v1/assets")).Items());
    }

    [StewardFact]
    public async Task What_is_set_at_creation_cannot_be_changed()
    {
        using var a = await factory.NewTenantAsync();
        var id = (await a.Http.NewGlobalAssetAsync()).Str("id");
        foreach (var (body, field) in new (object, string)[]
        {
            (new { secret = true }, "secret"),
            (new { scope = "unit" }, "scope"),
            (new { enabled = false }, "enabled"),
            (new { name = "Not A Label" }, "name"),
            (new { name = "" }, "name"),
        })
        {
            using var response = await a.Http.PatchJsonAsync("/api/v1/assets/" + id, body);
            await response.ExpectValidationAsync(field);
        }

        Assert.Equal(1, (await a.Http.GetOkAsync("/api/v1/assets/" + id)).Number("version"));
        await a.Http.ExpectProblemAsync(HttpMethod.Get, "/api/v1/assets?scope=galaxy", HttpStatusCode.BadRequest, code: "validation");
        await a.Http.ExpectProblemAsync(HttpMethod.Get, "/api/v1/assets?scope_id=nope-1", HttpStatusCode.BadRequest, code: "validation");
        await a.Http.ExpectProblemAsync(HttpMethod.Get, "/api/v1/assets?limit=0", HttpStatusCode.BadRequest, code: "validation");
    }

    [StewardFact]
    public async Task The_content_limit_is_configurable()
    {
        using var small = StewardFactory.With(("Steward:Assets:MaxContentBytes", "100"));
        using var a = await small.NewTenantAsync();
        await a.Http.NewAssetAsync(new { name = "fits", scope = "global", content = new string('é', 50) });
        using var response = await a.Http.PostJsonAsync("/api/v1/assets", new { name = "over", scope = "global", content = new string('x', 101) });
        var problem = await response.ExpectProblemAsync(HttpStatusCode.RequestEntityTooLarge, "limit-reached");
        Assert.Contains("100 bytes", problem.Str("detail"), StringComparison.Ordinal);
    }
}
