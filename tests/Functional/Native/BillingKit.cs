using System.Net;
using System.Text.Json;
using Steward.Functional.Infrastructure;

namespace Steward.Functional.Native;

/// <summary>A merchant made for one test: its id, number and an HTTP client sending its token.</summary>
public sealed record TestMerchant(string Id, long Number, string ApiKey, string ApiSecret, HttpClient Http) : IDisposable
{
    public void Dispose() => Http.Dispose();
}

/// <summary>Set-up helpers for merchants, products and charges, over real HTTP.</summary>
public static class BillingKit
{
    public const string Storage = "DATA_MANAGER_STORAGE_SUBSCRIPTION";
    public const string Tier = "DATA_MANAGER_PROJECT_TIER_SUBSCRIPTION";

    /// <summary>Registers a merchant with <paramref name="registrar"/> (root: a platform merchant; an account: its own) and logs it in.</summary>
    public static async Task<TestMerchant> NewMerchantAsync(this StewardFactory factory, HttpClient registrar, string? name = null)
    {
        using var response = await registrar.PostJsonAsync("/api/v1/merchants", new { name = name ?? NativeKit.Unique("dm-"), kind = "DATA_MANAGER", api_hostname = "dm.example.com" });
        var merchant = await response.ExpectJsonAsync(HttpStatusCode.Created);
        var key = merchant.Str("api_key");
        var secret = merchant.Str("api_secret");
        var token = await factory.CreateClient().TokenAsync(key, secret);
        return new TestMerchant(merchant.Str("id"), merchant.GetProperty("number").GetInt64(), key, secret, factory.ClientWithToken(token));
    }

    /// <summary>A platform merchant, registered by root.</summary>
    public static async Task<TestMerchant> NewPlatformMerchantAsync(this StewardFactory factory)
    {
        using var root = await factory.RootClientAsync();
        return await factory.NewMerchantAsync(root);
    }

    public static async Task<JsonElement> NewProductAsync(this HttpClient client, string unitId, decimal allowance = 100, decimal? limit = null, string? name = null)
    {
        using var response = await client.PostJsonAsync($"/api/v1/units/{unitId}/products", new { name = name ?? NativeKit.Unique("p-"), type = Storage, allowance, limit = limit ?? allowance });
        return await response.ExpectJsonAsync(HttpStatusCode.Created);
    }

    /// <summary>An organisation, a unit with <paramref name="billingDay"/> and a storage product in it; returns their ids.</summary>
    public static async Task<(string OrgId, string UnitId, string ProductId)> NewProductTreeAsync(this HttpClient client, int billingDay = 1, decimal allowance = 100, decimal? limit = null)
    {
        var orgId = (await client.NewOrganisationAsync()).Str("id");
        var unitId = (await client.NewUnitAsync(orgId, billingDay: billingDay)).Str("id");
        var productId = (await client.NewProductAsync(unitId, allowance, limit)).Str("id");
        return (orgId, unitId, productId);
    }

    /// <summary>A processing line for <paramref name="productId"/> with a fresh external id.</summary>
    public static Dictionary<string, object?> Line(string productId, object coins, string? externalId = null, string kind = "processing", DateTimeOffset? timestamp = null) => new()
    {
        ["product_id"] = productId,
        ["external_id"] = externalId ?? NativeKit.Unique("x"),
        ["kind"] = kind,
        ["coins"] = coins,
        ["username"] = "alice",
        ["name"] = "job",
        ["timestamp"] = timestamp,
    };

    public static Task<HttpResponseMessage> PostChargesAsync(this HttpClient merchant, params object[] lines) =>
        merchant.PostJsonAsync("/api/v1/charges", new { lines });

    /// <summary>Posts lines that must be accepted; returns (recorded, duplicates).</summary>
    public static async Task<(int Recorded, int Duplicates)> ChargeAsync(this HttpClient merchant, params object[] lines)
    {
        using var response = await merchant.PostChargesAsync(lines);
        var body = await response.ExpectJsonAsync(HttpStatusCode.OK);
        return (body.Number("recorded"), body.Number("duplicates"));
    }

    /// <summary>Asks to reserve coins of a product (the spend check); the caller checks the answer.</summary>
    public static Task<HttpResponseMessage> PostReservationAsync(this HttpClient merchant, string productId, object coins, int? ttlSeconds = null) =>
        merchant.PostJsonAsync($"/api/v1/products/{productId}/reservations", ttlSeconds is null ? new Dictionary<string, object?> { ["coins"] = coins } : new Dictionary<string, object?> { ["coins"] = coins, ["ttl_seconds"] = ttlSeconds });

    /// <summary>Reserves coins that must be granted; returns the reservation.</summary>
    public static async Task<JsonElement> ReserveAsync(this HttpClient merchant, string productId, object coins, int? ttlSeconds = null)
    {
        using var response = await merchant.PostReservationAsync(productId, coins, ttlSeconds);
        return await response.ExpectJsonAsync(HttpStatusCode.Created);
    }

    /// <summary>Asks to reserve coins that must be refused with 409 limit-reached.</summary>
    public static async Task<JsonElement> ExpectLimitReachedAsync(this HttpClient merchant, string productId, object coins)
    {
        using var response = await merchant.PostReservationAsync(productId, coins);
        var problem = await response.ExpectProblemAsync(HttpStatusCode.Conflict, "limit-reached");
        Assert.True(problem.GetProperty("errors").TryGetProperty("coins", out _), $"the refusal should name coins: {problem}");
        return problem;
    }

    /// <summary>A decimal read from a string or number property.</summary>
    public static decimal Dec(this JsonElement element, string name)
    {
        var value = element.GetProperty(name);
        return value.ValueKind == JsonValueKind.String
            ? decimal.Parse(value.GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            : value.GetDecimal();
    }

    public static JsonElement Coins(this JsonElement product) => product.GetProperty("coins");

    public static JsonElement Totals(this JsonElement charges) => charges.GetProperty("totals");
}
