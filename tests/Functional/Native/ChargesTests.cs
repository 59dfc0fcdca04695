using System.Net;
using System.Text;
using System.Text.Json;
using Steward.Functional.Infrastructure;

namespace Steward.Functional.Native;

/// <summary>Usage ingest: <c>POST /api/v1/charges</c> by merchants, and what the product's coins say afterwards.</summary>
public sealed class ChargesTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task A_platform_merchant_charges_a_product_and_its_coins_count_the_lines()
    {
        using var root = await factory.RootClientAsync();
        using var registered = await root.PostJsonAsync("/api/v1/merchants", new { name = "Data Manager", kind = "DATA_MANAGER", api_hostname = "dm.example.com" });
        var merchant = await registered.ExpectJsonAsync(HttpStatusCode.Created);
        Assert.StartsWith("merchant-", merchant.Str("id"), StringComparison.Ordinal);
        Assert.True(merchant.GetProperty("number").GetInt64() >= 1);
        Assert.StartsWith("MAK", merchant.Str("api_key"), StringComparison.Ordinal);
        Assert.StartsWith("MAS", merchant.Str("api_secret"), StringComparison.Ordinal);
        var token = await factory.CreateClient().TokenAsync(merchant.Str("api_key"), merchant.Str("api_secret"));
        Assert.StartsWith("MAT", token, StringComparison.Ordinal);
        using var dm = factory.ClientWithToken(token);

        using var a = await factory.NewTenantAsync();
        var orgId = (await a.Http.NewOrganisationAsync()).Str("id");
        var unitId = (await a.Http.NewUnitAsync(orgId)).Str("id");
        using var created = await a.Http.PostJsonAsync($"/api/v1/units/{unitId}/products", new { name = "storage", type = BillingKit.Storage, allowance = 100, limit = 200 });
        var product = await created.ExpectJsonAsync(HttpStatusCode.Created);
        var productId = product.Str("id");
        Assert.StartsWith("product-", productId, StringComparison.Ordinal);

        var coins = (await a.Http.GetOkAsync("/api/v1/products/" + productId)).Coins();
        Assert.Equal(0m, coins.Dec("used"));
        Assert.Equal(0m, coins.Dec("reserved"));
        Assert.Equal(200m, coins.Dec("limit"));
        Assert.Equal(100m, coins.Dec("allowance"));
        Assert.False(coins.GetProperty("at_limit").GetBoolean());

        // Amounts as a decimal string and as a JSON number.
        var first = BillingKit.Line(productId, "1.25", "job-1");
        var second = BillingKit.Line(productId, 2.5m, "job-2");
        Assert.Equal((2, 0), await dm.ChargeAsync(first, second));
        Assert.Equal(3.75m, (await a.Http.GetOkAsync("/api/v1/products/" + productId)).Coins().Dec("used"));

        // Sent again: duplicates, not errors, and nothing counted twice.
        Assert.Equal((0, 2), await dm.ChargeAsync(first, second));
        Assert.Equal((1, 1), await dm.ChargeAsync(BillingKit.Line(productId, "196.25", "job-3"), BillingKit.Line(productId, "9", "job-3")));
        coins = (await a.Http.GetOkAsync("/api/v1/products/" + productId)).Coins();
        Assert.Equal(200m, coins.Dec("used"));
        Assert.True(coins.GetProperty("at_limit").GetBoolean());
    }

    [StewardFact]
    public async Task Sums_stay_exact_to_nine_decimal_places()
    {
        using var a = await factory.NewTenantAsync();
        using var dm = await factory.NewPlatformMerchantAsync();
        var (_, _, productId) = await a.Http.NewProductTreeAsync(allowance: 1000);

        // 0.1 + 0.2 is not 0.3 in binary floating point; it must be here.
        var lines = Enumerable.Range(0, 30).Select(i => (object)BillingKit.Line(productId, i % 2 == 0 ? "0.1" : "0.2")).ToArray();
        await dm.Http.ChargeAsync(lines);
        await dm.Http.ChargeAsync(BillingKit.Line(productId, "0.000000001"), BillingKit.Line(productId, 0.000000002m));
        var used = (await a.Http.GetOkAsync("/api/v1/products/" + productId)).Coins().GetProperty("used").GetString();
        Assert.Equal("4.500000003", used);
    }

    [StewardFact]
    public async Task A_batch_with_one_invalid_line_is_refused_whole_and_names_the_line()
    {
        using var a = await factory.NewTenantAsync();
        using var dm = await factory.NewPlatformMerchantAsync();
        var (_, _, productId) = await a.Http.NewProductTreeAsync();

        var cases = new (Dictionary<string, object?> Line, string Field)[]
        {
            (With(BillingKit.Line(productId, "abc"), "coins", "abc"), "coins"),
            (With(BillingKit.Line(productId, "1"), "coins", "-1"), "coins"),
            (With(BillingKit.Line(productId, "1"), "coins", "0.0000000001"), "coins"),
            (With(BillingKit.Line(productId, "1"), "coins", null), "coins"),
            (With(BillingKit.Line(productId, "1"), "kind", "refund"), "kind"),
            (With(BillingKit.Line(productId, "1"), "external_id", ""), "external_id"),
            (With(BillingKit.Line(productId, "1"), "external_id", new string('x', 101)), "external_id"),
            (With(BillingKit.Line(productId, "1"), "product_id", "not-an-id"), "product_id"),
            (With(BillingKit.Line(productId, "1"), "username", null), "username"),
            (With(BillingKit.Line(productId, "1"), "burn_rate", "1"), "burn_rate"),
            (With(BillingKit.Line(productId, "1"), "additional_data", "text"), "additional_data"),
            (With(BillingKit.Line(productId, "1"), "timestamp", DateTimeOffset.UtcNow.AddDays(2)), "timestamp"),
            (With(BillingKit.Line(productId, "1", kind: "fee"), "name", null), "name"),
        };
        foreach (var (bad, field) in cases)
        {
            using var response = await dm.Http.PostChargesAsync(BillingKit.Line(productId, "1"), BillingKit.Line(productId, "2"), BillingKit.Line(productId, "3"), bad);
            await response.ExpectValidationAsync($"lines[3].{field}");
        }

        // A wrong JSON type is named by its line too.
        using (var response = await dm.Http.PostChargesAsync(BillingKit.Line(productId, "1"), With(BillingKit.Line(productId, "1"), "sqn", "seven")))
        {
            await response.ExpectValidationAsync("lines[1].sqn");
        }

        using (var response = await dm.Http.PostJsonAsync("/api/v1/charges", new { lines = Array.Empty<object>() }))
        {
            await response.ExpectValidationAsync("lines");
        }

        using (var response = await dm.Http.PostJsonAsync("/api/v1/charges", new { lines = Enumerable.Range(0, 1001).Select(_ => BillingKit.Line(productId, "1")).ToArray() }))
        {
            await response.ExpectValidationAsync("lines");
        }

        using (var response = await dm.Http.SendRawAsync(HttpMethod.Post, "/api/v1/charges", "{\"lines\": [", "application/json"))
        {
            await response.ExpectValidationAsync("body");
        }

        // Nothing of any refused batch was recorded.
        var product = await a.Http.GetOkAsync("/api/v1/products/" + productId);
        Assert.Equal(0m, product.Coins().Dec("used"));
        Assert.Equal(0, (await a.Http.GetOkAsync($"/api/v1/products/{productId}/charges")).GetProperty("lines").GetArrayLength());
    }

    [StewardFact]
    public async Task A_thousand_lines_over_64_KiB_are_one_batch_and_their_kind_does_not_depend_on_the_product()
    {
        using var a = await factory.NewTenantAsync();
        using var dm = await factory.NewPlatformMerchantAsync();
        var (_, unitId, productId) = await a.Http.NewProductTreeAsync(allowance: 100000);
        var kinds = new[] { "processing", "storage", "fee", "credit" };
        var lines = Enumerable.Range(0, 1000).Select(i =>
        {
            var line = BillingKit.Line(productId, "0.5", $"big-{i}", kinds[i % 4]);
            line["description"] = new string('d', 60);
            line["additional_data"] = new { job = i, note = "padding to pass 64 KiB" };
            return (object)line;
        }).ToArray();
        Assert.True(Encoding.UTF8.GetByteCount(JsonSerializer.Serialize(new { lines })) > 64 * 1024);

        Assert.Equal((1000, 0), await dm.Http.ChargeAsync(lines));

        var coins = (await a.Http.GetOkAsync("/api/v1/products/" + productId)).Coins();
        Assert.Equal(125m, coins.Dec("processing"));
        Assert.Equal(125m, coins.Dec("storage"));
        Assert.Equal(125m, coins.Dec("fees"));
        Assert.Equal(-125m, coins.Dec("credits"));
        Assert.Equal(250m, coins.Dec("used"));

        var charges = await a.Http.GetOkAsync($"/api/v1/units/{unitId}/charges?limit=500");
        Assert.Equal(1000, charges.Totals().GetProperty("lines").GetInt64());
        Assert.Equal(500, charges.GetProperty("lines").GetArrayLength());
        Assert.NotEqual(JsonValueKind.Null, charges.GetProperty("next_cursor").ValueKind);
    }

    [StewardFact]
    public async Task Only_merchant_tokens_post_charges()
    {
        using var a = await factory.NewTenantAsync();
        using var root = await factory.RootClientAsync();
        var (_, _, productId) = await a.Http.NewProductTreeAsync();
        foreach (var caller in new[] { a.Http, root })
        {
            using var response = await caller.PostChargesAsync(BillingKit.Line(productId, "1"));
            await response.ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        }
    }

    [StewardFact]
    public async Task Every_billing_change_appends_a_typed_event_without_secrets()
    {
        using var a = await factory.NewTenantAsync();
        var after = (await a.Http.EventsAsync()).Max(e => e.GetProperty("id").GetInt64());
        using var dm = await factory.NewMerchantAsync(a.Http);
        await a.Http.PatchJsonAsync("/api/v1/merchants/" + dm.Id, new { name = "renamed" });
        var (_, unitId, productId) = await a.Http.NewProductTreeAsync();
        using var tier = await a.Http.PostJsonAsync($"/api/v1/units/{unitId}/products", new { name = "t", type = BillingKit.Tier, flavour = "EVALUATION" });
        var tierId = (await tier.ExpectJsonAsync(HttpStatusCode.Created)).Str("id");
        await a.Http.PatchJsonAsync("/api/v1/products/" + productId, new { limit = 500 });
        await dm.Http.ExpectAsync(HttpMethod.Put, $"/api/v1/products/{tierId}/claim", HttpStatusCode.OK, new { id = "p1" });
        await dm.Http.ExpectAsync(HttpMethod.Delete, $"/api/v1/products/{tierId}/claim", HttpStatusCode.NoContent);
        await a.Http.ExpectAsync(HttpMethod.Delete, "/api/v1/products/" + tierId, HttpStatusCode.NoContent);
        await dm.Http.ChargeAsync(BillingKit.Line(productId, "2.5"), BillingKit.Line(productId, "1", kind: "credit"));

        var events = await a.Http.EventsAsync(after);
        string[] billing = ["merchant.", "product.", "charges."];
        Assert.Equal(
            ["merchant.created", "merchant.updated", "product.created", "product.created", "product.updated", "product.claimed", "product.unclaimed", "product.deleted", "charges.recorded"],
            events.Select(e => e.Str("type")).Where(t => billing.Any(b => t.StartsWith(b, StringComparison.Ordinal))));
        Assert.Contains(events, e => e.Str("type") == "credential.created" && e.GetProperty("data").Str("owner_id") == dm.Id);
        var recorded = events.Single(e => e.Str("type") == "charges.recorded");
        Assert.Equal(dm.Id, recorded.Str("actor_id"));
        Assert.Equal(2, recorded.GetProperty("data").Number("lines"));
        Assert.Equal(1.5m, recorded.GetProperty("data").GetProperty("coins").GetDecimal());
        Assert.Equal(productId, Assert.Single(recorded.GetProperty("data").GetProperty("product_ids").EnumerateArray()).GetString());
        var claimed = events.Single(e => e.Str("type") == "product.claimed");
        Assert.Equal(dm.Id, claimed.GetProperty("data").Str("claim_merchant_id"));
        foreach (var e in events)
        {
            Assert.DoesNotContain(dm.ApiSecret, e.GetRawText(), StringComparison.Ordinal);
        }
    }

    private static Dictionary<string, object?> With(Dictionary<string, object?> line, string field, object? value)
    {
        line[field] = value;
        return line;
    }
}
