using System.Net;
using Steward.Functional.Infrastructure;

namespace Steward.Functional.Native;

/// <summary><c>ETag</c> / <c>If-Match</c> on updates: a stale ETag is 412 and changes nothing.</summary>
public sealed class ConditionalUpdateTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task Current_ETag_updates_and_answers_the_new_ETag()
    {
        using var a = await factory.NewTenantAsync();
        var url = "/api/v1/organisations/" + (await a.Http.NewOrganisationAsync()).Str("id");
        using var read = await a.Http.GetAsync(new Uri(url, UriKind.Relative));
        var etag = read.Headers.ETag?.Tag;
        Assert.Equal("\"1\"", etag);

        using var patched = await a.Http.PatchJsonAsync(url, new { description = "v2" }, etag);
        await patched.ExpectJsonAsync(HttpStatusCode.OK);
        Assert.Equal("\"2\"", patched.Headers.ETag?.Tag);

        using var again = await a.Http.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal("\"2\"", again.Headers.ETag?.Tag);
    }

    [StewardFact]
    public async Task Stale_ETag_is_412_and_changes_nothing()
    {
        using var a = await factory.NewTenantAsync();
        var url = "/api/v1/organisations/" + (await a.Http.NewOrganisationAsync()).Str("id");
        using (var first = await a.Http.PatchJsonAsync(url, new { description = "first" }, "\"1\""))
        {
            await first.ExpectJsonAsync(HttpStatusCode.OK);
        }

        using (var stale = await a.Http.PatchJsonAsync(url, new { description = "lost update" }, "\"1\""))
        {
            await stale.ExpectProblemAsync(HttpStatusCode.PreconditionFailed, "version-conflict");
        }

        var org = await a.Http.GetOkAsync(url);
        Assert.Equal("first", org.Str("description"));
        Assert.Equal(2, org.Number("version"));
    }

    [StewardTheory]
    [InlineData("garbage")]
    [InlineData("\"abc\"")]
    [InlineData("\"\"")]
    [InlineData("\"-1\"")]
    [InlineData("1")]
    [InlineData("\"1\", \"2\"")]
    public async Task Malformed_If_Match_is_400_and_changes_nothing(string ifMatch)
    {
        using var a = await factory.NewTenantAsync();
        var url = "/api/v1/organisations/" + (await a.Http.NewOrganisationAsync()).Str("id");
        using (var response = await a.Http.PatchJsonAsync(url, new { description = "nope" }, ifMatch))
        {
            await response.ExpectValidationAsync("If-Match");
        }

        var org = await a.Http.GetOkAsync(url);
        Assert.Equal(1, org.Number("version"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, org.GetProperty("description").ValueKind);
    }

    [StewardFact]
    public async Task Weak_and_wildcard_ETags_match()
    {
        using var a = await factory.NewTenantAsync();
        var url = "/api/v1/organisations/" + (await a.Http.NewOrganisationAsync()).Str("id");
        using (var weak = await a.Http.PatchJsonAsync(url, new { description = "weak" }, "W/\"1\""))
        {
            await weak.ExpectJsonAsync(HttpStatusCode.OK);
        }

        using (var any = await a.Http.PatchJsonAsync(url, new { description = "any" }, "*"))
        {
            await any.ExpectJsonAsync(HttpStatusCode.OK);
        }

        Assert.Equal(3, (await a.Http.GetOkAsync(url)).Number("version"));
    }

    [StewardFact]
    public async Task Units_users_accounts_and_memberships_honour_If_Match()
    {
        using var a = await factory.NewTenantAsync();
        var orgId = (await a.Http.NewOrganisationAsync()).Str("id");
        var unitId = (await a.Http.NewUnitAsync(orgId)).Str("id");
        var userId = (await a.Http.NewUserAsync()).Str("id");
        await a.Http.AddMemberAsync(orgId, userId, "member");

        var cases = new (string Url, object Body)[]
        {
            ("/api/v1/units/" + unitId, new { billing_day = 9 }),
            ("/api/v1/users/" + userId, new { first_name = "Changed" }),
            ("/api/v1/accounts/" + a.Id, new { name = "changed" }),
            ($"/api/v1/organisations/{orgId}/memberships/{userId}", new { role = "admin" }),
        };
        foreach (var (url, body) in cases)
        {
            using (var stale = await a.Http.PatchJsonAsync(url, body, "\"5\""))
            {
                await stale.ExpectProblemAsync(HttpStatusCode.PreconditionFailed, "version-conflict");
            }

            using var current = await a.Http.PatchJsonAsync(url, body, "\"1\"");
            await current.ExpectJsonAsync(HttpStatusCode.OK);
            Assert.Equal("\"2\"", current.Headers.ETag?.Tag);
        }

        Assert.Equal(9, (await a.Http.GetOkAsync("/api/v1/units/" + unitId)).Number("billing_day"));
        Assert.Equal("admin", Assert.Single((await a.Http.GetOkAsync($"/api/v1/organisations/{orgId}/memberships")).Items()).Str("role"));
    }

    [StewardFact]
    public async Task Of_concurrent_updates_with_the_same_ETag_exactly_one_wins()
    {
        using var a = await factory.NewTenantAsync();
        var url = "/api/v1/organisations/" + (await a.Http.NewOrganisationAsync()).Str("id");
        var attempts = Enumerable.Range(0, 8).Select(async i =>
        {
            using var response = await a.Http.PatchJsonAsync(url, new { description = "writer " + i }, "\"1\"");
            return (response.StatusCode, Description: "writer " + i);
        });
        var results = await Task.WhenAll(attempts);

        var winner = Assert.Single(results, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(results.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.PreconditionFailed, r.StatusCode));
        var org = await a.Http.GetOkAsync(url);
        Assert.Equal(winner.Description, org.Str("description"));
        Assert.Equal(2, org.Number("version"));
    }
}
