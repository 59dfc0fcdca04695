using System.Net;
using Steward.Functional.Infrastructure;
using Steward.Functional.Native;

namespace Steward.Functional.Assets;

/// <summary>Tenant isolation on every asset route, and who in an account reaches which asset.</summary>
public sealed class AssetsIsolationTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task Another_accounts_asset_is_not_found_on_every_route()
    {
        using var a = await factory.NewTenantAsync();
        using var b = await factory.NewTenantAsync();
        using var platform = await factory.NewPlatformMerchantAsync();
        var tree = await a.Http.NewScopesAsync();
        var id = (await a.Http.NewAssetAsync(new { name = "cfg", scope = "organisation", scope_id = tree.OrgId, content = "x" })).Str("id");

        var url = "/api/v1/assets/" + id;
        foreach (var (method, path, body) in new (HttpMethod, string, object?)[]
        {
            (HttpMethod.Get, url, null),
            (HttpMethod.Patch, url, new { content = "mine" }),
            (HttpMethod.Delete, url, null),
            (HttpMethod.Post, url + "/enable", null),
            (HttpMethod.Post, url + "/disable", null),
            (HttpMethod.Put, $"{url}/merchants/{platform.Id}", null),
            (HttpMethod.Delete, $"{url}/merchants/{platform.Id}", null),
            (HttpMethod.Get, url + "/content", null),
        })
        {
            await b.Http.ExpectProblemAsync(method, path, HttpStatusCode.NotFound, body, "not-found");
        }

        Assert.Empty((await b.Http.GetOkAsync("/api/v1/assets")).Items());
        Assert.Empty((await b.Http.GetOkAsync("/api/v1/assets?scope_id=" + tree.OrgId)).Items());

        // Nor may B put an asset into A's organisation, unit, product or user.
        foreach (var (scope, scopeId) in new[] { ("organisation", tree.OrgId), ("unit", tree.UnitId), ("product", tree.ProductId), ("user", tree.UserId) })
        {
            using var response = await b.Http.PostJsonAsync("/api/v1/assets", new { name = "intruder", scope, scope_id = scopeId, content = "x" });
            await response.ExpectValidationAsync("scope_id");
        }

        // A malformed id is answered like an unknown one.
        await a.Http.ExpectProblemAsync(HttpMethod.Get, "/api/v1/assets/not-an-id", HttpStatusCode.NotFound, code: "not-found");
        await a.Http.ExpectProblemAsync(HttpMethod.Get, "/api/v1/assets/" + NativeKit.UnknownId("asset"), HttpStatusCode.NotFound, code: "not-found");
        Assert.Equal([id], (await a.Http.GetOkAsync("/api/v1/assets")).Ids());
        Assert.Equal(1, (await a.Http.GetOkAsync(url)).Number("version"));
    }

    [StewardFact]
    public async Task Another_accounts_merchant_cannot_be_attached_and_an_unattached_merchant_reads_nothing()
    {
        using var a = await factory.NewTenantAsync();
        using var b = await factory.NewTenantAsync();
        using var ownA = await factory.NewMerchantAsync(a.Http);
        using var ownB = await factory.NewMerchantAsync(b.Http);
        using var platform = await factory.NewPlatformMerchantAsync();
        using var root = await factory.RootClientAsync();
        var id = (await a.Http.NewGlobalAssetAsync("secret-a", secret: true)).Str("id");

        await a.Http.ExpectProblemAsync(HttpMethod.Put, $"/api/v1/assets/{id}/merchants/{ownB.Id}", HttpStatusCode.NotFound, code: "not-found");
        await root.ExpectProblemAsync(HttpMethod.Put, $"/api/v1/assets/{id}/merchants/{ownB.Id}", HttpStatusCode.NotFound, code: "not-found");
        await a.Http.ExpectProblemAsync(HttpMethod.Put, $"/api/v1/assets/{id}/merchants/{NativeKit.UnknownId("merchant")}", HttpStatusCode.NotFound, code: "not-found");
        Assert.Empty((await a.Http.GetOkAsync("/api/v1/assets/" + id)).GetProperty("merchants").EnumerateArray());

        await a.Http.ExpectAsync(HttpMethod.Put, $"/api/v1/assets/{id}/merchants/{ownA.Id}", HttpStatusCode.OK);
        Assert.Equal("secret-a", (await ownA.Http.GetOkAsync($"/api/v1/assets/{id}/content")).Str("content"));

        // Merchants it is not attached to: B's own and a platform merchant, see nothing of it.
        foreach (var outsider in new[] { ownB, platform })
        {
            await outsider.Http.ExpectProblemAsync(HttpMethod.Get, $"/api/v1/assets/{id}/content", HttpStatusCode.NotFound, code: "not-found");
            await outsider.Http.ExpectProblemAsync(HttpMethod.Get, "/api/v1/assets/" + id, HttpStatusCode.NotFound, code: "not-found");
            await outsider.Http.ExpectProblemAsync(HttpMethod.Patch, "/api/v1/assets/" + id, HttpStatusCode.NotFound, new { content = "x" }, "not-found");
            Assert.Empty((await outsider.Http.GetOkAsync("/api/v1/assets")).Items());
        }

        // A merchant sees itself among an asset's merchants, and no other.
        await a.Http.ExpectAsync(HttpMethod.Put, $"/api/v1/assets/{id}/merchants/{platform.Id}", HttpStatusCode.OK);
        Assert.Equal([ownA.Id], (await ownA.Http.GetOkAsync("/api/v1/assets/" + id)).GetProperty("merchants").EnumerateArray().Select(m => m.Str("id")));
        Assert.Equal(2, (await a.Http.GetOkAsync("/api/v1/assets/" + id)).GetProperty("merchants").GetArrayLength());
    }

    [StewardFact]
    public async Task Users_reach_global_assets_their_own_and_their_organisations()
    {
        using var a = await factory.NewTenantAsync();
        var tree = await a.Http.NewScopesAsync();
        var otherOrg = (await a.Http.NewOrganisationAsync()).Str("id");
        var member = (await a.Http.NewUserAsync()).Str("id");
        var stranger = (await a.Http.NewUserAsync()).Str("id");
        await a.Http.AddMemberAsync(tree.OrgId, member, "member");
        using var asMember = factory.ClientWithToken(await a.Http.MintUserTokenAsync(member));
        using var asStranger = factory.ClientWithToken(await a.Http.MintUserTokenAsync(stranger));

        var global = (await a.Http.NewGlobalAssetAsync()).Str("id");
        var inOrg = (await a.Http.NewAssetAsync(new { name = "org", scope = "organisation", scope_id = tree.OrgId, content = "x" })).Str("id");
        var inUnit = (await a.Http.NewAssetAsync(new { name = "unit", scope = "unit", scope_id = tree.UnitId, content = "x" })).Str("id");
        var inOther = (await a.Http.NewAssetAsync(new { name = "other", scope = "organisation", scope_id = otherOrg, content = "x" })).Str("id");
        var ofMember = (await a.Http.NewAssetAsync(new { name = "mine", scope = "user", scope_id = member, content = "x" })).Str("id");

        Assert.Equal([global, inOrg, inUnit, ofMember], (await asMember.GetOkAsync("/api/v1/assets")).Ids());
        Assert.Equal([global], (await asStranger.GetOkAsync("/api/v1/assets")).Ids());
        await asStranger.ExpectProblemAsync(HttpMethod.Get, "/api/v1/assets/" + ofMember, HttpStatusCode.NotFound, code: "not-found");
        await asStranger.ExpectProblemAsync(HttpMethod.Get, "/api/v1/assets/" + inOrg, HttpStatusCode.NotFound, code: "not-found");
        await asMember.ExpectProblemAsync(HttpMethod.Get, "/api/v1/assets/" + inOther, HttpStatusCode.NotFound, code: "not-found");

        // A member changes its organisation's assets (the Account Server's rule) and makes its own.
        await asMember.ExpectAsync(HttpMethod.Patch, "/api/v1/assets/" + inUnit, HttpStatusCode.OK, new { content = "changed" });
        using (var own = await asMember.PostJsonAsync("/api/v1/assets", new { name = "notes", scope = "user", scope_id = member, content = "x" }))
        {
            Assert.Equal(member, (await own.ExpectJsonAsync(HttpStatusCode.Created)).Str("created_by"));
        }

        using (var notMine = await asStranger.PostJsonAsync("/api/v1/assets", new { name = "x", scope = "user", scope_id = member, content = "x" }))
        {
            await notMine.ExpectValidationAsync("scope_id");
        }

        using (var notMyOrg = await asStranger.PostJsonAsync("/api/v1/assets", new { name = "x", scope = "unit", scope_id = tree.UnitId, content = "x" }))
        {
            await notMyOrg.ExpectValidationAsync("scope_id");
        }
    }
}
