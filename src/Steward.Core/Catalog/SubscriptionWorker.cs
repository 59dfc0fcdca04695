using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Steward.Core.Options;

namespace Steward.Core.Catalog;

/// <summary>
/// Lets time act on subscriptions with no request needed: every <c>Steward:Subscriptions:CheckIntervalSeconds</c>
/// (on the injected clock) it stores the renewals, due renewals and lapses whose time has come, with
/// their events. Several instances may run it: each change re-reads its subscription inside the gate,
/// so a step is stored once.
/// </summary>
public sealed class SubscriptionWorker(SubscriptionService subscriptions, TimeProvider time, IOptions<StewardOptions> options, ILogger<SubscriptionWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, options.Value.Subscriptions.CheckIntervalSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stoppingToken);

                // A full batch means more may be waiting: go on at once.
                while (await subscriptions.RunDueAsync(stoppingToken) >= SubscriptionService.DueBatch)
                {
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not bring subscriptions up to date; retrying.");
            }
        }
    }
}
