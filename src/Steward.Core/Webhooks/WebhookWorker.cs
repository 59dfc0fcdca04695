using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Steward.Core.Events;
using Steward.Core.Options;

namespace Steward.Core.Webhooks;

/// <summary>
/// Delivers the event log to webhook endpoints: enqueues deliveries from the log (<see cref="WebhookFanOut"/>),
/// claims the due ones (<see cref="WebhookDispatcher"/>) and sends them (<see cref="WebhookSender"/>), up to
/// <see cref="MaxInFlight"/> at a time so one slow endpoint does not hold up the others. It wakes when this
/// instance commits a write, when a send finishes, and every <c>Steward:Webhooks:PollIntervalMilliseconds</c>
/// (for due retries and other instances' events). Everything it knows is in the database: a restart loses
/// nothing, and a message whose sender stopped mid-attempt is sent again when its lease runs out.
/// </summary>
public sealed class WebhookWorker(
    WebhookFanOut fanOut,
    WebhookDispatcher dispatcher,
    WebhookSender sender,
    EventNotifier notifier,
    TimeProvider time,
    IOptions<StewardOptions> options,
    ILogger<WebhookWorker> logger) : BackgroundService
{
    public const int MaxInFlight = 16;

    /// <summary>Finished messages stay in the delivery log this long.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    private readonly ConcurrentDictionary<Guid, Task> inFlight = new();
    private TaskCompletionSource sendFinished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Webhooks.DeliveryEnabled || !dispatcher.CanRender)
        {
            return;
        }

        var interval = TimeSpan.FromMilliseconds(Math.Max(50, options.Value.Webhooks.PollIntervalMilliseconds));
        var nextPrune = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            // Subscribe before looking, so a commit in between still wakes the next wait.
            var committed = notifier.NextAsync();
            var finished = Volatile.Read(ref sendFinished).Task;
            var busy = false;
            try
            {
                busy |= await fanOut.RunOnceAsync(stoppingToken);
                busy |= await ClaimAndStartAsync(stoppingToken);
                if (time.GetUtcNow() >= nextPrune)
                {
                    await dispatcher.PruneAsync(Retention, stoppingToken);
                    nextPrune = time.GetUtcNow().AddHours(1);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Webhook delivery could not read or update its queue; retrying.");
            }

            if (!busy)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                await Task.WhenAny(committed, finished, Task.Delay(interval, time, wait.Token));
                await wait.CancelAsync();
            }

            // A busy server commits all the time; look at most every few milliseconds.
            await Task.Delay(TimeSpan.FromMilliseconds(10), CancellationToken.None);
        }

        // Attempts under way end with the stopping token; their leases run out and they are sent again.
        await Task.WhenAll(inFlight.Values);
    }

    /// <summary>Claims as many due messages as there is room for and starts sending them; true when the room was filled.</summary>
    private async Task<bool> ClaimAndStartAsync(CancellationToken stoppingToken)
    {
        var room = MaxInFlight - inFlight.Count;
        if (room <= 0 || fanOut.IsIdle)
        {
            return false;
        }

        var claimed = await dispatcher.ClaimAsync(room, stoppingToken);
        foreach (var claim in claimed)
        {
            // Listed before it starts, so that its own removal when it ends cannot come first.
            var run = new Task<Task>(() => DeliverAsync(claim, stoppingToken));
            inFlight[claim.DeliveryId] = run.Unwrap();
            run.Start(TaskScheduler.Default);
        }

        return claimed.Count == room;
    }

    private async Task DeliverAsync(ClaimedDelivery claim, CancellationToken stoppingToken)
    {
        try
        {
            var outcome = claim.Message is null ? null : await sender.SendAsync(claim.Message, stoppingToken);
            if (!stoppingToken.IsCancellationRequested || outcome is not null)
            {
                await dispatcher.RecordAsync(claim, outcome, CancellationToken.None);
            }

            if (outcome is { Succeeded: false })
            {
                logger.LogInformation("Webhook message {MessageId} to endpoint {EndpointId} failed: {Error}",
                    claim.Message!.MessageId, claim.Message.EndpointId, outcome.Error);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the lease runs out and the message is sent again.
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "A webhook attempt failed unexpectedly; the message is retried when its claim runs out.");
        }
        finally
        {
            inFlight.TryRemove(claim.DeliveryId, out _);
            Interlocked.Exchange(ref sendFinished, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
    }
}
