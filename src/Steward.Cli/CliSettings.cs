using Microsoft.Extensions.Configuration;

namespace Steward.Cli;

/// <summary>
/// What the command line reads before its options: the server's own configuration sources, so that
/// <c>steward</c> run where the server runs finds the same database and master key.
/// </summary>
/// <param name="Configuration">appsettings.json in the working directory, then environment variables (<c>Steward__Storage__Provider</c>).</param>
/// <param name="HttpHandler">How to reach a server named by <c>--url</c>; null for the network (tests pass an in-memory server).</param>
internal sealed record CliSettings(IConfiguration Configuration, Func<HttpMessageHandler>? HttpHandler = null)
{
    public static CliSettings FromProcess()
    {
        var environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
            ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
            ?? "Production";
        var configuration = new ConfigurationBuilder()
            .SetBasePath(Directory.GetCurrentDirectory())
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        return new CliSettings(configuration);
    }
}
