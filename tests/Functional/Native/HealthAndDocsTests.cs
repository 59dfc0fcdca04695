using System.Net;
using Steward.Functional.Infrastructure;

namespace Steward.Functional.Native;

/// <summary>Unauthenticated endpoints: health, readiness, the OpenAPI document and the browsable reference.</summary>
public sealed class HealthAndDocsTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task Healthz_answers_ok()
    {
        using var client = factory.CreateClient();
        Assert.Equal("ok", (await client.GetOkAsync("/healthz")).Str("status"));
    }

    [StewardFact]
    public async Task Readyz_answers_ready_once_migrated()
    {
        using var client = factory.CreateClient();
        Assert.Equal("ready", (await client.GetOkAsync("/readyz")).Str("status"));
    }

    [StewardFact]
    public async Task The_OpenAPI_document_describes_the_native_API()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        var document = await response.ExpectJsonAsync(HttpStatusCode.OK);
        var text = document.GetRawText();
        Assert.Contains("/api/v1/organisations", text, StringComparison.Ordinal);
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/accounts", "/api/v1/organisations/{id}", "/api/v1/users", "/api/v1/credentials", "/api/v1/events", "/oauth/token" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"the OpenAPI document should describe {path}");
        }
    }

    [StewardFact]
    public async Task Docs_serves_the_reference_page()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/docs", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.False(string.IsNullOrWhiteSpace(await response.Content.ReadAsStringAsync()));
    }
}
