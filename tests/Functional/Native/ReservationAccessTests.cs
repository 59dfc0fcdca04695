using System.Net;
using Steward.Functional.Infrastructure;

namespace Steward.Functional.Native;

/// <summary>
/// Who may use the spend check: merchants that reach the product reserve; only the reserving merchant
/// settles (and it or root releases); another account's products and reservations do not exist; bad
/// input is a 400 naming the field and stores nothing.
/// </summary>
public sealed class ReservationAccessTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task Another_account_gets_404_for_reservations_and_their_products()
    {
        using var a = await factory.NewTenantAsync();
        using var b = await factory.NewTenantAsync();
        using var merchantA = await factory.NewMerchantAsync(a.Http);
        using var merchantB = await factory.NewMerchantAsync(b.Http);
        using var platform = await factory.NewPlatformMerchantAsync();
        var (_, _, productId) = await a.Http.NewProductTreeAsync(allowance: 10);
        var id = (await merchantA.Http.ReserveAsync(productId, 2)).Str("id");
        var url = "/api/v1/reservations/" + id;

        // B's merchant: A's product and reservation do not exist.
        using (var response = await merchantB.Http.PostReservationAsync(productId, 1))
        {
            await response.ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
        }

        await merchantB.Http.ExpectProblemAsync(HttpMethod.Get, url, HttpStatusCode.NotFound, code: "not-found");
        await merchantB.Http.ExpectProblemAsync(HttpMethod.Post, url + "/settle", HttpStatusCode.NotFound, new { coins = 1 }, "not-found");
        await merchantB.Http.ExpectProblemAsync(HttpMethod.Delete, url, HttpStatusCode.NotFound, code: "not-found");

        // B's account token: the same.
        await b.Http.ExpectProblemAsync(HttpMethod.Get, url, HttpStatusCode.NotFound, code: "not-found");
        await b.Http.ExpectProblemAsync(HttpMethod.Post, url + "/settle", HttpStatusCode.NotFound, new { coins = 1 }, "not-found");
        await b.Http.ExpectProblemAsync(HttpMethod.Delete, url, HttpStatusCode.NotFound, code: "not-found");

        // A platform merchant reaches A's product, but not another merchant's reservation.
        await platform.Http.ReserveAsync(productId, 1);
        await platform.Http.ExpectProblemAsync(HttpMethod.Get, url, HttpStatusCode.NotFound, code: "not-found");
        await platform.Http.ExpectProblemAsync(HttpMethod.Post, url + "/settle", HttpStatusCode.NotFound, new { coins = 1 }, "not-found");

        // A reads it; nothing changed.
        var held = await a.Http.GetOkAsync(url);
        Assert.Equal("open", held.Str("state"));
        Assert.Equal(3m, (await a.Http.GetOkAsync("/api/v1/products/" + productId)).Coins().Dec("reserved"));
    }

    [StewardFact]
    public async Task Callers_that_are_not_the_reserving_merchant_are_forbidden_to_reserve_or_settle()
    {
        using var a = await factory.NewTenantAsync();
        using var dm = await factory.NewMerchantAsync(a.Http);
        var (_, _, productId) = await a.Http.NewProductTreeAsync(allowance: 10);
        var id = (await dm.Http.ReserveAsync(productId, 2)).Str("id");

        // An account token is no merchant: it may read the reservation, not make or settle one.
        await a.Http.ExpectProblemAsync(HttpMethod.Post, $"/api/v1/products/{productId}/reservations", HttpStatusCode.Forbidden, new { coins = 1 }, "forbidden");
        await a.Http.ExpectProblemAsync(HttpMethod.Post, $"/api/v1/reservations/{id}/settle", HttpStatusCode.Forbidden, new { coins = 1 }, "forbidden");
        await a.Http.ExpectProblemAsync(HttpMethod.Delete, "/api/v1/reservations/" + id, HttpStatusCode.Forbidden, code: "forbidden");
        using var root = await factory.RootClientAsync();
        await root.ExpectProblemAsync(HttpMethod.Post, $"/api/v1/products/{productId}/reservations", HttpStatusCode.Forbidden, new { coins = 1 }, "forbidden");

        // Root may release a reservation that is stuck.
        Assert.Equal("open", (await root.GetOkAsync("/api/v1/reservations/" + id)).Str("state"));
        Assert.Equal("released", (await root.ExpectAsync(HttpMethod.Delete, "/api/v1/reservations/" + id, HttpStatusCode.OK)).Str("state"));
    }

    [StewardFact]
    public async Task Bad_input_is_a_400_naming_the_field_and_reserves_nothing()
    {
        using var a = await factory.NewTenantAsync();
        using var dm = await factory.NewPlatformMerchantAsync();
        var (_, _, productId) = await a.Http.NewProductTreeAsync(allowance: 10);
        var url = $"/api/v1/products/{productId}/reservations";

        var cases = new (object Body, string Field)[]
        {
            (new { }, "coins"),
            (new { coins = "abc" }, "coins"),
            (new { coins = "-1" }, "coins"),
            (new { coins = 0 }, "coins"),
            (new { coins = "0.0000000001" }, "coins"),
            (new { coins = "1e13" }, "coins"),
            (new { coins = true }, "coins"),
            (new { coins = 1, ttl_seconds = 0 }, "ttl_seconds"),
            (new { coins = 1, ttl_seconds = 86_401 }, "ttl_seconds"),
            (new { coins = 1, ttl_seconds = "soon" }, "ttl_seconds"),
            (new { coins = 1, ttl_seconds = 1e30 }, "ttl_seconds"),
            (new { coins = 1, username = new string('u', 101) }, "username"),
        };
        foreach (var (body, field) in cases)
        {
            using var response = await dm.Http.PostJsonAsync(url, body);
            await response.ExpectValidationAsync(field);
        }

        using (var notJson = await dm.Http.SendRawAsync(HttpMethod.Post, url, "{\"coins\":", "application/json"))
        {
            await notJson.ExpectValidationAsync("body");
        }

        // Unknown and malformed ids are not found.
        await dm.Http.ExpectProblemAsync(HttpMethod.Post, $"/api/v1/products/{NativeKit.UnknownId("product")}/reservations", HttpStatusCode.NotFound, new { coins = 1 }, "not-found");
        await dm.Http.ExpectProblemAsync(HttpMethod.Post, "/api/v1/products/nonsense/reservations", HttpStatusCode.NotFound, new { coins = 1 }, "not-found");
        await dm.Http.ExpectProblemAsync(HttpMethod.Get, "/api/v1/reservations/" + NativeKit.UnknownId("resv"), HttpStatusCode.NotFound, code: "not-found");
        await dm.Http.ExpectProblemAsync(HttpMethod.Delete, "/api/v1/reservations/resv-nope", HttpStatusCode.NotFound, code: "not-found");

        // A settlement's coins are checked too; nothing was held or charged meanwhile.
        var id = (await dm.Http.ReserveAsync(productId, 1)).Str("id");
        foreach (var body in new object[] { new { }, new { coins = "-0.5" }, new { coins = "x" }, new { coins = "1.0000000001" } })
        {
            using var response = await dm.Http.PostJsonAsync($"/api/v1/reservations/{id}/settle", body);
            await response.ExpectValidationAsync("coins");
        }

        var coins = (await a.Http.GetOkAsync("/api/v1/products/" + productId)).Coins();
        Assert.Equal(1m, coins.Dec("reserved"));
        Assert.Equal(0m, coins.Dec("used"));
    }
}
