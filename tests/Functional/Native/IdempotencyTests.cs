using System.Net;
using Steward.Functional.Infrastructure;

namespace Steward.Functional.Native;

/// <summary><c>Idempotency-Key</c> on POST: a retry gets the first answer and changes nothing; a reused key with another body is 422.</summary>
public sealed class IdempotencyTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task The_same_key_and_body_twice_creates_one_resource_and_answers_the_same()
    {
        using var a = await factory.NewTenantAsync();
        var key = Guid.NewGuid().ToString();
        var body = new { name = NativeKit.Unique("org-") };

        using var first = await a.Http.PostJsonAsync("/api/v1/organisations", body, key);
        var firstText = await first.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        using var second = await a.Http.PostJsonAsync("/api/v1/organisations", body, key);
        var secondText = await second.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(firstText, secondText);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", Assert.Single(second.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(first.Content.Headers.ContentType?.MediaType, second.Content.Headers.ContentType?.MediaType);

        var orgs = (await a.Http.GetOkAsync("/api/v1/organisations")).Items();
        Assert.Single(orgs);
        Assert.Single(await a.Http.EventsAsync(), e => e.Str("type") == "organisation.created");
    }

    [StewardFact]
    public async Task The_same_key_with_another_body_is_422_and_changes_nothing()
    {
        using var a = await factory.NewTenantAsync();
        var key = Guid.NewGuid().ToString();
        using (var first = await a.Http.PostJsonAsync("/api/v1/organisations", new { name = "one" }, key))
        {
            await first.ExpectJsonAsync(HttpStatusCode.Created);
        }

        using (var second = await a.Http.PostJsonAsync("/api/v1/organisations", new { name = "two" }, key))
        {
            await second.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        }

        var org = Assert.Single((await a.Http.GetOkAsync("/api/v1/organisations")).Items());
        Assert.Equal("one", org.Str("name"));
    }

    [StewardFact]
    public async Task A_failed_request_is_replayed_too()
    {
        using var a = await factory.NewTenantAsync();
        var key = Guid.NewGuid().ToString();
        using (var first = await a.Http.PostJsonAsync("/api/v1/organisations", new { description = "no name" }, key))
        {
            await first.ExpectValidationAsync("name");
        }

        using (var second = await a.Http.PostJsonAsync("/api/v1/organisations", new { description = "no name" }, key))
        {
            await second.ExpectValidationAsync("name");
        }

        Assert.Empty((await a.Http.GetOkAsync("/api/v1/organisations")).Items());
    }

    [StewardFact]
    public async Task Keys_are_per_caller()
    {
        using var a = await factory.NewTenantAsync();
        using var b = await factory.NewTenantAsync();
        var key = Guid.NewGuid().ToString();
        var body = new { name = "shared-name" };

        using var fromA = await a.Http.PostJsonAsync("/api/v1/organisations", body, key);
        var orgA = await fromA.ExpectJsonAsync(HttpStatusCode.Created);
        using var fromB = await b.Http.PostJsonAsync("/api/v1/organisations", body, key);
        var orgB = await fromB.ExpectJsonAsync(HttpStatusCode.Created);

        // B got its own organisation, not a replay of A's (which would leak A's secret).
        Assert.NotEqual(orgA.Str("id"), orgB.Str("id"));
        Assert.Equal(b.Id, orgB.Str("account_id"));
        Assert.Single((await b.Http.GetOkAsync("/api/v1/organisations")).Items());
    }

    [StewardFact]
    public async Task Without_a_key_a_retry_creates_again()
    {
        using var a = await factory.NewTenantAsync();
        await a.Http.NewUserAsync();
        await a.Http.NewUserAsync();
        Assert.Equal(2, (await a.Http.GetOkAsync("/api/v1/users")).Items().Count);
    }

    [StewardFact]
    public async Task An_overlong_key_is_refused()
    {
        using var a = await factory.NewTenantAsync();
        using var response = await a.Http.PostJsonAsync("/api/v1/organisations", new { name = "x" }, new string('k', 201));
        await response.ExpectValidationAsync("Idempotency-Key");
        Assert.Empty((await a.Http.GetOkAsync("/api/v1/organisations")).Items());
    }

    [StewardFact]
    public async Task Concurrent_retries_with_one_key_create_one_resource()
    {
        using var a = await factory.NewTenantAsync();
        var key = Guid.NewGuid().ToString();
        var body = new { name = NativeKit.Unique("org-") };
        var attempts = Enumerable.Range(0, 6).Select(async _ =>
        {
            using var response = await a.Http.PostJsonAsync("/api/v1/organisations", body, key);
            return response.StatusCode;
        });
        var statuses = await Task.WhenAll(attempts);

        // Each answer is the first one (201) or "still running, retry" (409); never a second resource.
        Assert.Contains(HttpStatusCode.Created, statuses);
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.Created or HttpStatusCode.Conflict, $"unexpected {(int)s}"));
        Assert.Single((await a.Http.GetOkAsync("/api/v1/organisations")).Items());
    }
}
