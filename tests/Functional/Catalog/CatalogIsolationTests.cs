using System.Net;
using System.Text.Json;
using Steward.Functional.Infrastructure;
using Steward.Functional.Native;

namespace Steward.Functional.Catalog;

/// <summary>
/// Another account's plans, product types and subscriptions do not exist for a caller (404, never
/// 403), and nothing of them changes; within an account, organisations and users see only their part.
/// </summary>
public sealed class CatalogIsolationTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    private sealed record World(Tenant A, JsonElement Plan, string OrgId, string UserId, string SubscriptionId);

    private async Task<World> BuildAsync()
    {
        var a = await factory.NewTenantAsync();
        var plan = await a.Http.NewPlanAsync();
        await a.Http.PostJsonAsync("/api/v1/product-types", new { code = "A_ONLY", kind = "storage" });
        var orgId = (await a.Http.NewOrganisationAsync()).Str("id");
        var userId = (await a.Http.NewUserAsync(organisationId: orgId)).Str("id");
        var sub = await a.Http.SubscribeAsync(userId, plan.Str("uid"));
        return new World(a, plan, orgId, userId, sub.Str("id"));
    }

    private static async Task<string> SnapshotAsync(World w)
    {
        var http = w.A.Http;
        var parts = new[]
        {
            await http.GetOkAsync("/api/v1/plans"),
            await http.GetOkAsync("/api/v1/product-types"),
            await http.GetOkAsync("/api/v1/subscriptions/" + w.SubscriptionId),
            await http.GetOkAsync($"/api/v1/users/{w.UserId}/subscriptions"),
        };
        return string.Join("\n", parts.Select(p => p.GetRawText()));
    }

    [StewardFact]
    public async Task Another_account_gets_404_for_every_read_and_write()
    {
        var w = await BuildAsync();
        using var a = w.A;
        using var b = await factory.NewTenantAsync();
        var before = await SnapshotAsync(w);
        var number = w.Plan.GetProperty("id").GetInt64();
        var bUser = (await b.Http.NewUserAsync()).Str("id");

        foreach (var (method, url, body) in new (HttpMethod, string, object?)[]
        {
            (HttpMethod.Get, "/api/v1/plans/" + number, null),
            (HttpMethod.Get, "/api/v1/plans/" + w.Plan.Str("uid"), null),
            (HttpMethod.Patch, "/api/v1/plans/" + number, new { name = "stolen", enabled = false }),
            (HttpMethod.Delete, "/api/v1/plans/" + number, null),
            (HttpMethod.Get, "/api/v1/product-types/A_ONLY", null),
            (HttpMethod.Get, "/api/v1/subscriptions/" + w.SubscriptionId, null),
            (HttpMethod.Patch, "/api/v1/subscriptions/" + w.SubscriptionId, new { recurring = false }),
            (HttpMethod.Get, $"/api/v1/users/{w.UserId}/subscriptions", null),
            (HttpMethod.Post, $"/api/v1/users/{w.UserId}/subscriptions", new { plan_id = number }),
            (HttpMethod.Post, $"/api/v1/users/{w.UserId}/subscriptions/stop-auto-renew", null),
            (HttpMethod.Post, $"/api/v1/users/{w.UserId}/subscriptions/credits", new { amount = 5 }),
            (HttpMethod.Post, $"/api/v1/users/{w.UserId}/subscriptions/lifetime", new { feature_level = "x" }),
            // B's own user cannot buy A's plan: it is not in B's catalog.
            (HttpMethod.Post, $"/api/v1/users/{bUser}/subscriptions", new { plan_id = number }),
            (HttpMethod.Post, $"/api/v1/users/{bUser}/subscriptions/free-trial", new { plan_id = number }),
        })
        {
            await b.Http.ExpectProblemAsync(method, url, HttpStatusCode.NotFound, body, "not-found");
        }

        Assert.Empty((await b.Http.GetOkAsync("/api/v1/plans")).Items());
        Assert.Equal(2, (await b.Http.GetOkAsync("/api/v1/product-types")).Items().Count);
        Assert.Empty((await b.Http.GetOkAsync("/api/v1/subscriptions")).Items());
        Assert.Equal(before, await SnapshotAsync(w));
        Assert.DoesNotContain(await b.Http.EventsAsync(), e => e.Str("type").StartsWith("plan.", StringComparison.Ordinal));
    }

    [StewardFact]
    public async Task Organisations_and_users_see_only_their_own_subscriptions()
    {
        var w = await BuildAsync();
        using var a = w.A;
        var otherOrg = (await a.Http.NewOrganisationAsync()).Str("id");
        var outsider = (await a.Http.NewUserAsync(organisationId: otherOrg)).Str("id");
        var outsiderSub = (await a.Http.SubscribeAsync(outsider, w.Plan.Str("uid"))).Str("id");

        // The organisation's own credential: its homed users' subscriptions only.
        var orgCredential = await a.Http.NewCredentialAsync(w.OrgId);
        using var org = factory.ClientWithToken(await factory.CreateClient().TokenAsync(orgCredential.Str("api_key"), orgCredential.Str("api_secret")));
        Assert.Equal([w.SubscriptionId], (await org.GetOkAsync("/api/v1/subscriptions")).Ids());
        await org.ExpectProblemAsync(HttpMethod.Get, "/api/v1/subscriptions/" + outsiderSub, HttpStatusCode.NotFound, code: "not-found");
        Assert.Single((await org.GetOkAsync("/api/v1/plans")).Items());

        // A user: its own only; it may read but not change it.
        using var user = factory.ClientWithToken(await a.Http.MintUserTokenAsync(w.UserId));
        Assert.Equal([w.SubscriptionId], (await user.GetOkAsync("/api/v1/subscriptions")).Ids());
        await user.ExpectProblemAsync(HttpMethod.Get, "/api/v1/subscriptions/" + outsiderSub, HttpStatusCode.NotFound, code: "not-found");
        await user.ExpectProblemAsync(HttpMethod.Get, $"/api/v1/users/{outsider}/subscriptions", HttpStatusCode.NotFound, code: "not-found");
        await user.ExpectProblemAsync(HttpMethod.Post, $"/api/v1/users/{w.UserId}/subscriptions/lifetime", HttpStatusCode.Forbidden, new { feature_level = "x" }, "forbidden");

        // The account sees both.
        Assert.Equal(2, (await a.Http.GetOkAsync("/api/v1/subscriptions")).Items().Count);
    }
}
