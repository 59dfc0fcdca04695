using System.Net;
using Steward.Functional.Infrastructure;

namespace Steward.Functional.Native;

/// <summary>Merchants: <c>/api/v1/merchants</c>, their keys and tokens, and whose products they may charge.</summary>
public sealed class MerchantsTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task Platform_merchants_are_seen_by_every_account_and_an_accounts_own_only_by_it()
    {
        using var a = await factory.NewTenantAsync();
        using var b = await factory.NewTenantAsync();
        using var platform = await factory.NewPlatformMerchantAsync();
        using var ownA = await factory.NewMerchantAsync(a.Http);
        using var ownB = await factory.NewMerchantAsync(b.Http);

        var seenByA = (await a.Http.ListAllAsync("/api/v1/merchants")).Select(m => m.Str("id")).ToList();
        Assert.Contains(platform.Id, seenByA);
        Assert.Contains(ownA.Id, seenByA);
        Assert.DoesNotContain(ownB.Id, seenByA);

        var read = await a.Http.GetOkAsync("/api/v1/merchants/" + platform.Id);
        Assert.Equal(JsonValueKindNull, read.GetProperty("account_id").ValueKind);
        Assert.Equal("DATA_MANAGER", read.Str("kind"));
        Assert.Equal("dm.example.com", read.Str("api_hostname"));
        Assert.Equal(platform.Number, read.GetProperty("number").GetInt64());
        Assert.False(read.TryGetProperty("api_secret", out _));
        Assert.Equal(a.Id, (await a.Http.GetOkAsync("/api/v1/merchants/" + ownA.Id)).Str("account_id"));

        await a.Http.ExpectProblemAsync(HttpMethod.Get, "/api/v1/merchants/" + ownB.Id, HttpStatusCode.NotFound, code: "not-found");
        await a.Http.ExpectProblemAsync(HttpMethod.Patch, "/api/v1/merchants/" + ownB.Id, HttpStatusCode.NotFound, new { name = "x" }, "not-found");
        await a.Http.ExpectProblemAsync(HttpMethod.Delete, "/api/v1/merchants/" + ownB.Id, HttpStatusCode.NotFound, code: "not-found");

        // An account reads the platform's merchants but does not change them.
        await a.Http.ExpectProblemAsync(HttpMethod.Patch, "/api/v1/merchants/" + platform.Id, HttpStatusCode.Forbidden, new { name = "mine" }, "forbidden");
        await a.Http.ExpectProblemAsync(HttpMethod.Delete, "/api/v1/merchants/" + platform.Id, HttpStatusCode.Forbidden, code: "forbidden");

        // Numbers are distinct and stable; a merchant sees itself.
        Assert.Equal(3, new[] { platform.Number, ownA.Number, ownB.Number }.Distinct().Count());
        Assert.Equal([ownA.Id], (await ownA.Http.GetOkAsync("/api/v1/merchants")).Ids());
    }

    [StewardFact]
    public async Task An_accounts_merchant_charges_its_account_alone_and_a_platform_merchant_any_account()
    {
        using var a = await factory.NewTenantAsync();
        using var b = await factory.NewTenantAsync();
        using var platform = await factory.NewPlatformMerchantAsync();
        using var ownA = await factory.NewMerchantAsync(a.Http);
        var (_, _, productA) = await a.Http.NewProductTreeAsync();
        var (_, _, productB) = await b.Http.NewProductTreeAsync();

        await ownA.Http.ChargeAsync(BillingKit.Line(productA, "1"));
        await platform.Http.ChargeAsync(BillingKit.Line(productA, "1"), BillingKit.Line(productB, "1"));

        // Another account's product does not exist for A's merchant; the whole batch is refused.
        using (var response = await ownA.Http.PostChargesAsync(BillingKit.Line(productA, "5"), BillingKit.Line(productB, "5")))
        {
            var problem = await response.ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
            Assert.True(problem.GetProperty("errors").TryGetProperty("lines[1].product_id", out _), problem.ToString());
        }

        using (var response = await ownA.Http.PostChargesAsync(BillingKit.Line(NativeKit.UnknownId("product"), "5")))
        {
            await response.ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
        }

        Assert.Equal(2m, (await a.Http.GetOkAsync("/api/v1/products/" + productA)).Coins().Dec("used"));
        Assert.Equal(1m, (await b.Http.GetOkAsync("/api/v1/products/" + productB)).Coins().Dec("used"));

        // Merchants read the products they may charge, and no others.
        Assert.Equal(productA, (await ownA.Http.GetOkAsync("/api/v1/products/" + productA)).Str("id"));
        await ownA.Http.ExpectProblemAsync(HttpMethod.Get, "/api/v1/products/" + productB, HttpStatusCode.NotFound, code: "not-found");
        Assert.Equal(productB, (await platform.Http.GetOkAsync("/api/v1/products/" + productB)).Str("id"));

        // External ids are per merchant: another merchant's same id is not a duplicate.
        var line = BillingKit.Line(productA, "1", "shared-id");
        Assert.Equal((1, 0), await ownA.Http.ChargeAsync(line));
        Assert.Equal((1, 0), await platform.Http.ChargeAsync(line));
        Assert.Equal((0, 1), await platform.Http.ChargeAsync(line));
    }

    [StewardFact]
    public async Task A_merchant_cannot_manage_tenancy_and_its_keys_behave_like_any_credential()
    {
        using var a = await factory.NewTenantAsync();
        using var own = await factory.NewMerchantAsync(a.Http);
        var orgId = (await a.Http.NewOrganisationAsync()).Str("id");

        await own.Http.ExpectProblemAsync(HttpMethod.Post, "/api/v1/organisations", HttpStatusCode.Forbidden, new { name = "by-merchant" }, "forbidden");
        await own.Http.ExpectProblemAsync(HttpMethod.Post, "/api/v1/users", HttpStatusCode.Forbidden, new { username = "m", email = "m@example.com" }, "forbidden");
        await own.Http.ExpectProblemAsync(HttpMethod.Get, "/api/v1/organisations/" + orgId, HttpStatusCode.NotFound, code: "not-found");
        await own.Http.ExpectProblemAsync(HttpMethod.Post, "/api/v1/merchants", HttpStatusCode.Forbidden, new { name = "n", kind = "DATA_MANAGER", api_hostname = "h" }, "forbidden");
        Assert.Empty((await own.Http.GetOkAsync("/api/v1/organisations")).Items());
        Assert.Empty((await own.Http.GetOkAsync("/api/v1/products")).Items());

        var current = await own.Http.GetOkAsync("/api/v1/tokens/current");
        Assert.Equal("merchant", current.Str("kind"));
        Assert.Equal(a.Id, current.Str("account_id"));
        using (var platform = await factory.NewPlatformMerchantAsync())
        {
            var platformToken = await platform.Http.GetOkAsync("/api/v1/tokens/current");
            Assert.Equal(System.Text.Json.JsonValueKind.Null, platformToken.GetProperty("account_id").ValueKind);
            Assert.Equal(platform.Id, platformToken.Str("subject"));

            // A platform merchant manages its own keys (it has no account); an account does not reach them.
            var second = await platform.Http.NewCredentialAsync(label: "rotation");
            Assert.Equal(2, (await platform.Http.GetOkAsync("/api/v1/credentials")).Items().Count);
            await platform.Http.ExpectAsync(HttpMethod.Post, $"/api/v1/credentials/{second.Str("id")}/rotate", HttpStatusCode.OK);
            await a.Http.ExpectProblemAsync(HttpMethod.Get, "/api/v1/credentials/" + second.Str("id"), HttpStatusCode.NotFound, code: "not-found");
            await a.Http.ExpectProblemAsync(HttpMethod.Get, "/api/v1/credentials?owner_id=" + platform.Id, HttpStatusCode.NotFound, code: "not-found");
        }

        // The account manages its merchant's keys: an extra key, then revoking it stops its tokens.
        var extra = await a.Http.NewCredentialAsync(own.Id, "second");
        Assert.StartsWith("MAK", extra.Str("api_key"), StringComparison.Ordinal);
        var extraToken = await factory.CreateClient().TokenAsync(extra.Str("api_key"), extra.Str("api_secret"));
        Assert.Equal(HttpStatusCode.OK, await factory.TokenStatusAsync(extraToken));
        await a.Http.ExpectAsync(HttpMethod.Delete, "/api/v1/credentials/" + extra.Str("id"), HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.Unauthorized, await factory.TokenStatusAsync(extraToken));

        // Deleting the merchant deletes its keys and stops its tokens at once.
        await a.Http.ExpectAsync(HttpMethod.Delete, "/api/v1/merchants/" + own.Id, HttpStatusCode.NoContent);
        using var probe = await own.Http.GetAsync(new Uri("/api/v1/tokens/current", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, probe.StatusCode);
        using var login = await factory.CreateClient().PostFormAsync("/oauth/token", new() { ["grant_type"] = "client_credentials", ["client_id"] = own.ApiKey, ["client_secret"] = own.ApiSecret });
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    [StewardFact]
    public async Task A_merchant_with_charges_or_a_claim_is_not_deleted()
    {
        using var a = await factory.NewTenantAsync();
        using var charging = await factory.NewMerchantAsync(a.Http);
        using var claiming = await factory.NewMerchantAsync(a.Http);
        var (_, unitId, productId) = await a.Http.NewProductTreeAsync();
        await charging.Http.ChargeAsync(BillingKit.Line(productId, "1"));
        using (var tier = await a.Http.PostJsonAsync($"/api/v1/units/{unitId}/products", new { name = "tier", type = BillingKit.Tier, flavour = "GOLD" }))
        {
            var tierId = (await tier.ExpectJsonAsync(HttpStatusCode.Created)).Str("id");
            await claiming.Http.ExpectAsync(HttpMethod.Put, $"/api/v1/products/{tierId}/claim", HttpStatusCode.OK, new { id = "project-1" });
        }

        await a.Http.ExpectProblemAsync(HttpMethod.Delete, "/api/v1/merchants/" + charging.Id, HttpStatusCode.Conflict, code: "conflict");
        await a.Http.ExpectProblemAsync(HttpMethod.Delete, "/api/v1/merchants/" + claiming.Id, HttpStatusCode.Conflict, code: "conflict");
        Assert.Equal(charging.Id, (await a.Http.GetOkAsync("/api/v1/merchants/" + charging.Id)).Str("id"));
    }

    [StewardFact]
    public async Task Update_honours_if_match_and_bad_input_is_named()
    {
        using var root = await factory.RootClientAsync();
        using var a = await factory.NewTenantAsync();
        using var m = await factory.NewMerchantAsync(a.Http);

        using (var patched = await a.Http.PatchJsonAsync("/api/v1/merchants/" + m.Id, new { name = "renamed", api_hostname = "dm2.example.com:8443" }, ifMatch: "\"1\""))
        {
            var body = await patched.ExpectJsonAsync(HttpStatusCode.OK);
            Assert.Equal("renamed", body.Str("name"));
            Assert.Equal("dm2.example.com:8443", body.Str("api_hostname"));
            Assert.Equal(2, body.Number("version"));
        }

        using (var stale = await a.Http.PatchJsonAsync("/api/v1/merchants/" + m.Id, new { name = "lost" }, ifMatch: "\"1\""))
        {
            await stale.ExpectProblemAsync(HttpStatusCode.PreconditionFailed, "version-conflict");
        }

        foreach (var (body, field) in new (object, string)[]
        {
            (new { kind = "DATA_MANAGER", api_hostname = "h" }, "name"),
            (new { name = "n", kind = "BILLING", api_hostname = "h" }, "kind"),
            (new { name = "n", api_hostname = "h" }, "kind"),
            (new { name = "n", kind = "DATA_MANAGER" }, "api_hostname"),
            (new { name = "n", kind = "DATA_MANAGER", api_hostname = "has space" }, "api_hostname"),
            (new { name = new string('n', 81), kind = "DATA_MANAGER", api_hostname = "h" }, "name"),
            (new { name = "n", kind = "DATA_MANAGER", api_hostname = "h", account_id = "acct-nope" }, "account_id"),
        })
        {
            using var response = await root.PostJsonAsync("/api/v1/merchants", body);
            await response.ExpectValidationAsync(field);
        }

        // Root may register a merchant for an account; an account only for itself.
        using (var forA = await root.PostJsonAsync("/api/v1/merchants", new { name = "for-a", kind = "DATA_MANAGER", api_hostname = "h", account_id = a.Id }))
        {
            Assert.Equal(a.Id, (await forA.ExpectJsonAsync(HttpStatusCode.Created)).Str("account_id"));
        }

        using var b = await factory.NewTenantAsync();
        using (var other = await a.Http.PostJsonAsync("/api/v1/merchants", new { name = "x", kind = "DATA_MANAGER", api_hostname = "h", account_id = b.Id }))
        {
            await other.ExpectValidationAsync("account_id");
        }

        using (var unknown = await root.PostJsonAsync("/api/v1/merchants", new { name = "x", kind = "DATA_MANAGER", api_hostname = "h", account_id = NativeKit.UnknownId("acct") }))
        {
            await unknown.ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
        }
    }

    [StewardFact]
    public async Task Deleting_an_account_deletes_its_merchants_products_and_ledger_and_leaves_others_alone()
    {
        using var root = await factory.RootClientAsync();
        using var platform = await factory.NewPlatformMerchantAsync();
        var doomed = await factory.NewTenantAsync();
        using var kept = await factory.NewTenantAsync();
        using var own = await factory.NewMerchantAsync(doomed.Http);
        var (_, doomedUnit, doomedProduct) = await doomed.Http.NewProductTreeAsync();
        var (_, _, keptProduct) = await kept.Http.NewProductTreeAsync();
        using (var tier = await doomed.Http.PostJsonAsync($"/api/v1/units/{doomedUnit}/products", new { name = "t", type = BillingKit.Tier, flavour = "GOLD" }))
        {
            var tierId = (await tier.ExpectJsonAsync(HttpStatusCode.Created)).Str("id");
            await own.Http.ExpectAsync(HttpMethod.Put, $"/api/v1/products/{tierId}/claim", HttpStatusCode.OK, new { id = "project" });
        }

        await own.Http.ChargeAsync(BillingKit.Line(doomedProduct, "1"));
        await platform.Http.ChargeAsync(BillingKit.Line(doomedProduct, "2"), BillingKit.Line(keptProduct, "3"));

        await root.ExpectAsync(HttpMethod.Delete, "/api/v1/accounts/" + doomed.Id, HttpStatusCode.NoContent);
        doomed.Dispose();

        await root.ExpectProblemAsync(HttpMethod.Get, "/api/v1/merchants/" + own.Id, HttpStatusCode.NotFound, code: "not-found");
        await root.ExpectProblemAsync(HttpMethod.Get, "/api/v1/products/" + doomedProduct, HttpStatusCode.NotFound, code: "not-found");
        using (var probe = await own.Http.GetAsync(new Uri("/api/v1/tokens/current", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, probe.StatusCode);
        }

        Assert.Equal(3m, (await kept.Http.GetOkAsync("/api/v1/products/" + keptProduct)).Coins().Dec("used"));
        Assert.Equal(platform.Id, (await root.GetOkAsync("/api/v1/merchants/" + platform.Id)).Str("id"));
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}
