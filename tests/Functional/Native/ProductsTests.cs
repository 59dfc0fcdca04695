using System.Net;
using Steward.Functional.Infrastructure;

namespace Steward.Functional.Native;

/// <summary>Products in units: <c>/api/v1/units/{id}/products</c> and <c>/api/v1/products/{id}</c>, with claims.</summary>
public sealed class ProductsTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task Create_read_list_patch_and_delete_a_product()
    {
        using var a = await factory.NewTenantAsync();
        var orgId = (await a.Http.NewOrganisationAsync()).Str("id");
        var unitId = (await a.Http.NewUnitAsync(orgId, billingDay: 9)).Str("id");
        var otherUnit = (await a.Http.NewUnitAsync(orgId)).Str("id");

        using var created = await a.Http.PostJsonAsync($"/api/v1/units/{unitId}/products", new { name = "data", type = BillingKit.Storage, allowance = "100.5" });
        var product = await created.ExpectJsonAsync(HttpStatusCode.Created);
        var id = product.Str("id");
        Assert.Equal("/api/v1/products/" + id, created.Headers.Location?.OriginalString);
        Assert.Equal(unitId, product.Str("unit_id"));
        Assert.Equal(orgId, product.Str("organisation_id"));
        Assert.Equal(BillingKit.Storage, product.Str("type"));
        Assert.Equal("100.5", product.Str("allowance"));
        Assert.Equal("100.5", product.Str("limit"));
        Assert.False(product.GetProperty("claimable").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, product.GetProperty("claim").ValueKind);
        Assert.Equal(9, product.Coins().Number("billing_day"));

        var tier = await (await a.Http.PostJsonAsync($"/api/v1/units/{otherUnit}/products", new { name = "tier", type = BillingKit.Tier, flavour = "SILVER" })).ExpectJsonAsync(HttpStatusCode.Created);
        Assert.Equal("SILVER", tier.Str("flavour"));
        Assert.True(tier.Dec("allowance") > 0);
        Assert.True(tier.GetProperty("claimable").GetBoolean());

        Assert.Equal([id], (await a.Http.GetOkAsync($"/api/v1/units/{unitId}/products")).Ids());
        Assert.Equal([id, tier.Str("id")], (await a.Http.GetOkAsync($"/api/v1/organisations/{orgId}/products")).Ids());
        Assert.Equal([id, tier.Str("id")], (await a.Http.GetOkAsync("/api/v1/products")).Ids());

        using (var read = await a.Http.GetAsync(new Uri("/api/v1/products/" + id, UriKind.Relative)))
        {
            await read.ExpectJsonAsync(HttpStatusCode.OK);
            Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
        }

        using (var patched = await a.Http.PatchJsonAsync("/api/v1/products/" + id, new { name = "renamed", allowance = 150, limit = "300" }, ifMatch: "\"1\""))
        {
            var body = await patched.ExpectJsonAsync(HttpStatusCode.OK);
            Assert.Equal("renamed", body.Str("name"));
            Assert.Equal(150m, body.Dec("allowance"));
            Assert.Equal(300m, body.Coins().Dec("limit"));
            Assert.Equal(2, body.Number("version"));
        }

        using (var stale = await a.Http.PatchJsonAsync("/api/v1/products/" + id, new { name = "lost" }, ifMatch: "\"1\""))
        {
            await stale.ExpectProblemAsync(HttpStatusCode.PreconditionFailed, "version-conflict");
        }

        await a.Http.ExpectAsync(HttpMethod.Delete, "/api/v1/products/" + id, HttpStatusCode.NoContent);
        await a.Http.ExpectProblemAsync(HttpMethod.Get, "/api/v1/products/" + id, HttpStatusCode.NotFound, code: "not-found");
        await a.Http.ExpectProblemAsync(HttpMethod.Delete, "/api/v1/products/" + id, HttpStatusCode.NotFound, code: "not-found");
        Assert.Empty((await a.Http.GetOkAsync($"/api/v1/units/{unitId}/products")).Items());
    }

    [StewardFact]
    public async Task Allowance_and_limit_are_never_reduced_and_the_limit_stays_at_least_the_allowance()
    {
        using var a = await factory.NewTenantAsync();
        var (_, _, id) = await a.Http.NewProductTreeAsync(allowance: 100, limit: 200);

        foreach (var (body, field) in new (object, string)[]
        {
            (new { limit = 199 }, "limit"),
            (new { allowance = 99 }, "allowance"),
            (new { allowance = 250 }, "limit"),
            (new { allowance = 250, limit = 240 }, "limit"),
            (new { limit = 0 }, "limit"),
            (new { allowance = "lots" }, "allowance"),
            (new { name = "" }, "name"),
        })
        {
            using var response = await a.Http.PatchJsonAsync("/api/v1/products/" + id, body);
            await response.ExpectValidationAsync(field);
        }

        var unchanged = await a.Http.GetOkAsync("/api/v1/products/" + id);
        Assert.Equal(100m, unchanged.Dec("allowance"));
        Assert.Equal(200m, unchanged.Dec("limit"));
        Assert.Equal(1, unchanged.Number("version"));

        using var raised = await a.Http.PatchJsonAsync("/api/v1/products/" + id, new { allowance = 250, limit = 250 });
        Assert.Equal(250m, (await raised.ExpectJsonAsync(HttpStatusCode.OK)).Dec("limit"));
    }

    [StewardFact]
    public async Task Each_type_has_its_rules_and_bad_input_is_named()
    {
        using var a = await factory.NewTenantAsync();
        var orgId = (await a.Http.NewOrganisationAsync()).Str("id");
        var unitId = (await a.Http.NewUnitAsync(orgId)).Str("id");
        var url = $"/api/v1/units/{unitId}/products";
        foreach (var (body, field) in new (object, string)[]
        {
            (new { type = BillingKit.Storage, allowance = 1 }, "name"),
            (new { name = new string('n', 81), type = BillingKit.Storage, allowance = 1 }, "name"),
            (new { name = "n", allowance = 1 }, "type"),
            (new { name = "n", type = "SOMETHING_ELSE", allowance = 1 }, "type"),
            (new { name = "n", type = BillingKit.Storage }, "allowance"),
            (new { name = "n", type = BillingKit.Storage, allowance = 0 }, "allowance"),
            (new { name = "n", type = BillingKit.Storage, allowance = -5 }, "allowance"),
            (new { name = "n", type = BillingKit.Storage, allowance = 10, limit = 9 }, "limit"),
            (new { name = "n", type = BillingKit.Storage, allowance = 10, flavour = "GOLD" }, "flavour"),
            (new { name = "n", type = BillingKit.Tier }, "flavour"),
            (new { name = "n", type = BillingKit.Tier, flavour = "PLATINUM" }, "flavour"),
        })
        {
            using var response = await a.Http.PostJsonAsync(url, body);
            await response.ExpectValidationAsync(field);
        }

        using (var wrongType = await a.Http.SendRawAsync(HttpMethod.Post, url, "{\"name\": 5, \"type\": \"x\"}"))
        {
            await wrongType.ExpectValidationAsync("name");
        }

        await a.Http.ExpectProblemAsync(HttpMethod.Post, $"/api/v1/units/{NativeKit.UnknownId("unit")}/products", HttpStatusCode.NotFound,
            new { name = "n", type = BillingKit.Storage, allowance = 1 }, "not-found");
        Assert.Empty((await a.Http.GetOkAsync(url)).Items());
    }

    [StewardFact]
    public async Task A_merchant_claims_a_tier_product_which_then_cannot_be_deleted_until_released()
    {
        using var a = await factory.NewTenantAsync();
        using var dm = await factory.NewPlatformMerchantAsync();
        using var other = await factory.NewPlatformMerchantAsync();
        var orgId = (await a.Http.NewOrganisationAsync()).Str("id");
        var unitId = (await a.Http.NewUnitAsync(orgId)).Str("id");
        var tierId = (await (await a.Http.PostJsonAsync($"/api/v1/units/{unitId}/products", new { name = "t", type = BillingKit.Tier, flavour = "BRONZE" })).ExpectJsonAsync(HttpStatusCode.Created)).Str("id");
        var storageId = (await a.Http.NewProductAsync(unitId)).Str("id");

        var claimed = await dm.Http.ExpectAsync(HttpMethod.Put, $"/api/v1/products/{tierId}/claim", HttpStatusCode.OK, new { id = "project-42", name = "My project" });
        Assert.Equal(dm.Id, claimed.GetProperty("claim").Str("merchant_id"));
        Assert.Equal("project-42", claimed.GetProperty("claim").Str("id"));
        Assert.Equal("My project", claimed.GetProperty("claim").Str("name"));

        // Claiming again with the same id is fine; another claim is a conflict.
        await dm.Http.ExpectAsync(HttpMethod.Put, $"/api/v1/products/{tierId}/claim", HttpStatusCode.OK, new { id = "project-42" });
        await dm.Http.ExpectProblemAsync(HttpMethod.Put, $"/api/v1/products/{tierId}/claim", HttpStatusCode.Conflict, new { id = "project-43" }, "conflict");
        await other.Http.ExpectProblemAsync(HttpMethod.Put, $"/api/v1/products/{tierId}/claim", HttpStatusCode.Conflict, new { id = "project-42" }, "conflict");
        await other.Http.ExpectProblemAsync(HttpMethod.Delete, $"/api/v1/products/{tierId}/claim", HttpStatusCode.Conflict, code: "conflict");
        await dm.Http.ExpectProblemAsync(HttpMethod.Put, $"/api/v1/products/{storageId}/claim", HttpStatusCode.Conflict, new { id = "p" }, "conflict");
        await dm.Http.ExpectProblemAsync(HttpMethod.Put, $"/api/v1/products/{tierId}/claim", HttpStatusCode.BadRequest, new { name = "no id" }, "validation");
        await a.Http.ExpectProblemAsync(HttpMethod.Put, $"/api/v1/products/{tierId}/claim", HttpStatusCode.Forbidden, new { id = "x" }, "forbidden");

        await a.Http.ExpectProblemAsync(HttpMethod.Delete, "/api/v1/products/" + tierId, HttpStatusCode.Conflict, code: "conflict");
        await dm.Http.ExpectAsync(HttpMethod.Delete, $"/api/v1/products/{tierId}/claim", HttpStatusCode.NoContent);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await a.Http.GetOkAsync("/api/v1/products/" + tierId)).GetProperty("claim").ValueKind);
        await a.Http.ExpectAsync(HttpMethod.Delete, "/api/v1/products/" + tierId, HttpStatusCode.NoContent);

        // Merchants do not manage products.
        await dm.Http.ExpectProblemAsync(HttpMethod.Patch, "/api/v1/products/" + storageId, HttpStatusCode.Forbidden, new { name = "x" }, "forbidden");
        await dm.Http.ExpectProblemAsync(HttpMethod.Delete, "/api/v1/products/" + storageId, HttpStatusCode.Forbidden, code: "forbidden");
        await dm.Http.ExpectProblemAsync(HttpMethod.Post, $"/api/v1/units/{unitId}/products", HttpStatusCode.Forbidden, new { name = "n", type = BillingKit.Storage, allowance = 1 }, "forbidden");
    }

    [StewardFact]
    public async Task Members_read_products_owners_and_admins_manage_them()
    {
        using var a = await factory.NewTenantAsync();
        var orgId = (await a.Http.NewOrganisationAsync()).Str("id");
        var unitId = (await a.Http.NewUnitAsync(orgId)).Str("id");
        var productId = (await a.Http.NewProductAsync(unitId)).Str("id");
        var member = (await a.Http.NewUserAsync()).Str("id");
        var admin = (await a.Http.NewUserAsync()).Str("id");
        var outsider = (await a.Http.NewUserAsync()).Str("id");
        await a.Http.AddMemberAsync(orgId, member, "member");
        await a.Http.AddMemberAsync(orgId, admin, "admin");
        using var asMember = factory.ClientWithToken(await a.Http.MintUserTokenAsync(member));
        using var asAdmin = factory.ClientWithToken(await a.Http.MintUserTokenAsync(admin));
        using var asOutsider = factory.ClientWithToken(await a.Http.MintUserTokenAsync(outsider));

        Assert.Equal(productId, (await asMember.GetOkAsync("/api/v1/products/" + productId)).Str("id"));
        Assert.Equal([productId], (await asMember.GetOkAsync("/api/v1/products")).Ids());
        await asMember.ExpectProblemAsync(HttpMethod.Patch, "/api/v1/products/" + productId, HttpStatusCode.Forbidden, new { name = "x" }, "forbidden");
        await asMember.ExpectProblemAsync(HttpMethod.Post, $"/api/v1/units/{unitId}/products", HttpStatusCode.Forbidden, new { name = "n", type = BillingKit.Storage, allowance = 1 }, "forbidden");

        await asAdmin.ExpectAsync(HttpMethod.Patch, "/api/v1/products/" + productId, HttpStatusCode.OK, new { name = "by-admin" });
        await asAdmin.ExpectAsync(HttpMethod.Post, $"/api/v1/units/{unitId}/products", HttpStatusCode.Created, new { name = "n", type = BillingKit.Storage, allowance = 1 });

        await asOutsider.ExpectProblemAsync(HttpMethod.Get, "/api/v1/products/" + productId, HttpStatusCode.NotFound, code: "not-found");
        await asOutsider.ExpectProblemAsync(HttpMethod.Get, $"/api/v1/units/{unitId}/products", HttpStatusCode.NotFound, code: "not-found");
        Assert.Empty((await asOutsider.GetOkAsync("/api/v1/products")).Items());
    }
}
