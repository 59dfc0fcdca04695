using System.Net;
using Steward.Functional.Infrastructure;

namespace Steward.Functional.Native;

/// <summary>Every native error is RFC 9457 <c>application/problem+json</c> with <c>status</c>, <c>detail</c> and a stable <c>code</c>.</summary>
public sealed class ProblemDetailsTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task Not_found_is_a_problem_with_code_not_found()
    {
        using var a = await factory.NewTenantAsync();
        var problem = await a.Http.ExpectProblemAsync(HttpMethod.Get, "/api/v1/organisations/" + NativeKit.UnknownId("org"), HttpStatusCode.NotFound, code: "not-found");
        Assert.False(string.IsNullOrEmpty(problem.Str("title")));
        Assert.False(string.IsNullOrEmpty(problem.Str("type")));
    }

    [StewardFact]
    public async Task Validation_is_a_problem_with_errors_by_field()
    {
        using var a = await factory.NewTenantAsync();
        using var response = await a.Http.PostJsonAsync("/api/v1/users", new { username = "", email = "bad", phone_number = "x" });
        var problem = await response.ExpectValidationAsync("username", "email", "phone_number");
        foreach (var field in problem.GetProperty("errors").EnumerateObject())
        {
            Assert.All(field.Value.EnumerateArray(), m => Assert.False(string.IsNullOrWhiteSpace(m.GetString())));
        }
    }

    [StewardFact]
    public async Task Conflict_forbidden_and_unauthorized_are_problems_with_their_codes()
    {
        using var a = await factory.NewTenantAsync();
        var org = await a.Http.NewOrganisationAsync();
        await a.Http.ExpectProblemAsync(HttpMethod.Post, "/api/v1/organisations", HttpStatusCode.Conflict, new { name = org.Str("name") }, "conflict");
        await a.Http.ExpectProblemAsync(HttpMethod.Post, "/api/v1/accounts", HttpStatusCode.Forbidden, new { name = "x", email = "x@example.com" }, "forbidden");

        using var anonymous = factory.CreateClient();
        await anonymous.ExpectProblemAsync(HttpMethod.Get, "/api/v1/organisations", HttpStatusCode.Unauthorized, code: "unauthorized");
    }

    [StewardFact]
    public async Task Version_conflict_and_too_large_are_problems_with_their_codes()
    {
        using var a = await factory.NewTenantAsync();
        var org = await a.Http.NewOrganisationAsync();
        using (var stale = await a.Http.PatchJsonAsync("/api/v1/organisations/" + org.Str("id"), new { description = "x" }, "\"7\""))
        {
            await stale.ExpectProblemAsync(HttpStatusCode.PreconditionFailed, "version-conflict");
        }

        using (var large = await a.Http.PostJsonAsync("/api/v1/organisations", new { name = "big", description = new string('x', 70 * 1024) }))
        {
            await large.ExpectProblemAsync(HttpStatusCode.RequestEntityTooLarge, "limit-reached");
        }
    }
}
