using System.Net;
using System.Text.Json;
using Steward.Functional.Infrastructure;
using Steward.Functional.Native;

namespace Steward.Functional.Catalog;

/// <summary><c>/api/v1/plans</c>: the binding plan contract, versions of terms, tags, features, and deletion.</summary>
public sealed class PlansTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task Create_takes_the_binding_contract_and_answers_an_integer_id_and_the_uid()
    {
        using var a = await factory.NewTenantAsync();
        var uid = NativeKit.Unique("spamstopshere-");
        using var response = await a.Http.PostJsonAsync("/api/v1/plans", CatalogKit.PlanBody(uid, new()
        {
            ["trial_days"] = 30,
            ["setup_fee"] = new { amount = "9.95", currency_code = "USD", description = "Set-up" },
            ["allows_multiple_mail_servers"] = true,
            ["terms"] = "1 month",
        }));
        var plan = await response.ExpectJsonAsync(HttpStatusCode.Created);

        Assert.Equal(JsonValueKind.Number, plan.GetProperty("id").ValueKind);
        var id = plan.GetProperty("id").GetInt64();
        Assert.True(id > 0);
        Assert.Equal("/api/v1/plans/" + id, response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal(uid, plan.Str("uid"));
        Assert.Equal(a.Id, plan.Str("account_id"));
        Assert.Equal("Standard", plan.Str("name"));
        Assert.Equal("The standard package", plan.Str("description"));
        Assert.Equal(["cpanel"], plan.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(1, plan.Number("position"));
        Assert.Equal(30, plan.Number("trial_days"));
        Assert.Equal(24m, plan.Money("price"));
        Assert.Equal("USD", plan.Str("currency_code"));
        Assert.Equal(1, plan.Number("duration_quantity"));
        Assert.Equal("months", plan.Str("duration_units"));
        Assert.Equal("regular", plan.Str("plan_type"));
        Assert.Equal("Pro", plan.Str("feature_level"));
        Assert.Equal("https://example.com/thanks", plan.Str("return_url"));
        Assert.True(plan.Flag("enabled"));
        Assert.True(plan.Flag("allows_multiple_mail_servers"));
        Assert.Equal("1 month", plan.Str("terms"));
        Assert.Equal(50, plan.GetProperty("reseller_cost").Number("domain_cents"));
        Assert.Equal(100, plan.GetProperty("reseller_cost").Number("mailbox_cents"));
        var fee = plan.GetProperty("setup_fee");
        Assert.Equal(9.95m, fee.Money("amount"));
        Assert.Equal("USD", fee.Str("currency_code"));
        Assert.Equal("Set-up", fee.Str("description"));

        var features = plan.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(["SpamStopsHere Anti-Spam", "Brilliant 24/7/365 Support"], features.Select(f => f.Str("name")));
        Assert.Equal([1, 12], features.Select(f => f.Number("position")));
        Assert.Equal("800-458-3348", features[1].Str("blurb"));
        Assert.All(features, f => Assert.True(f.GetProperty("id").GetInt64() > 0));

        Assert.Equal(1, plan.Number("terms_version"));
        var version = Assert.Single(plan.GetProperty("versions").EnumerateArray());
        Assert.Equal(1, version.Number("version"));
        Assert.Equal(24m, version.Money("price"));
        Assert.Equal(1, plan.Number("version"));

        // Read back by integer id and by uid: the same plan.
        Assert.Equal(plan.GetRawText(), (await a.Http.GetOkAsync("/api/v1/plans/" + id)).GetRawText());
        Assert.Equal(plan.GetRawText(), (await a.Http.GetOkAsync("/api/v1/plans/" + uid)).GetRawText());
    }

    [StewardTheory]
    [InlineData("24.5")]
    [InlineData("\"24.50\"")]
    [InlineData("24.5000")]
    [InlineData("\" 24.5 \"")]
    public async Task Amounts_are_numbers_or_decimal_strings_and_stored_as_decimals(string price)
    {
        using var a = await factory.NewTenantAsync();
        var body = $$"""{"name": "Amounts", "price": {{price}}, "setup_fee": {"amount": {{price}} } }""";
        using var response = await a.Http.SendRawAsync(HttpMethod.Post, "/api/v1/plans", body);
        var plan = await response.ExpectJsonAsync(HttpStatusCode.Created);
        Assert.Equal(24.5m, plan.Money("price"));
        Assert.Equal("24.5", plan.GetProperty("price").GetRawText());
        Assert.Equal(24.5m, plan.GetProperty("setup_fee").Money("amount"));
        Assert.Equal("USD", plan.GetProperty("setup_fee").Str("currency_code"));
    }

    [StewardFact]
    public async Task Defaults_fill_what_is_absent_and_the_uid_is_derived_from_the_name_and_made_unique()
    {
        using var a = await factory.NewTenantAsync();
        using var first = await a.Http.PostJsonAsync("/api/v1/plans", new { name = "Gold Plan!" });
        var plan = await first.ExpectJsonAsync(HttpStatusCode.Created);
        Assert.Equal("gold-plan", plan.Str("uid"));
        Assert.Equal(0m, plan.Money("price"));
        Assert.Equal("USD", plan.Str("currency_code"));
        Assert.Equal(1, plan.Number("duration_quantity"));
        Assert.Equal("months", plan.Str("duration_units"));
        Assert.Equal("regular", plan.Str("plan_type"));
        Assert.Equal("1 month", plan.Str("terms"));
        Assert.True(plan.Flag("enabled"));
        Assert.Empty(plan.GetProperty("tags").EnumerateArray());
        Assert.Empty(plan.GetProperty("features").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, plan.GetProperty("setup_fee").ValueKind);
        Assert.Equal(JsonValueKind.Null, plan.GetProperty("reseller_cost").ValueKind);

        using var second = await a.Http.PostJsonAsync("/api/v1/plans", new { name = "Gold plan" });
        Assert.Equal("gold-plan-2", (await second.ExpectJsonAsync(HttpStatusCode.Created)).Str("uid"));

        // Another account may use the same uid; ids are unique on the server.
        using var b = await factory.NewTenantAsync();
        var other = await b.Http.NewPlanAsync(uid: "gold-plan");
        Assert.NotEqual(plan.GetProperty("id").GetInt64(), other.GetProperty("id").GetInt64());
    }

    [StewardFact]
    public async Task A_taken_uid_is_a_conflict_naming_the_field_and_a_uid_never_changes()
    {
        using var a = await factory.NewTenantAsync();
        var plan = await a.Http.NewPlanAsync(uid: "taken");
        using (var again = await a.Http.PostJsonAsync("/api/v1/plans", CatalogKit.PlanBody("taken")))
        {
            await again.ExpectFieldConflictAsync("uid");
        }

        using (var change = await a.Http.PatchJsonAsync("/api/v1/plans/taken", new { uid = "other" }))
        {
            await change.ExpectValidationAsync("uid");
        }

        Assert.Single((await a.Http.GetOkAsync("/api/v1/plans")).Items());
        Assert.Equal(plan.GetRawText(), (await a.Http.GetOkAsync("/api/v1/plans/taken")).GetRawText());
    }

    [StewardFact]
    public async Task Lists_filter_by_tag_and_enabled_and_are_ordered_by_position()
    {
        using var a = await factory.NewTenantAsync();
        var third = await a.Http.NewPlanAsync(new() { ["position"] = 3, ["tags"] = new[] { "cpanel", "plesk" } });
        var first = await a.Http.NewPlanAsync(new() { ["position"] = 1, ["tags"] = new[] { "cpanel" } });
        var plesk = await a.Http.NewPlanAsync(new() { ["position"] = 2, ["tags"] = new[] { "plesk" }, ["enabled"] = false });

        static List<long> Ids(JsonElement page) => [.. page.Items().Select(p => p.GetProperty("id").GetInt64())];
        static long Id(JsonElement plan) => plan.GetProperty("id").GetInt64();

        Assert.Equal([Id(first), Id(plesk), Id(third)], Ids(await a.Http.GetOkAsync("/api/v1/plans")));
        Assert.Equal([Id(first), Id(third)], Ids(await a.Http.GetOkAsync("/api/v1/plans?tag=cpanel")));
        Assert.Equal([Id(plesk), Id(third)], Ids(await a.Http.GetOkAsync("/api/v1/plans?tag=plesk")));
        Assert.Equal([Id(third)], Ids(await a.Http.GetOkAsync("/api/v1/plans?tag=plesk&enabled=true")));
        Assert.Empty(Ids(await a.Http.GetOkAsync("/api/v1/plans?tag=none")));
        Assert.Equal(JsonValueKind.Null, (await a.Http.GetOkAsync("/api/v1/plans")).GetProperty("next_cursor").ValueKind);
    }

    [StewardFact]
    public async Task Changing_the_terms_makes_a_new_version_and_other_changes_do_not()
    {
        using var a = await factory.NewTenantAsync();
        var plan = await a.Http.NewPlanAsync();
        var url = "/api/v1/plans/" + plan.GetProperty("id").GetInt64();

        using (var renamed = await a.Http.PatchJsonAsync(url, new { name = "Renamed", position = 7, tags = new[] { "x" } }, ifMatch: "\"1\""))
        {
            var body = await renamed.ExpectJsonAsync(HttpStatusCode.OK);
            Assert.Equal("Renamed", body.Str("name"));
            Assert.Equal(1, body.Number("terms_version"));
            Assert.Equal(2, body.Number("version"));
            Assert.Equal("\"2\"", renamed.Headers.ETag?.Tag);
        }

        // The same terms written again are not a change of terms.
        using (var same = await a.Http.PatchJsonAsync(url, new { price = 24, currency_code = "usd", duration_units = "months" }))
        {
            Assert.Equal(1, (await same.ExpectJsonAsync(HttpStatusCode.OK)).Number("terms_version"));
        }

        using (var repriced = await a.Http.PatchJsonAsync(url, new { price = "30.00", trial_days = 7, setup_fee = new { amount = 5 } }))
        {
            var body = await repriced.ExpectJsonAsync(HttpStatusCode.OK);
            Assert.Equal(2, body.Number("terms_version"));
            Assert.Equal(30m, body.Money("price"));
            Assert.Equal(7, body.Number("trial_days"));
            var versions = body.GetProperty("versions").EnumerateArray().ToList();
            Assert.Equal([1, 2], versions.Select(v => v.Number("version")));
            Assert.Equal([24m, 30m], versions.Select(v => v.Money("price")));
            Assert.Equal(JsonValueKind.Null, versions[0].GetProperty("setup_fee").ValueKind);
            Assert.Equal(5m, versions[1].GetProperty("setup_fee").Money("amount"));
        }

        using (var stale = await a.Http.PatchJsonAsync(url, new { name = "stale" }, ifMatch: "\"1\""))
        {
            await stale.ExpectProblemAsync(HttpStatusCode.PreconditionFailed, "version-conflict");
        }

        var types = (await a.Http.EventsAsync()).Where(e => e.Str("subject_id") == "plan-" + plan.GetProperty("id").GetInt64()).Select(e => e.Str("type")).ToList();
        Assert.Equal(["plan.created", "plan.updated", "plan.updated", "plan.updated", "plan.version_created"], types);
    }

    [StewardFact]
    public async Task Features_keep_their_order_and_their_ids_while_they_keep_their_names()
    {
        using var a = await factory.NewTenantAsync();
        var plan = await a.Http.NewPlanAsync();
        var url = "/api/v1/plans/" + plan.Str("uid");
        var before = plan.GetProperty("features").EnumerateArray().ToDictionary(f => f.Str("name"), f => f.GetProperty("id").GetInt64());

        using var response = await a.Http.PatchJsonAsync(url, new
        {
            features = new object[]
            {
                new { name = "Brilliant 24/7/365 Support", blurb = "call us", position = 1 },
                new { name = "Archive" },
                new { name = "SpamStopsHere Anti-Spam", position = 5 },
            },
        });
        var features = (await response.ExpectJsonAsync(HttpStatusCode.OK)).GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(["Brilliant 24/7/365 Support", "Archive", "SpamStopsHere Anti-Spam"], features.Select(f => f.Str("name")));
        Assert.Equal([1, 2, 5], features.Select(f => f.Number("position")));
        Assert.Equal("call us", features[0].Str("blurb"));
        Assert.Equal(before["Brilliant 24/7/365 Support"], features[0].GetProperty("id").GetInt64());
        Assert.Equal(before["SpamStopsHere Anti-Spam"], features[2].GetProperty("id").GetInt64());
        Assert.DoesNotContain(features[1].GetProperty("id").GetInt64(), before.Values);

        using var cleared = await a.Http.PatchJsonAsync(url, new { features = Array.Empty<object>() });
        Assert.Empty((await cleared.ExpectJsonAsync(HttpStatusCode.OK)).GetProperty("features").EnumerateArray());
    }

    [StewardFact]
    public async Task A_plan_nobody_bought_is_deleted_and_one_with_subscriptions_is_refused()
    {
        using var a = await factory.NewTenantAsync();
        var unused = await a.Http.NewPlanAsync();
        await a.Http.ExpectAsync(HttpMethod.Delete, "/api/v1/plans/" + unused.Str("uid"), HttpStatusCode.NoContent);
        await a.Http.ExpectProblemAsync(HttpMethod.Get, "/api/v1/plans/" + unused.Str("uid"), HttpStatusCode.NotFound, code: "not-found");

        var bought = await a.Http.NewPlanAsync();
        var userId = (await a.Http.NewUserAsync()).Str("id");
        await a.Http.SubscribeAsync(userId, bought.GetProperty("id").GetInt64());
        var problem = await a.Http.ExpectProblemAsync(HttpMethod.Delete, "/api/v1/plans/" + bought.Str("uid"), HttpStatusCode.Conflict, code: "conflict");
        Assert.Equal("plan_in_use", problem.Str("reason"));

        using var disabled = await a.Http.PatchJsonAsync("/api/v1/plans/" + bought.Str("uid"), new { enabled = false });
        Assert.False((await disabled.ExpectJsonAsync(HttpStatusCode.OK)).Flag("enabled"));
        Assert.Equal(bought.Str("uid"), (await a.Http.GetOkAsync("/api/v1/plans/" + bought.Str("uid"))).Str("uid"));
    }

    [StewardFact]
    public async Task Only_the_account_or_root_writes_plans_and_everyone_in_the_account_reads_them()
    {
        using var a = await factory.NewTenantAsync();
        var plan = await a.Http.NewPlanAsync();
        var userId = (await a.Http.NewUserAsync()).Str("id");
        using var user = factory.ClientWithToken(await a.Http.MintUserTokenAsync(userId));

        Assert.Equal(plan.Str("uid"), (await user.GetOkAsync("/api/v1/plans/" + plan.Str("uid"))).Str("uid"));
        Assert.Single((await user.GetOkAsync("/api/v1/plans")).Items());
        await user.ExpectProblemAsync(HttpMethod.Post, "/api/v1/plans", HttpStatusCode.Forbidden, CatalogKit.PlanBody(), "forbidden");
        await user.ExpectProblemAsync(HttpMethod.Patch, "/api/v1/plans/" + plan.Str("uid"), HttpStatusCode.Forbidden, new { name = "x" }, "forbidden");
        await user.ExpectProblemAsync(HttpMethod.Delete, "/api/v1/plans/" + plan.Str("uid"), HttpStatusCode.Forbidden, code: "forbidden");

        using var root = await factory.RootClientAsync();
        var rootMade = CatalogKit.PlanBody(extra: new() { ["account_id"] = a.Id });
        using (var made = await root.PostJsonAsync("/api/v1/plans", rootMade))
        {
            Assert.Equal(a.Id, (await made.ExpectJsonAsync(HttpStatusCode.Created)).Str("account_id"));
        }

        using (var missing = await root.PostJsonAsync("/api/v1/plans", CatalogKit.PlanBody()))
        {
            await missing.ExpectValidationAsync("account_id");
        }

        Assert.Equal(2, (await a.Http.GetOkAsync("/api/v1/plans")).Items().Count);
    }
}
