using Steward.Core;

namespace Steward.Server.Hosting;

/// <summary>
/// Runs before the server takes requests: migrations, the revocation list, and on an empty
/// database the root credential (from STEWARD_BOOTSTRAP_ADMIN_KEY/SECRET, or generated and printed once).
/// </summary>
public sealed class StartupService(StewardStartup startup, IConfiguration configuration) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var outcome = await startup.RunAsync(
            configuration["STEWARD_BOOTSTRAP_ADMIN_KEY"],
            configuration["STEWARD_BOOTSTRAP_ADMIN_SECRET"],
            cancellationToken);
        if (outcome is { Created: true, GeneratedSecret: not null })
        {
            // Printed once, to the console only (never to the log): the operator must keep it now.
            Console.WriteLine("Steward created the root credential. Store it now; it is not shown again.");
            Console.WriteLine($"  api key:    {outcome.ApiKey}");
            Console.WriteLine($"  api secret: {outcome.GeneratedSecret}");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
