using System.Net;
using System.Text;
using System.Text.Json;
using Steward.Functional.Infrastructure;

namespace Steward.Functional.Native;

/// <summary>Bad input of every kind is a 4xx problem that names what is wrong, never a 500, and never half-written.</summary>
public sealed class BadInputTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardTheory]
    [InlineData("{\"name\": ")]
    [InlineData("{name: \"x\"}")]
    [InlineData("{\"name\": \"x\",}")]
    [InlineData("{\"name\": \"x\"} trailing")]
    [InlineData("not json at all")]
    [InlineData("{\"name\": \"unterminated}")]
    public async Task Malformed_JSON_is_400_naming_the_body(string body)
    {
        using var a = await factory.NewTenantAsync();
        var orgId = (await a.Http.NewOrganisationAsync()).Str("id");
        foreach (var (method, url) in new[]
        {
            (HttpMethod.Post, "/api/v1/organisations"),
            (HttpMethod.Patch, "/api/v1/organisations/" + orgId),
            (HttpMethod.Post, "/api/v1/users"),
            (HttpMethod.Post, $"/api/v1/organisations/{orgId}/units"),
            (HttpMethod.Post, $"/api/v1/organisations/{orgId}/memberships"),
            (HttpMethod.Post, "/api/v1/credentials"),
            (HttpMethod.Post, "/api/v1/tokens"),
        })
        {
            using var response = await a.Http.SendRawAsync(method, url, body);
            await response.ExpectValidationAsync("body");
        }

        Assert.Single((await a.Http.GetOkAsync("/api/v1/organisations")).Items());
    }

    [StewardTheory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("[{\"name\": \"x\"}]")]
    [InlineData("\"a string\"")]
    [InlineData("42")]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_body_that_is_not_an_object_is_400(string body)
    {
        using var a = await factory.NewTenantAsync();
        using var response = await a.Http.SendRawAsync(HttpMethod.Post, "/api/v1/organisations", body);
        await response.ExpectValidationAsync("body");
        Assert.Empty((await a.Http.GetOkAsync("/api/v1/organisations")).Items());
    }

    [StewardFact]
    public async Task Wrong_types_name_the_field()
    {
        using var a = await factory.NewTenantAsync();
        var orgId = (await a.Http.NewOrganisationAsync()).Str("id");
        var userId = (await a.Http.NewUserAsync()).Str("id");
        var cases = new (HttpMethod Method, string Url, string Body, string Field)[]
        {
            (HttpMethod.Post, "/api/v1/organisations", "{\"name\": 5}", "name"),
            (HttpMethod.Post, "/api/v1/organisations", "{\"name\": \"x\", \"description\": {\"a\": 1}}", "description"),
            (HttpMethod.Patch, "/api/v1/organisations/" + orgId, "{\"name\": true}", "name"),
            (HttpMethod.Post, $"/api/v1/organisations/{orgId}/units", "{\"name\": \"u\", \"billing_day\": \"fifteen\"}", "billing_day"),
            (HttpMethod.Post, $"/api/v1/organisations/{orgId}/units", "{\"name\": \"u\", \"billing_day\": 1.5}", "billing_day"),
            (HttpMethod.Post, $"/api/v1/organisations/{orgId}/units", "{\"name\": \"u\", \"billing_day\": 99999999999}", "billing_day"),
            (HttpMethod.Post, "/api/v1/users", "{\"username\": [\"x\"]}", "username"),
            (HttpMethod.Post, "/api/v1/users", "{\"username\": \"x\", \"email\": 12}", "email"),
            (HttpMethod.Patch, "/api/v1/users/" + userId, "{\"first_name\": 1}", "first_name"),
            (HttpMethod.Post, $"/api/v1/organisations/{orgId}/memberships", "{\"user_id\": 7, \"role\": \"member\"}", "user_id"),
            (HttpMethod.Post, "/api/v1/credentials", "{\"label\": false}", "label"),
            (HttpMethod.Post, "/api/v1/tokens", "{\"user_id\": {}}", "user_id"),
            (HttpMethod.Post, $"/api/v1/users/{userId}/devices", "{\"name\": 3}", "name"),
        };
        foreach (var (method, url, body, field) in cases)
        {
            using var response = await a.Http.SendRawAsync(method, url, body);
            await response.ExpectValidationAsync(field);
        }

        Assert.Single((await a.Http.GetOkAsync("/api/v1/organisations")).Items());
        Assert.Empty((await a.Http.GetOkAsync($"/api/v1/organisations/{orgId}/units")).Items());
        Assert.Single((await a.Http.GetOkAsync("/api/v1/users")).Items());
    }

    [StewardFact]
    public async Task Missing_required_fields_are_named()
    {
        using var a = await factory.NewTenantAsync();
        using var root = await factory.RootClientAsync();
        var orgId = (await a.Http.NewOrganisationAsync()).Str("id");
        var userId = (await a.Http.NewUserAsync()).Str("id");

        using (var r = await root.PostJsonAsync("/api/v1/accounts", new { }))
        {
            await r.ExpectValidationAsync("name", "email");
        }

        using (var r = await root.PostJsonAsync("/api/v1/organisations", new { name = "no account" }))
        {
            await r.ExpectValidationAsync("account_id");
        }

        foreach (var (url, field) in new[]
        {
            ("/api/v1/organisations", "name"),
            ("/api/v1/users", "username"),
            ($"/api/v1/organisations/{orgId}/units", "name"),
            ($"/api/v1/organisations/{orgId}/memberships", "user_id"),
            ("/api/v1/tokens", "user_id"),
        })
        {
            using var response = await a.Http.PostJsonAsync(url, new { });
            await response.ExpectValidationAsync(field);
        }

        using (var r = await a.Http.PatchJsonAsync($"/api/v1/organisations/{orgId}/memberships/{userId}", new { }))
        {
            await r.ExpectValidationAsync("role");
        }

        // Blank is as good as missing.
        using (var r = await a.Http.PostJsonAsync("/api/v1/organisations", new { name = "   " }))
        {
            await r.ExpectValidationAsync("name");
        }
    }

    [StewardFact]
    public async Task Overlong_and_control_characters_are_refused()
    {
        using var a = await factory.NewTenantAsync();
        using (var r = await a.Http.PostJsonAsync("/api/v1/organisations", new { name = new string('n', 1000) }))
        {
            await r.ExpectValidationAsync("name");
        }

        using (var r = await a.Http.PostJsonAsync("/api/v1/organisations", new { name = "bell\u0007" }))
        {
            await r.ExpectValidationAsync("name");
        }

        Assert.Empty((await a.Http.GetOkAsync("/api/v1/organisations")).Items());
    }

    [StewardFact]
    public async Task Unknown_ids_and_ids_of_the_wrong_kind_are_404()
    {
        using var a = await factory.NewTenantAsync();
        var orgId = (await a.Http.NewOrganisationAsync()).Str("id");
        var unitId = (await a.Http.NewUnitAsync(orgId)).Str("id");
        var userId = (await a.Http.NewUserAsync()).Str("id");
        var deviceId = (await a.Http.NewDeviceAsync(userId)).Str("id");
        var credentialId = (await a.Http.NewCredentialAsync()).Str("id");
        var bareOrgUuid = orgId["org-".Length..];

        foreach (var url in new[]
        {
            "/api/v1/organisations/" + NativeKit.UnknownId("org"),
            "/api/v1/organisations/" + unitId,
            "/api/v1/organisations/" + userId,
            "/api/v1/organisations/garbage",
            "/api/v1/organisations/org-not-a-uuid",
            "/api/v1/organisations/org-00000000-0000-0000-0000-000000000000",
            "/api/v1/units/" + orgId,
            "/api/v1/units/unit-" + bareOrgUuid,
            "/api/v1/units/" + NativeKit.UnknownId("unit"),
            "/api/v1/users/" + deviceId,
            "/api/v1/users/" + NativeKit.UnknownId("user"),
            "/api/v1/devices/" + userId,
            "/api/v1/devices/" + NativeKit.UnknownId("device"),
            "/api/v1/credentials/" + orgId,
            "/api/v1/credentials/" + NativeKit.UnknownId("cred"),
            "/api/v1/accounts/" + orgId,
            "/api/v1/accounts/" + NativeKit.UnknownId("acct"),
            $"/api/v1/organisations/{unitId}/units",
            $"/api/v1/organisations/{unitId}/memberships",
            $"/api/v1/users/{orgId}/devices",
        })
        {
            using var response = await a.Http.GetAsync(new Uri(url, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"GET {url}: expected 404, got {(int)response.StatusCode}");
            await response.ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
        }

        await a.Http.ExpectProblemAsync(HttpMethod.Patch, "/api/v1/units/" + orgId, HttpStatusCode.NotFound, new { name = "x" }, "not-found");
        await a.Http.ExpectProblemAsync(HttpMethod.Delete, "/api/v1/users/" + unitId, HttpStatusCode.NotFound, code: "not-found");
        await a.Http.ExpectProblemAsync(HttpMethod.Delete, "/api/v1/devices/" + credentialId, HttpStatusCode.NotFound, code: "not-found");
        await a.Http.ExpectProblemAsync(HttpMethod.Delete, $"/api/v1/organisations/{orgId}/memberships/{NativeKit.UnknownId("user")}", HttpStatusCode.NotFound, code: "not-found");
        await a.Http.ExpectProblemAsync(HttpMethod.Patch, $"/api/v1/organisations/{orgId}/memberships/{orgId}", HttpStatusCode.NotFound, new { role = "admin" }, "not-found");

        // Everything is still there.
        await a.Http.GetOkAsync("/api/v1/units/" + unitId);
        await a.Http.GetOkAsync("/api/v1/users/" + userId);
        await a.Http.GetOkAsync("/api/v1/devices/" + deviceId);
        await a.Http.GetOkAsync("/api/v1/credentials/" + credentialId);
    }

    [StewardFact]
    public async Task A_body_over_64_KiB_is_413()
    {
        using var a = await factory.NewTenantAsync();
        var big = "{\"name\": \"big\", \"description\": \"" + new string('x', 65 * 1024) + "\"}";

        using (var withLength = await a.Http.SendRawAsync(HttpMethod.Post, "/api/v1/organisations", big))
        {
            await withLength.ExpectProblemAsync(HttpStatusCode.RequestEntityTooLarge, "limit-reached");
        }

        // Without a Content-Length (chunked), the limit holds while reading.
        using (var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/organisations", UriKind.Relative)))
        {
            request.Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
            request.Content.Headers.ContentType = new("application/json");
            request.Headers.TransferEncodingChunked = true;
            using var chunked = await a.Http.SendAsync(request);
            await chunked.ExpectProblemAsync(HttpStatusCode.RequestEntityTooLarge, "limit-reached");
        }

        using (var withKey = await a.Http.SendRawAsync(HttpMethod.Post, "/api/v1/organisations", big, idempotencyKey: Guid.NewGuid().ToString()))
        {
            await withKey.ExpectProblemAsync(HttpStatusCode.RequestEntityTooLarge, "limit-reached");
        }

        Assert.Empty((await a.Http.GetOkAsync("/api/v1/organisations")).Items());
    }

    [StewardFact]
    public async Task A_body_just_under_64_KiB_is_read()
    {
        using var a = await factory.NewTenantAsync();
        var padding = new string(' ', 60 * 1024);
        using var response = await a.Http.SendRawAsync(HttpMethod.Post, "/api/v1/organisations", "{\"name\": \"padded\"" + padding + "}");
        Assert.Equal("padded", (await response.ExpectJsonAsync(HttpStatusCode.Created)).Str("name"));
    }

    [StewardFact]
    public async Task A_duplicate_username_leaves_no_user_and_no_event()
    {
        using var a = await factory.NewTenantAsync();
        var orgId = (await a.Http.NewOrganisationAsync()).Str("id");
        await a.Http.NewUserAsync("judy", orgId);
        var usersBefore = (await a.Http.ListAllAsync("/api/v1/users")).Count;
        var eventsBefore = await a.Http.EventsAsync();

        using (var duplicate = await a.Http.PostJsonAsync("/api/v1/users", new { username = "judy", organisation_id = orgId, email = "judy2@example.com" }))
        {
            await duplicate.ExpectFieldConflictAsync("username");
        }

        Assert.Equal(usersBefore, (await a.Http.ListAllAsync("/api/v1/users")).Count);
        Assert.Single((await a.Http.GetOkAsync("/api/v1/users?organisation_id=" + orgId)).Items());
        Assert.Single((await a.Http.GetOkAsync($"/api/v1/organisations/{orgId}/memberships")).Items());
        var after = await a.Http.EventsAsync();
        Assert.Equal(eventsBefore.Count, after.Count);
        Assert.Single(after, e => e.Str("type") == "user.created");
    }

    [StewardFact]
    public async Task Failed_creates_of_other_kinds_append_no_event()
    {
        using var a = await factory.NewTenantAsync();
        var org = await a.Http.NewOrganisationAsync(domainName: NativeKit.UniqueDomain());
        await a.Http.NewUnitAsync(org.Str("id"), "taken");
        var before = (await a.Http.EventsAsync()).Count;

        await a.Http.ExpectProblemAsync(HttpMethod.Post, "/api/v1/organisations", HttpStatusCode.Conflict, new { name = org.Str("name") }, "conflict");
        await a.Http.ExpectProblemAsync(HttpMethod.Post, "/api/v1/organisations", HttpStatusCode.Conflict, new { name = "fresh", domain_name = org.Str("domain_name") }, "conflict");
        await a.Http.ExpectProblemAsync(HttpMethod.Post, $"/api/v1/organisations/{org.Str("id")}/units", HttpStatusCode.Conflict, new { name = "taken" }, "conflict");
        using (var r = await a.Http.PostJsonAsync($"/api/v1/organisations/{org.Str("id")}/units", new { name = "x", billing_day = 0 }))
        {
            await r.ExpectValidationAsync("billing_day");
        }

        Assert.Equal(before, (await a.Http.EventsAsync()).Count);
        Assert.Single((await a.Http.GetOkAsync("/api/v1/organisations")).Items());
        Assert.Single((await a.Http.GetOkAsync($"/api/v1/organisations/{org.Str("id")}/units")).Items());
    }

    [StewardFact]
    public async Task A_body_that_is_not_JSON_by_content_type_or_encoding_is_400()
    {
        using var a = await factory.NewTenantAsync();
        // Another content type is refused before the body is read.
        using (var xml = await a.Http.SendRawAsync(HttpMethod.Post, "/api/v1/organisations", "<name>x</name>", "application/xml"))
        {
            await xml.ExpectProblemAsync(HttpStatusCode.UnsupportedMediaType, "validation");
        }

        using (var form = await a.Http.SendRawAsync(HttpMethod.Post, "/api/v1/organisations", "name=x", "application/x-www-form-urlencoded"))
        {
            await form.ExpectProblemAsync(HttpStatusCode.UnsupportedMediaType, "validation");
        }

        using (var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/organisations", UriKind.Relative)))
        {
            request.Content = new ByteArrayContent([.. "{\"name\": \""u8, 0xC3, 0x28, .. "\"}"u8]);
            request.Content.Headers.ContentType = new("application/json");
            using var invalidUtf8 = await a.Http.SendAsync(request);
            await invalidUtf8.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation");
        }

        var deep = new string('[', 200) + new string(']', 200);
        using (var nested = await a.Http.SendRawAsync(HttpMethod.Post, "/api/v1/organisations", "{\"name\": " + deep + "}"))
        {
            await nested.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation");
        }

        Assert.Empty((await a.Http.GetOkAsync("/api/v1/organisations")).Items());
    }

    [StewardTheory]
    [InlineData("GET", "/api/v1/organisations?limit=abc")]
    [InlineData("GET", "/api/v1/organisations?limit=99999999999999")]
    [InlineData("GET", "/api/v1/users?organisation_id=garbage")]
    [InlineData("GET", "/api/v1/events?after=x")]
    [InlineData("GET", "/api/v1/events?after=-5")]
    [InlineData("GET", "/api/v1/credentials?owner_id=garbage")]
    [InlineData("GET", "/api/v1/credentials?owner_id=device-0190f6f4-7b2a-7cc1-8a4e-9d8f3b1c2a10")]
    [InlineData("POST", "/api/v1/credentials/garbage/rotate")]
    [InlineData("PATCH", "/api/v1/organisations/garbage")]
    [InlineData("GET", "/api/v1/organisations/%E2%98%83")]
    [InlineData("PUT", "/api/v1/organisations")]
    [InlineData("GET", "/api/v1/nothing-here")]
    public async Task Odd_requests_are_answered_with_a_4xx(string method, string url)
    {
        using var a = await factory.NewTenantAsync();
        using var response = await a.Http.SendRawAsync(new HttpMethod(method), url, "{}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{method} {url}: expected a 4xx, got {(int)response.StatusCode}: {body}");
        await response.ExpectProblemAsync(response.StatusCode);
        Assert.False(string.IsNullOrEmpty(JsonDocument.Parse(body).RootElement.Str("code")));
    }
}
