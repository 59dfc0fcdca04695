using System.Net;
using System.Text.Json;
using Steward.Functional.Infrastructure;
using Steward.Functional.Native;

namespace Steward.Functional.Catalog;

/// <summary>Set-up helpers for the catalog tests (plans, subscriptions), over real HTTP.</summary>
public static class CatalogKit
{
    /// <summary>A plan with the binding contract's fields; <paramref name="extra"/> overrides or adds fields.</summary>
    public static Dictionary<string, object?> PlanBody(string? uid = null, Dictionary<string, object?>? extra = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["uid"] = uid ?? NativeKit.Unique("plan-"),
            ["name"] = "Standard",
            ["description"] = "The standard package",
            ["tags"] = new[] { "cpanel" },
            ["position"] = 1,
            ["trial_days"] = 0,
            ["features"] = new object[]
            {
                new { name = "SpamStopsHere Anti-Spam", blurb = "", description = "", position = 1 },
                new { name = "Brilliant 24/7/365 Support", blurb = "800-458-3348", description = "", position = 12 },
            },
            ["reseller_cost"] = new { domain_cents = 50, mailbox_cents = 100 },
            ["price"] = "24.00",
            ["currency_code"] = "USD",
            ["duration_quantity"] = 1,
            ["duration_units"] = "months",
            ["plan_type"] = "regular",
            ["feature_level"] = "Pro",
            ["return_url"] = "https://example.com/thanks",
            ["enabled"] = true,
        };
        foreach (var (key, value) in extra ?? [])
        {
            body[key] = value;
        }

        return body;
    }

    public static async Task<JsonElement> NewPlanAsync(this HttpClient client, Dictionary<string, object?>? extra = null, string? uid = null)
    {
        using var response = await client.PostJsonAsync("/api/v1/plans", PlanBody(uid, extra));
        return await response.ExpectJsonAsync(HttpStatusCode.Created);
    }

    /// <summary>A free-trial plan of <paramref name="days"/> days.</summary>
    public static Task<JsonElement> NewFreeTrialPlanAsync(this HttpClient client, int days = 14) =>
        client.NewPlanAsync(new() { ["plan_type"] = "free_trial", ["price"] = 0, ["duration_quantity"] = days, ["duration_units"] = "days", ["feature_level"] = "Trial" });

    /// <summary>Posts an action under <c>/users/{id}/subscriptions/</c>; returns the response for the caller to check.</summary>
    public static Task<HttpResponseMessage> ActAsync(this HttpClient client, string userId, string action, object? body = null) =>
        client.SendJsonAsync(HttpMethod.Post, $"/api/v1/users/{userId}/subscriptions/{action}", body);

    /// <summary>An action that must answer 200; returns the subscription.</summary>
    public static async Task<JsonElement> ActOkAsync(this HttpClient client, string userId, string action, object? body = null)
    {
        using var response = await client.ActAsync(userId, action, body);
        return await response.ExpectJsonAsync(HttpStatusCode.OK);
    }

    /// <summary>An action that must be refused with 409 and the given reason; returns the problem.</summary>
    public static async Task<JsonElement> ActRefusedAsync(this HttpClient client, string userId, string action, string reason, object? body = null)
    {
        using var response = await client.ActAsync(userId, action, body);
        var problem = await response.ExpectProblemAsync(HttpStatusCode.Conflict, "conflict");
        Assert.Equal(reason, problem.Str("reason"));
        return problem;
    }

    public static async Task<JsonElement> SubscribeAsync(this HttpClient client, string userId, object planId, bool? recurring = null)
    {
        using var response = await client.PostJsonAsync($"/api/v1/users/{userId}/subscriptions", new { plan_id = planId, recurring });
        return await response.ExpectJsonAsync(HttpStatusCode.Created);
    }

    public static decimal Money(this JsonElement element, string name) => element.GetProperty(name).GetDecimal();

    public static bool Flag(this JsonElement element, string name) => element.GetProperty(name).GetBoolean();

    public static DateTimeOffset Time(this JsonElement element, string name) => element.GetProperty(name).GetDateTimeOffset();
}
