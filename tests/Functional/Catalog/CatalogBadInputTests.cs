using System.Net;
using Steward.Functional.Infrastructure;
using Steward.Functional.Native;

namespace Steward.Functional.Catalog;

/// <summary>Bad input to plans and subscriptions is a 4xx problem naming the field, and writes nothing.</summary>
public sealed class CatalogBadInputTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task Malformed_bodies_and_wrong_types_name_the_field()
    {
        using var a = await factory.NewTenantAsync();
        var plan = await a.Http.NewPlanAsync();
        var userId = (await a.Http.NewUserAsync()).Str("id");
        var sub = await a.Http.SubscribeAsync(userId, plan.Str("uid"));
        var users = $"/api/v1/users/{userId}/subscriptions";
        var cases = new (HttpMethod Method, string Url, string Body, string Field)[]
        {
            (HttpMethod.Post, "/api/v1/plans", "{\"name\": ", "body"),
            (HttpMethod.Post, "/api/v1/plans", "[]", "body"),
            (HttpMethod.Post, "/api/v1/plans", "{\"name\": 5}", "name"),
            (HttpMethod.Post, "/api/v1/plans", "{\"name\": \"x\", \"price\": true}", "price"),
            (HttpMethod.Post, "/api/v1/plans", "{\"name\": \"x\", \"price\": \"twelve\"}", "price"),
            (HttpMethod.Post, "/api/v1/plans", "{\"name\": \"x\", \"price\": \"1,5\"}", "price"),
            (HttpMethod.Post, "/api/v1/plans", "{\"name\": \"x\", \"tags\": \"cpanel\"}", "tags"),
            (HttpMethod.Post, "/api/v1/plans", "{\"name\": \"x\", \"features\": [{\"name\": 1}]}", "features[0].name"),
            (HttpMethod.Post, "/api/v1/plans", "{\"name\": \"x\", \"position\": \"first\"}", "position"),
            (HttpMethod.Post, "/api/v1/plans", "{\"name\": \"x\", \"enabled\": \"yes\"}", "enabled"),
            (HttpMethod.Post, "/api/v1/plans", "{\"name\": \"x\", \"reseller_cost\": {\"domain_cents\": \"fifty\"}}", "reseller_cost.domain_cents"),
            (HttpMethod.Post, "/api/v1/plans", "{\"name\": \"x\", \"setup_fee\": {\"amount\": [1]}}", "setup_fee.amount"),
            (HttpMethod.Patch, "/api/v1/plans/" + plan.Str("uid"), "{\"trial_days\": 1.5}", "trial_days"),
            (HttpMethod.Post, users, "{\"plan_id\": true}", "plan_id"),
            (HttpMethod.Post, users, "{\"plan_id\": {\"id\": 1}}", "plan_id"),
            (HttpMethod.Post, users + "/complimentary", "{\"duration_quantity\": \"two\", \"duration_units\": \"days\"}", "duration_quantity"),
            (HttpMethod.Post, users + "/credits", "{\"amount\": \"lots\"}", "amount"),
            (HttpMethod.Post, users + "/credits", "not json", "body"),
            (HttpMethod.Patch, "/api/v1/subscriptions/" + sub.Str("id"), "{\"recurring\": \"no\"}", "recurring"),
        };
        foreach (var (method, url, body, field) in cases)
        {
            using var response = await a.Http.SendRawAsync(method, url, body);
            await response.ExpectValidationAsync(field);
        }

        Assert.Single((await a.Http.GetOkAsync("/api/v1/plans")).Items());
        Assert.Equal(plan.GetRawText(), (await a.Http.GetOkAsync("/api/v1/plans/" + plan.Str("uid"))).GetRawText());
        Assert.Equal(sub.Number("version"), (await a.Http.GetOkAsync("/api/v1/subscriptions/" + sub.Str("id"))).Number("version"));
    }

    [StewardFact]
    public async Task A_plan_with_every_rule_broken_names_every_field_at_once()
    {
        using var a = await factory.NewTenantAsync();
        using var response = await a.Http.PostJsonAsync("/api/v1/plans", new Dictionary<string, object?>
        {
            ["uid"] = "12345",
            ["description"] = new string('d', 1001),
            ["tags"] = new[] { "bad tag" },
            ["position"] = 1,
            ["trial_days"] = -1,
            ["features"] = new object[] { new { name = "" } },
            ["reseller_cost"] = new { domain_cents = -1, mailbox_cents = 5 },
            ["price"] = -24,
            ["currency_code"] = "DOLLARS",
            ["duration_quantity"] = 0,
            ["duration_units"] = "weeks",
            ["plan_type"] = "monthly",
            ["feature_level"] = new string('f', 101),
            ["return_url"] = "ftp://example.com/",
            ["setup_fee"] = new { amount = "0.00001" },
            ["terms"] = "1 month",
        });
        await response.ExpectValidationAsync(
            "name", "uid", "description", "tags", "trial_days", "features.name", "reseller_cost.domain_cents", "price", "currency_code",
            "duration_quantity", "duration_units", "plan_type", "feature_level", "return_url", "setup_fee.amount");
        Assert.Empty((await a.Http.GetOkAsync("/api/v1/plans")).Items());
    }

    [StewardFact]
    public async Task Subscription_actions_name_missing_and_invalid_fields()
    {
        using var a = await factory.NewTenantAsync();
        var userId = (await a.Http.NewUserAsync()).Str("id");
        var cases = new (string Url, object Body, string[] Fields)[]
        {
            ($"/api/v1/users/{userId}/subscriptions", new { }, ["plan_id"]),
            ($"/api/v1/users/{userId}/subscriptions/free-trial", new { plan_id = " " }, ["plan_id"]),
            ($"/api/v1/users/{userId}/subscriptions/change-plan", new { }, ["plan_id"]),
            ($"/api/v1/users/{userId}/subscriptions/complimentary", new { }, ["duration_quantity", "duration_units"]),
            ($"/api/v1/users/{userId}/subscriptions/complimentary", new { duration_quantity = 0, duration_units = "weeks" }, ["duration_quantity", "duration_units"]),
            ($"/api/v1/users/{userId}/subscriptions/extension", new { duration_quantity = 2000, duration_units = "days" }, ["duration_quantity"]),
            ($"/api/v1/users/{userId}/subscriptions/lifetime", new { }, ["feature_level"]),
            ($"/api/v1/users/{userId}/subscriptions/credits", new { }, ["amount"]),
            ($"/api/v1/users/{userId}/subscriptions/credits", new { amount = 1.00001, currency_code = "EURO" }, ["amount", "currency_code"]),
        };
        foreach (var (url, body, fields) in cases)
        {
            using var response = await a.Http.PostJsonAsync(url, body);
            await response.ExpectValidationAsync(fields);
        }

        Assert.Empty((await a.Http.GetOkAsync($"/api/v1/users/{userId}/subscriptions")).Items());
        Assert.DoesNotContain(await a.Http.EventsAsync(), e => e.Str("type").StartsWith("subscription.", StringComparison.Ordinal));
    }

    [StewardFact]
    public async Task Unknown_and_malformed_ids_are_not_found()
    {
        using var a = await factory.NewTenantAsync();
        var userId = (await a.Http.NewUserAsync()).Str("id");
        foreach (var (method, url, body) in new (HttpMethod, string, object?)[]
        {
            (HttpMethod.Get, "/api/v1/plans/999999999", null),
            (HttpMethod.Get, "/api/v1/plans/no-such-plan", null),
            (HttpMethod.Patch, "/api/v1/plans/no-such-plan", new { name = "x" }),
            (HttpMethod.Delete, "/api/v1/plans/99999999999999999999999", null),
            (HttpMethod.Get, "/api/v1/product-types/NO_SUCH_TYPE", null),
            (HttpMethod.Get, "/api/v1/subscriptions/" + NativeKit.UnknownId("sub"), null),
            (HttpMethod.Get, "/api/v1/subscriptions/not-an-id", null),
            (HttpMethod.Patch, "/api/v1/subscriptions/" + NativeKit.UnknownId("sub"), new { recurring = false }),
            (HttpMethod.Get, $"/api/v1/users/{NativeKit.UnknownId("user")}/subscriptions", null),
            (HttpMethod.Post, $"/api/v1/users/{NativeKit.UnknownId("user")}/subscriptions", new { plan_id = 1 }),
            (HttpMethod.Post, "/api/v1/users/garbage/subscriptions/allow-free-trial", null),
            (HttpMethod.Post, $"/api/v1/users/{userId}/subscriptions", new { plan_id = "no-such-plan" }),
            (HttpMethod.Post, $"/api/v1/users/{userId}/subscriptions", new { plan_id = 999_999_999 }),
        })
        {
            await a.Http.ExpectProblemAsync(method, url, HttpStatusCode.NotFound, body, "not-found");
        }

        Assert.Empty((await a.Http.GetOkAsync($"/api/v1/users/{userId}/subscriptions")).Items());
    }
}
