using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Steward.Functional.Infrastructure;

namespace Steward.Functional;

/// <summary>
/// The served OpenAPI document must equal the committed <c>docs/openapi/v1.json</c>, so that every
/// contract change shows in review. Regenerate with <c>STEWARD_UPDATE_OPENAPI=1</c>.
/// </summary>
public sealed class OpenApiDocumentTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task Served_document_matches_the_committed_one()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var served = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.NotNull(served["paths"]?["/api/v1/organisations/{id}"]);

        var path = Path.Combine(RepositoryRoot(), "docs", "openapi", "v1.json");
        var pretty = served.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        if (Environment.GetEnvironmentVariable("STEWARD_UPDATE_OPENAPI") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, pretty);
        }

        Assert.True(File.Exists(path), $"{path} is missing; run the tests once with STEWARD_UPDATE_OPENAPI=1 and commit it.");
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(path));
        Assert.True(
            JsonNode.DeepEquals(served, committed),
            "The served OpenAPI document differs from docs/openapi/v1.json. If the API change is intended, "
            + "regenerate it with STEWARD_UPDATE_OPENAPI=1 dotnet test tests/Steward.Functional.Sqlite --filter OpenApi, and commit it.");
    }

    [StewardFact]
    public async Task Api_reference_is_served_at_docs()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/docs");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("text/html", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Steward.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (Steward.slnx).");
    }
}
