using System.Net;
using System.Text.Json;
using Steward.Functional.Infrastructure;

namespace Steward.Functional.Native;

/// <summary>
/// The framework's own refusals (unknown path, wrong method) answer in the style of the surface that owns
/// the route, chosen by the route group, not by a path prefix; and the input rules that protect names and
/// accounts.
/// </summary>
public sealed class SurfaceErrorTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task Unknown_paths_and_wrong_methods_under_oauth_answer_in_oauth_style()
    {
        using var client = factory.CreateClient();
        foreach (var (method, path, status) in new[]
        {
            (HttpMethod.Post, "/oauth/nope", HttpStatusCode.NotFound),
            (HttpMethod.Get, "/oauth/token", HttpStatusCode.MethodNotAllowed),
            (HttpMethod.Delete, "/oauth/revoke", HttpStatusCode.MethodNotAllowed),
        })
        {
            using var response = await client.SendAsync(new HttpRequestMessage(method, path));
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("invalid_request", body.RootElement.GetProperty("error").GetString());
            Assert.Contains(path, body.RootElement.GetProperty("error_description").GetString(), StringComparison.Ordinal);
        }
    }

    [StewardFact]
    public async Task Unknown_paths_under_the_native_api_are_native_problems()
    {
        using var a = await factory.NewTenantAsync();
        await a.Http.ExpectProblemAsync(HttpMethod.Get, "/api/v1/no-such-thing", HttpStatusCode.NotFound, code: "not-found");
    }

    [StewardFact]
    public async Task A_path_that_only_shares_the_api_prefix_is_not_claimed_by_the_native_api()
    {
        // /api/v4/{site}/... belongs to another surface (Spreedly); the native style must not claim it.
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/api/v4/some-site/no_such_call.xml");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("\"code\"", text, StringComparison.Ordinal);

        // A call of the face asks for the face's credentials, in its words.
        using var call = await client.GetAsync("/api/v4/some-site/subscription_plans.xml");
        Assert.Equal(HttpStatusCode.Unauthorized, call.StatusCode);
        Assert.Equal("HTTP Basic: Access denied.", await call.Content.ReadAsStringAsync());
    }

    [StewardTheory]
    [InlineData("Acme\u202Egnp.exe")]
    [InlineData("Ac\u200Bme")]
    [InlineData("Acme\u0007")]
    public async Task Names_with_invisible_or_control_characters_are_refused(string name)
    {
        using var a = await factory.NewTenantAsync();
        using var response = await a.Http.PostJsonAsync("/api/v1/organisations", new { name });
        await response.ExpectValidationAsync("name");
    }

    [StewardFact]
    public async Task Names_are_stored_in_nfc()
    {
        using var a = await factory.NewTenantAsync();
        using var response = await a.Http.PostJsonAsync("/api/v1/organisations", new { name = "Cafe\u0301" });
        var org = await response.ExpectJsonAsync(HttpStatusCode.Created);
        Assert.Equal("Caf\u00e9", org.Str("name"));
    }

    [StewardFact]
    public async Task An_account_id_the_caller_cannot_act_on_is_refused_not_ignored()
    {
        using var a = await factory.NewTenantAsync();
        using var b = await factory.NewTenantAsync();
        await a.Http.ExpectProblemAsync(HttpMethod.Post, "/api/v1/organisations", HttpStatusCode.NotFound, new { name = "elsewhere", account_id = b.Id }, "not-found");
        await a.Http.ExpectProblemAsync(HttpMethod.Post, "/api/v1/users", HttpStatusCode.NotFound, new { username = "elsewhere", account_id = b.Id }, "not-found");
        Assert.DoesNotContain(await a.Http.ListAllAsync("/api/v1/organisations"), o => o.Str("name") == "elsewhere");
    }
}
