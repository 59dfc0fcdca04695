using System.Net;
using System.Text.Json;
using Steward.Functional.Infrastructure;

namespace Steward.Functional.Native;

/// <summary>
/// Another account's merchants, products and charges do not exist for a caller: every read, change
/// and charge answers 404 and changes nothing.
/// </summary>
public sealed class BillingIsolationTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task Another_account_gets_404_for_every_billing_resource_and_changes_nothing()
    {
        using var a = await factory.NewTenantAsync();
        using var b = await factory.NewTenantAsync();
        using var merchantA = await factory.NewMerchantAsync(a.Http);
        using var merchantB = await factory.NewMerchantAsync(b.Http);
        var (orgId, unitId, productId) = await a.Http.NewProductTreeAsync();
        var tierId = (await (await a.Http.PostJsonAsync($"/api/v1/units/{unitId}/products", new { name = "t", type = BillingKit.Tier, flavour = "GOLD" })).ExpectJsonAsync(HttpStatusCode.Created)).Str("id");
        await merchantA.Http.ChargeAsync(BillingKit.Line(productId, "2"));
        var before = await SnapshotAsync(a.Http, orgId, unitId, productId);

        foreach (var url in new[]
        {
            "/api/v1/products/" + productId,
            $"/api/v1/units/{unitId}/products",
            $"/api/v1/organisations/{orgId}/products",
            $"/api/v1/products/{productId}/charges",
            $"/api/v1/units/{unitId}/charges",
            $"/api/v1/organisations/{orgId}/charges",
            "/api/v1/merchants/" + merchantA.Id,
        })
        {
            await b.Http.ExpectProblemAsync(HttpMethod.Get, url, HttpStatusCode.NotFound, code: "not-found");
        }

        await b.Http.ExpectProblemAsync(HttpMethod.Post, $"/api/v1/units/{unitId}/products", HttpStatusCode.NotFound, new { name = "n", type = BillingKit.Storage, allowance = 1 }, "not-found");
        await b.Http.ExpectProblemAsync(HttpMethod.Patch, "/api/v1/products/" + productId, HttpStatusCode.NotFound, new { limit = 1000 }, "not-found");
        await b.Http.ExpectProblemAsync(HttpMethod.Delete, "/api/v1/products/" + productId, HttpStatusCode.NotFound, code: "not-found");
        await b.Http.ExpectProblemAsync(HttpMethod.Patch, "/api/v1/merchants/" + merchantA.Id, HttpStatusCode.NotFound, new { name = "x" }, "not-found");
        await b.Http.ExpectProblemAsync(HttpMethod.Delete, "/api/v1/merchants/" + merchantA.Id, HttpStatusCode.NotFound, code: "not-found");
        await b.Http.ExpectProblemAsync(HttpMethod.Get, "/api/v1/charges?account_id=" + a.Id, HttpStatusCode.NotFound, code: "not-found");
        Assert.DoesNotContain(productId, (await b.Http.ListAllAsync("/api/v1/products")).Select(p => p.Str("id")));

        // B's merchant: A's products do not exist for it, to charge, read or claim.
        using (var response = await merchantB.Http.PostChargesAsync(BillingKit.Line(productId, "1")))
        {
            await response.ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
        }

        await merchantB.Http.ExpectProblemAsync(HttpMethod.Get, "/api/v1/products/" + productId, HttpStatusCode.NotFound, code: "not-found");
        await merchantB.Http.ExpectProblemAsync(HttpMethod.Put, $"/api/v1/products/{tierId}/claim", HttpStatusCode.NotFound, new { id = "p" }, "not-found");
        await merchantB.Http.ExpectProblemAsync(HttpMethod.Delete, $"/api/v1/products/{tierId}/claim", HttpStatusCode.NotFound, code: "not-found");
        await merchantB.Http.ExpectProblemAsync(HttpMethod.Get, $"/api/v1/products/{productId}/charges", HttpStatusCode.NotFound, code: "not-found");
        await merchantB.Http.ExpectProblemAsync(HttpMethod.Get, "/api/v1/merchants/" + merchantA.Id, HttpStatusCode.NotFound, code: "not-found");

        // A's merchant cannot reach B's credentials either.
        await merchantA.Http.ExpectProblemAsync(HttpMethod.Post, "/api/v1/credentials", HttpStatusCode.NotFound, new { owner_id = merchantB.Id }, "not-found");

        Assert.Equal(before, await SnapshotAsync(a.Http, orgId, unitId, productId));
    }

    [StewardFact]
    public async Task Malformed_and_unknown_ids_answer_like_missing_ones()
    {
        using var a = await factory.NewTenantAsync();
        foreach (var url in new[]
        {
            "/api/v1/products/not-an-id",
            "/api/v1/products/" + NativeKit.UnknownId("product"),
            "/api/v1/products/" + NativeKit.UnknownId("unit"),
            "/api/v1/merchants/42",
            "/api/v1/merchants/" + NativeKit.UnknownId("merchant"),
            $"/api/v1/units/{NativeKit.UnknownId("unit")}/products",
            $"/api/v1/products/{NativeKit.UnknownId("product")}/charges",
            $"/api/v1/units/{NativeKit.UnknownId("unit")}/charges",
            $"/api/v1/organisations/{NativeKit.UnknownId("org")}/charges",
        })
        {
            await a.Http.ExpectProblemAsync(HttpMethod.Get, url, HttpStatusCode.NotFound, code: "not-found");
        }
    }

    [StewardFact]
    public async Task Deleting_a_unit_or_an_organisation_takes_its_products_and_their_ledger()
    {
        using var a = await factory.NewTenantAsync();
        using var dm = await factory.NewPlatformMerchantAsync();
        var (orgId, unitId, productId) = await a.Http.NewProductTreeAsync();
        var otherUnit = (await a.Http.NewUnitAsync(orgId)).Str("id");
        var otherProduct = (await a.Http.NewProductAsync(otherUnit)).Str("id");
        await dm.Http.ChargeAsync(BillingKit.Line(productId, "1"), BillingKit.Line(otherProduct, "2"));

        await a.Http.ExpectAsync(HttpMethod.Delete, "/api/v1/units/" + unitId, HttpStatusCode.NoContent);
        await a.Http.ExpectProblemAsync(HttpMethod.Get, "/api/v1/products/" + productId, HttpStatusCode.NotFound, code: "not-found");
        Assert.Equal(2m, (await a.Http.GetOkAsync($"/api/v1/organisations/{orgId}/charges")).Totals().Dec("coins"));

        await a.Http.ExpectAsync(HttpMethod.Delete, "/api/v1/organisations/" + orgId, HttpStatusCode.NoContent);
        await a.Http.ExpectProblemAsync(HttpMethod.Get, "/api/v1/products/" + otherProduct, HttpStatusCode.NotFound, code: "not-found");
        using var response = await dm.Http.PostChargesAsync(BillingKit.Line(otherProduct, "1"));
        await response.ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    private static async Task<string> SnapshotAsync(HttpClient http, string orgId, string unitId, string productId)
    {
        var parts = new List<JsonElement>
        {
            await http.GetOkAsync("/api/v1/products/" + productId),
            await http.GetOkAsync($"/api/v1/units/{unitId}/products"),
            await http.GetOkAsync($"/api/v1/organisations/{orgId}/products"),
            await http.GetOkAsync($"/api/v1/units/{unitId}/charges"),
            await http.GetOkAsync("/api/v1/merchants"),
        };
        return string.Join("\n", parts.Select(p => p.GetRawText()));
    }
}
