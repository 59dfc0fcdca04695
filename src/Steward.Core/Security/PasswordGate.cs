using Microsoft.Extensions.Options;
using Steward.Core.Options;
using Steward.Core.Results;

namespace Steward.Core.Security;

/// <summary>
/// Bounds the CPU that password checks may take. A PBKDF2 check costs tens of milliseconds of one core,
/// so a flood of password sign-ins would otherwise take every core from every other request. At most
/// <see cref="BruteForceOptions.PasswordConcurrency"/> checks run at once (by default one less than the
/// processor count, leaving a core to everyone else); the others wait their turn for at most
/// <see cref="BruteForceOptions.PasswordQueueMilliseconds"/> and are then refused untried
/// (<see cref="ErrorCode.TooManyAttempts"/>, retry in a second).
/// </summary>
public sealed class PasswordGate : IDisposable
{
    public static readonly Error Busy =
        Error.TooManyAttempts(TimeSpan.FromSeconds(1), "The server is busy checking other passwords; try again in 1 s.");

    private readonly SemaphoreSlim slots;
    private readonly TimeSpan queueTimeout;
    private readonly TimeProvider time;
    private readonly Func<string, string, bool> verify;

    public PasswordGate(IOptions<StewardOptions> options, TimeProvider time)
        : this(SlotsFor(options.Value.BruteForce.PasswordConcurrency), TimeSpan.FromMilliseconds(Math.Max(0, options.Value.BruteForce.PasswordQueueMilliseconds)), time, PasswordHasher.Verify)
    {
    }

    /// <summary>For tests: a gate around another check.</summary>
    internal PasswordGate(int concurrency, TimeSpan queueTimeout, TimeProvider time, Func<string, string, bool> verify)
    {
        Concurrency = Math.Max(1, concurrency);
        slots = new SemaphoreSlim(Concurrency, Concurrency);
        this.queueTimeout = queueTimeout;
        this.time = time;
        this.verify = verify;
    }

    /// <summary>How many checks may run at once.</summary>
    public int Concurrency { get; }

    /// <summary>True for the right password, false for a wrong one, <see cref="Busy"/> when no turn came in time.</summary>
    public async Task<Result<bool>> VerifyAsync(string password, string storedHash, CancellationToken ct = default)
    {
        if (!slots.Wait(0, CancellationToken.None))
        {
            // Waiting is bounded by the injected clock, so tests can step through a full queue.
            using var timeout = new CancellationTokenSource(queueTimeout, time);
            using var either = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, ct);
            try
            {
                await slots.WaitAsync(either.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return Busy;
            }
        }

        try
        {
            return verify(password, storedHash);
        }
        finally
        {
            slots.Release();
        }
    }

    public void Dispose() => slots.Dispose();

    private static int SlotsFor(int configured) =>
        configured > 0 ? configured : Math.Max(1, Environment.ProcessorCount - 1);
}
