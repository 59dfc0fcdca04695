using System.Net;
using System.Text.Json;
using Steward.Functional.Infrastructure;
using Steward.Functional.Native;

namespace Steward.Functional.Catalog;

/// <summary><c>/api/v1/product-types</c>: the Account Server's two types in every account, and an account's own.</summary>
public sealed class ProductTypesTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task Every_account_has_the_two_account_server_types_with_no_set_up()
    {
        using var a = await factory.NewTenantAsync();
        var types = (await a.Http.GetOkAsync("/api/v1/product-types")).Items();
        Assert.Equal(["DATA_MANAGER_PROJECT_TIER_SUBSCRIPTION", "DATA_MANAGER_STORAGE_SUBSCRIPTION"], types.Select(t => t.Str("code")));

        var tier = types[0];
        Assert.Equal("tier", tier.Str("kind"));
        Assert.Equal(["EVALUATION", "BRONZE", "SILVER", "GOLD"], tier.GetProperty("flavours").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("DATA_MANAGER", tier.Str("service_kind"));
        Assert.True(tier.Flag("built_in"));
        Assert.Equal(JsonValueKind.Null, tier.GetProperty("account_id").ValueKind);

        var storage = types[1];
        Assert.Equal("storage", storage.Str("kind"));
        Assert.Empty(storage.GetProperty("flavours").EnumerateArray());
        Assert.Equal("DATA_MANAGER", storage.Str("service_kind"));

        Assert.Equal("storage", (await a.Http.GetOkAsync("/api/v1/product-types/DATA_MANAGER_STORAGE_SUBSCRIPTION")).Str("kind"));
    }

    [StewardFact]
    public async Task An_account_adds_its_own_types_which_only_it_sees()
    {
        using var a = await factory.NewTenantAsync();
        using var b = await factory.NewTenantAsync();
        using var created = await a.Http.PostJsonAsync("/api/v1/product-types", new
        {
            code = "MAIL_FILTER_TIER",
            kind = "tier",
            flavours = new[] { "BASIC", "PLUS" },
            service_kind = "MAIL",
            description = "Mail filtering",
        });
        var type = await created.ExpectJsonAsync(HttpStatusCode.Created);
        Assert.Equal("/api/v1/product-types/MAIL_FILTER_TIER", created.Headers.Location?.OriginalString);
        Assert.Equal("tier", type.Str("kind"));
        Assert.False(type.Flag("built_in"));
        Assert.Equal(a.Id, type.Str("account_id"));

        using (var storage = await a.Http.PostJsonAsync("/api/v1/product-types", new { code = "ARCHIVE_STORAGE", kind = "storage" }))
        {
            Assert.Equal("storage", (await storage.ExpectJsonAsync(HttpStatusCode.Created)).Str("kind"));
        }

        var codes = (await a.Http.GetOkAsync("/api/v1/product-types")).Items().Select(t => t.Str("code")).ToList();
        Assert.Equal(["DATA_MANAGER_PROJECT_TIER_SUBSCRIPTION", "DATA_MANAGER_STORAGE_SUBSCRIPTION", "ARCHIVE_STORAGE", "MAIL_FILTER_TIER"], codes);
        Assert.Equal(2, (await b.Http.GetOkAsync("/api/v1/product-types")).Items().Count);
        await b.Http.ExpectProblemAsync(HttpMethod.Get, "/api/v1/product-types/MAIL_FILTER_TIER", HttpStatusCode.NotFound, code: "not-found");

        // Another account may use the same code; the same account may not, nor a built-in one.
        using (var again = await b.Http.PostJsonAsync("/api/v1/product-types", new { code = "MAIL_FILTER_TIER", kind = "storage" }))
        {
            await again.ExpectJsonAsync(HttpStatusCode.Created);
        }

        using (var taken = await a.Http.PostJsonAsync("/api/v1/product-types", new { code = "MAIL_FILTER_TIER", kind = "storage" }))
        {
            await taken.ExpectFieldConflictAsync("code");
        }

        using (var builtIn = await a.Http.PostJsonAsync("/api/v1/product-types", new { code = "DATA_MANAGER_STORAGE_SUBSCRIPTION", kind = "storage" }))
        {
            await builtIn.ExpectValidationAsync("code");
        }

        var events = (await a.Http.EventsAsync()).Where(e => e.Str("type") == "product_type.created").Select(e => e.Str("subject_id"));
        Assert.Equal(["product_type-MAIL_FILTER_TIER", "product_type-ARCHIVE_STORAGE"], events);
    }

    [StewardFact]
    public async Task A_type_must_say_its_kind_and_flavours_consistently()
    {
        using var a = await factory.NewTenantAsync();
        var cases = new (object Body, string[] Fields)[]
        {
            (new { }, ["code", "kind"]),
            (new { code = "lower_case", kind = "tier", flavours = new[] { "A" } }, ["code"]),
            (new { code = "X", kind = "gold" }, ["kind"]),
            (new { code = "X", kind = "tier" }, ["flavours"]),
            (new { code = "X", kind = "tier", flavours = new[] { "bad flavour" } }, ["flavours"]),
            (new { code = "X", kind = "storage", flavours = new[] { "A" } }, ["flavours"]),
            (new { code = "X", kind = "storage", service_kind = "data-manager" }, ["service_kind"]),
            (new { code = new string('A', 51), kind = "storage" }, ["code"]),
        };
        foreach (var (body, fields) in cases)
        {
            using var response = await a.Http.PostJsonAsync("/api/v1/product-types", body);
            await response.ExpectValidationAsync(fields);
        }

        Assert.Equal(2, (await a.Http.GetOkAsync("/api/v1/product-types")).Items().Count);
    }

    [StewardFact]
    public async Task Only_the_account_or_root_adds_types()
    {
        using var a = await factory.NewTenantAsync();
        var userId = (await a.Http.NewUserAsync()).Str("id");
        using var user = factory.ClientWithToken(await a.Http.MintUserTokenAsync(userId));
        Assert.Equal(2, (await user.GetOkAsync("/api/v1/product-types")).Items().Count);
        await user.ExpectProblemAsync(HttpMethod.Post, "/api/v1/product-types", HttpStatusCode.Forbidden, new { code = "X", kind = "storage" }, "forbidden");

        using var root = await factory.RootClientAsync();
        using (var missing = await root.PostJsonAsync("/api/v1/product-types", new { code = "X", kind = "storage" }))
        {
            await missing.ExpectValidationAsync("account_id");
        }

        using (var made = await root.PostJsonAsync("/api/v1/product-types", new { code = "ROOT_MADE", kind = "storage", account_id = a.Id }))
        {
            Assert.Equal(a.Id, (await made.ExpectJsonAsync(HttpStatusCode.Created)).Str("account_id"));
        }

        Assert.Equal("ROOT_MADE", (await a.Http.GetOkAsync("/api/v1/product-types/ROOT_MADE")).Str("code"));
    }

    [StewardFact]
    public async Task An_accounts_own_types_serve_its_products_with_the_same_rules_as_the_built_in_ones()
    {
        using var a = await factory.NewTenantAsync();
        using var b = await factory.NewTenantAsync();
        await a.Http.ExpectAsync(HttpMethod.Post, "/api/v1/product-types", HttpStatusCode.Created, new { code = "MAIL_TIER", kind = "tier", flavours = new[] { "BASIC", "PLUS" } });
        await a.Http.ExpectAsync(HttpMethod.Post, "/api/v1/product-types", HttpStatusCode.Created, new { code = "ARCHIVE", kind = "storage" });
        var unitA = (await a.Http.NewUnitAsync((await a.Http.NewOrganisationAsync()).Str("id"))).Str("id");
        var unitB = (await b.Http.NewUnitAsync((await b.Http.NewOrganisationAsync()).Str("id"))).Str("id");

        // A tier of the account's own has no default allowance per flavour: the product names one.
        var url = $"/api/v1/units/{unitA}/products";
        foreach (var (body, field) in new (object, string)[]
        {
            (new { name = "m", type = "MAIL_TIER", flavour = "BASIC" }, "allowance"),
            (new { name = "m", type = "MAIL_TIER", flavour = "GOLD", allowance = 10 }, "flavour"),
            (new { name = "m", type = "MAIL_TIER", allowance = 10 }, "flavour"),
            (new { name = "m", type = "ARCHIVE" }, "allowance"),
            (new { name = "m", type = "ARCHIVE", allowance = 10, flavour = "BASIC" }, "flavour"),
            (new { name = "m", type = "ARCHIVE", allowance = 10, limit = 5 }, "limit"),
        })
        {
            using var response = await a.Http.PostJsonAsync(url, body);
            await response.ExpectValidationAsync(field);
        }

        var tier = await a.Http.ExpectAsync(HttpMethod.Post, url, HttpStatusCode.Created, new { name = "mail", type = "MAIL_TIER", flavour = "PLUS", allowance = 50 });
        Assert.Equal("PLUS", tier.Str("flavour"));
        Assert.True(tier.Flag("claimable"));
        Assert.Equal(50m, tier.Dec("allowance"));
        Assert.Equal(50m, tier.Dec("limit"));
        Assert.Equal("2", tier.GetProperty("coins").Str("overspend_multiplier"));
        var storage = await a.Http.ExpectAsync(HttpMethod.Post, url, HttpStatusCode.Created, new { name = "archive", type = "ARCHIVE", allowance = 10, limit = 20 });
        Assert.False(storage.Flag("claimable"));

        // The built-in tier keeps its default allowance per flavour.
        Assert.Equal(1000m, (await a.Http.ExpectAsync(HttpMethod.Post, url, HttpStatusCode.Created, new { name = "dm", type = "DATA_MANAGER_PROJECT_TIER_SUBSCRIPTION", flavour = "BRONZE" })).Dec("allowance"));

        // Another account does not have A's types.
        using var other = await b.Http.PostJsonAsync($"/api/v1/units/{unitB}/products", new { name = "m", type = "ARCHIVE", allowance = 10 });
        var problem = await other.ExpectValidationAsync("type");
        Assert.DoesNotContain("ARCHIVE", problem.Str("detail") + problem.GetProperty("errors").ToString(), StringComparison.Ordinal);
    }
}
