using System.Net;
using System.Text.RegularExpressions;
using Steward.Functional.Infrastructure;
using Steward.Functional.Native;

namespace Steward.Functional.AdminConsole;

/// <summary>
/// The console's pages act as the signed-in principal through the core: each tenant sees only its own
/// rows, another tenant's ids answer 404, forms create through the same services as the API, and
/// every list searches and pages.
/// </summary>
public sealed partial class ConsolePagesTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task A_tenant_never_sees_another_tenants_rows_and_their_ids_answer_404()
    {
        using var a = await factory.NewTenantAsync();
        using var b = await factory.NewTenantAsync();
        var aOrg = await a.Http.NewOrganisationAsync(NativeKit.Unique("aorg"));
        var bOrg = await b.Http.NewOrganisationAsync(NativeKit.Unique("borg"));
        var bUser = await b.Http.NewUserAsync(NativeKit.Unique("buser"), organisationId: bOrg.Str("id"));
        var bUnit = await b.Http.NewUnitAsync(bOrg.Str("id"), NativeKit.Unique("bunit"));
        var bDevice = await b.Http.NewDeviceAsync(bUser.Str("id"));
        var bCredential = await b.Http.NewCredentialAsync(bOrg.Str("id"), NativeKit.Unique("bkey"));
        await b.Http.AddMemberAsync(bOrg.Str("id"), (await b.Http.NewUserAsync()).Str("id"), "admin");

        using var console = await ConsoleClient.SignInAsync(factory, a.Account);
        var secrets = new[] { bOrg.Str("name"), bUser.Str("username"), bUnit.Str("name"), bCredential.Str("api_key"), bOrg.Str("id"), bUser.Str("id") };
        foreach (var list in new[] { "/console/organisations", "/console/users", "/console/units", "/console/memberships", "/console/devices", "/console/credentials", "/console/events", "/console/dashboard" })
        {
            var page = await console.GetAsync(list);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, page.Html, StringComparison.Ordinal);
            }
        }

        Assert.Contains(aOrg.Str("name"), (await console.GetAsync("/console/organisations")).Html, StringComparison.Ordinal);
        Assert.DoesNotContain(bOrg.Str("name"), (await console.GetAsync("/console/organisations?q=" + bOrg.Str("name"))).Html.Replace("value=\"" + bOrg.Str("name"), "", StringComparison.Ordinal), StringComparison.Ordinal);

        foreach (var url in new[]
        {
            "/console/organisations/" + bOrg.Str("id"),
            "/console/users/" + bUser.Str("id"),
            "/console/units?organisation=" + bOrg.Str("id"),
            "/console/users?organisation=" + bOrg.Str("id"),
            "/console/memberships?organisation=" + bOrg.Str("id"),
            "/console/devices?user=" + bUser.Str("id"),
            "/console/credentials?owner=" + bUser.Str("id"),
        })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await console.GetAsync(url)).Status);
        }

        foreach (var action in new[]
        {
            "/console/users/" + bUser.Str("id") + "/delete",
            "/console/organisations/" + bOrg.Str("id") + "/delete",
            "/console/units/" + bUnit.Str("id") + "/delete",
            "/console/devices/" + bDevice.Str("id") + "/delete",
            "/console/credentials/" + bCredential.Str("id") + "/revoke",
            "/console/credentials/" + bCredential.Str("id") + "/rotate",
            "/console/accounts/" + b.Id + "/delete",
        })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await console.PostAsync(action, [])).Status);
        }

        // Nothing of B changed.
        await b.Http.GetOkAsync("/api/v1/users/" + bUser.Str("id"));
        await b.Http.GetOkAsync("/api/v1/organisations/" + bOrg.Str("id"));
        await b.Http.GetOkAsync("/api/v1/devices/" + bDevice.Str("id"));
        Assert.Equal(HttpStatusCode.OK, (await b.Http.GetAsync("/api/v1/credentials/" + bCredential.Str("id"))).StatusCode);
    }

    [StewardFact]
    public async Task Accounts_are_for_root_only()
    {
        var account = await factory.NewAccountAsync();
        using var tenant = await ConsoleClient.SignInAsync(factory, account);
        Assert.DoesNotContain("href=\"/console/accounts\"", (await tenant.GetAsync("/console/dashboard")).Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await tenant.GetAsync("/console/accounts")).Status);

        using var root = await ConsoleClient.SignInAsRootAsync(factory);
        var page = await root.GetAsync("/console/accounts?q=" + account.Name);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(account.Id, page.Html, StringComparison.Ordinal);

        var name = NativeKit.Unique("acct");
        var created = await root.PostAsync("/console/accounts", new() { ["name"] = name, ["email"] = name + "@example.com" });
        Assert.Equal(HttpStatusCode.OK, created.Status);
        var (key, secret) = ConsoleClient.ShownSecret(created);
        Assert.StartsWith("AAK", key, StringComparison.Ordinal);
        using var newcomer = await ConsoleClient.SignInAsync(factory, key, secret);
        Assert.Contains(name, (await newcomer.GetAsync("/console/dashboard")).Html, StringComparison.Ordinal);
    }

    [StewardFact]
    public async Task Forms_create_through_the_core_and_show_secrets_once()
    {
        var account = await factory.NewAccountAsync();
        using var console = await ConsoleClient.SignInAsync(factory, account);
        var orgName = NativeKit.Unique("org");
        var org = await console.PostAsync("/console/organisations", new() { ["name"] = orgName, ["domain_name"] = NativeKit.UniqueDomain() });
        Assert.Equal(HttpStatusCode.OK, org.Status);
        Assert.StartsWith("DAK", ConsoleClient.ShownSecret(org).Key, StringComparison.Ordinal);
        var orgId = OrgIdPattern().Match((await console.GetAsync("/console/organisations?q=" + orgName)).Html).Value;

        var unit = await console.PostAsync("/console/units", new() { ["organisation_id"] = orgId, ["name"] = "north", ["billing_day"] = "7" });
        Assert.Equal(HttpStatusCode.OK, unit.Status);
        Assert.Contains("Unit north created.", unit.Html, StringComparison.Ordinal);

        var username = NativeKit.Unique("user");
        var user = await console.PostAsync("/console/users", new() { ["username"] = username, ["email"] = username + "@example.com", ["organisation_id"] = orgId });
        Assert.Equal(HttpStatusCode.OK, user.Status);
        var (userKey, _) = ConsoleClient.ShownSecret(user);
        Assert.StartsWith("UAK", userKey, StringComparison.Ordinal);
        var userId = UserIdPattern().Match((await console.GetAsync("/console/users?q=" + username)).Html).Value;

        // The user is a member of its home organisation already; a second user of the account joins it as admin.
        var memberName = NativeKit.Unique("member");
        Assert.Equal(HttpStatusCode.OK, (await console.PostAsync("/console/users", new() { ["username"] = memberName })).Status);
        var memberId = UserIdPattern().Match((await console.GetAsync("/console/users?q=" + memberName)).Html).Value;
        var membership = await console.PostAsync("/console/memberships", new() { ["organisation_id"] = orgId, ["user_id"] = memberId, ["role"] = "admin" });
        Assert.Equal(HttpStatusCode.OK, membership.Status);
        var again = await console.PostAsync("/console/memberships", new() { ["organisation_id"] = orgId, ["user_id"] = memberId, ["role"] = "admin" });
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        var device = await console.PostAsync("/console/devices", new() { ["user_id"] = userId, ["device_name"] = "pixel", ["device_family"] = "android" });
        Assert.Equal(HttpStatusCode.OK, device.Status);

        var label = NativeKit.Unique("key");
        var credential = await console.PostAsync("/console/credentials", new() { ["owner_id"] = userId, ["label"] = label });
        Assert.Equal(HttpStatusCode.OK, credential.Status);
        var (extraKey, extraSecret) = ConsoleClient.ShownSecret(credential);

        // The secret is on the answer to the form, and on no page after it.
        var credentials = await console.GetAsync("/console/credentials?owner=" + userId);
        Assert.Contains(extraKey, credentials.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(extraSecret, credentials.Html, StringComparison.Ordinal);

        // What the console made is what the API reads.
        using var http = factory.ClientWithToken(account.Token);
        Assert.Equal(username, (await http.GetOkAsync("/api/v1/users/" + userId)).Str("username"));
        Assert.Single((await http.GetOkAsync($"/api/v1/organisations/{orgId}/units")).Items());
        Assert.Single((await http.GetOkAsync($"/api/v1/users/{userId}/devices")).Items());
        Assert.Contains("pixel", (await console.GetAsync("/console/devices?q=pix")).Html, StringComparison.Ordinal);
        var members = (await console.GetAsync($"/console/memberships?organisation={orgId}")).Html;
        Assert.Contains(username, members, StringComparison.Ordinal);
        Assert.Contains(memberName, members, StringComparison.Ordinal);

        var id = Regex.Match(credentials.Html, $"/console/credentials/(cred-[0-9a-f-]+)/revoke").Groups[1].Value;
        var revoked = await console.PostAsync($"/console/credentials/{id}/revoke", []);
        Assert.Equal(HttpStatusCode.Found, revoked.Status);
        Assert.DoesNotContain(id, (await console.GetAsync("/console/credentials?owner=" + userId)).Html, StringComparison.Ordinal);
    }

    [StewardFact]
    public async Task Bad_input_is_shown_beside_its_field_and_nothing_is_written()
    {
        var account = await factory.NewAccountAsync();
        using var console = await ConsoleClient.SignInAsync(factory, account);
        var page = await console.PostAsync("/console/users", new() { ["username"] = "has space", ["email"] = "not-an-email" });
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("<span class=\"field-error\">username may contain only", page.Html, StringComparison.Ordinal);
        Assert.Contains("value=\"has space\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("No users match.", page.Html, StringComparison.Ordinal);

        var unit = await console.PostAsync("/console/units", new() { ["organisation_id"] = "", ["name"] = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, unit.Status);
        Assert.Contains("Choose the organisation", unit.Html, StringComparison.Ordinal);
    }

    [StewardFact]
    public async Task Values_are_html_encoded()
    {
        using var tenant = await factory.NewTenantAsync();
        var org = await tenant.Http.NewOrganisationAsync("<script>alert('x')</script>");
        using var console = await ConsoleClient.SignInAsync(factory, tenant.Account);
        var page = await console.GetAsync("/console/organisations/" + org.Str("id"));
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.DoesNotContain("<script>alert", page.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;", page.Html, StringComparison.Ordinal);
    }

    [StewardFact]
    public async Task Lists_search_and_page()
    {
        using var tenant = await factory.NewTenantAsync();
        var prefix = NativeKit.Unique("p");
        for (var i = 0; i < 27; i++)
        {
            await tenant.Http.NewUserAsync($"{prefix}-{i:D2}");
        }

        await tenant.Http.NewUserAsync(NativeKit.Unique("other"));
        using var console = await ConsoleClient.SignInAsync(factory, tenant.Account);
        var first = await console.GetAsync("/console/users?q=" + prefix.ToUpperInvariant());
        Assert.Equal(25, Regex.Count(first.Html, $"{prefix}-\\d\\d</a>"));
        Assert.DoesNotContain("other", first.Html, StringComparison.Ordinal);
        var next = Regex.Match(first.Html, "href=\"(/console/users\\?q=[^\"]+&amp;cursor=[^\"]+)\" rel=\"next\"").Groups[1].Value;
        Assert.NotEmpty(next);

        var second = await console.GetAsync(System.Net.WebUtility.HtmlDecode(next));
        Assert.Equal(2, Regex.Count(second.Html, $"{prefix}-\\d\\d</a>"));
        Assert.Contains($"{prefix}-26", second.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", second.Html, StringComparison.Ordinal);
        Assert.Contains("First page", second.Html, StringComparison.Ordinal);
    }

    [StewardFact]
    public async Task The_dashboard_chart_is_an_svg_of_events_per_day()
    {
        using var tenant = await factory.NewTenantAsync();
        await tenant.Http.NewUserAsync();
        using var console = await ConsoleClient.SignInAsync(factory, tenant.Account);
        Assert.Contains("src=\"/console/charts/events-per-day.svg\"", (await console.GetAsync("/console/dashboard")).Html, StringComparison.Ordinal);

        var chart = await console.GetAsync("/console/charts/events-per-day.svg");
        Assert.Equal(HttpStatusCode.OK, chart.Status);
        Assert.Equal("image/svg+xml", chart.Response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<svg", chart.Html, StringComparison.Ordinal);
        var today = factory.Time.GetUtcNow().UtcDateTime.ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(today, chart.Html, StringComparison.Ordinal);

        // One bar for today's events of this account (account.created, credential.created, user.created...).
        Assert.Matches("<rect fill=\"#36C\"", chart.Html);
    }

    [StewardFact]
    public async Task The_event_log_searches_and_streams_behind_the_session()
    {
        using var tenant = await factory.NewTenantAsync();
        var user = await tenant.Http.NewUserAsync();
        using var console = await ConsoleClient.SignInAsync(factory, tenant.Account);
        var page = await console.GetAsync("/console/events?q=user.created");
        Assert.Contains(user.Str("id"), page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("account.created", page.Html, StringComparison.Ordinal);
        Assert.Contains("data-stream=\"/console/events/stream\"", page.Html, StringComparison.Ordinal);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/console/events/stream?after=0");
        using var stream = await console.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var created = await reader.ReadEventUntilAsync(e => e.Type == "user.created", null, timeout.Token);
        Assert.Equal(user.Str("id"), created.Json.Str("subject_id"));
    }

    [GeneratedRegex("org-[0-9a-f]{8}-[0-9a-f-]{27}")]
    private static partial Regex OrgIdPattern();

    [GeneratedRegex("user-[0-9a-f]{8}-[0-9a-f-]{27}")]
    private static partial Regex UserIdPattern();
}
