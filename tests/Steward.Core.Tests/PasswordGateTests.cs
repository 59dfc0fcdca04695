using Microsoft.Extensions.Time.Testing;
using Steward.Core.Results;
using Steward.Core.Security;

namespace Steward.Core.Tests;

/// <summary>The bound on concurrent password checks, with a check that blocks until the test lets it finish.</summary>
public sealed class PasswordGateTests : IDisposable
{
    private readonly FakeTimeProvider time = new();
    private readonly SemaphoreSlim release = new(0);
    private int running;
    private int mostAtOnce;

    public void Dispose() => release.Dispose();

    [Fact]
    public async Task No_more_checks_run_at_once_than_the_gate_allows()
    {
        using var gate = new PasswordGate(2, TimeSpan.FromMinutes(1), time, BlockingCheck);

        var checks = Enumerable.Range(0, 6).Select(_ => Task.Run(() => gate.VerifyAsync("pw", "hash"))).ToList();
        await WaitUntilAsync(() => Volatile.Read(ref running) == 2);
        await Task.Delay(50);
        Assert.Equal(2, Volatile.Read(ref running));

        release.Release(6);
        var results = await Task.WhenAll(checks);

        Assert.All(results, r => Assert.True(r.Value));
        Assert.Equal(2, mostAtOnce);
    }

    [Fact]
    public async Task A_check_that_waits_longer_than_the_queue_allows_is_refused_untried()
    {
        using var gate = new PasswordGate(1, TimeSpan.FromSeconds(1), time, BlockingCheck);
        var first = Task.Run(() => gate.VerifyAsync("pw", "hash"));
        await WaitUntilAsync(() => Volatile.Read(ref running) == 1);

        var second = gate.VerifyAsync("pw", "hash");
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        var refused = await second;

        Assert.Equal(ErrorCode.TooManyAttempts, refused.Error!.Code);
        Assert.Equal(1, refused.Error.RetryAfterSeconds);
        Assert.Equal(1, Volatile.Read(ref running));

        release.Release();
        Assert.True((await first).Value);
    }

    [Fact]
    public async Task A_check_that_gets_its_turn_in_time_runs()
    {
        using var gate = new PasswordGate(1, TimeSpan.FromSeconds(1), time, BlockingCheck);
        var first = Task.Run(() => gate.VerifyAsync("pw", "hash"));
        await WaitUntilAsync(() => Volatile.Read(ref running) == 1);

        var second = gate.VerifyAsync("pw", "hash");
        time.Advance(TimeSpan.FromMilliseconds(900));
        release.Release(2);

        Assert.True((await first).Value);
        Assert.True((await second).Value);
    }

    [Fact]
    public async Task The_real_check_tells_right_from_wrong()
    {
        using var gate = new PasswordGate(1, TimeSpan.FromSeconds(1), time, PasswordHasher.Verify);
        var hash = PasswordHasher.Hash("correct horse");

        Assert.True((await gate.VerifyAsync("correct horse", hash)).Value);
        Assert.False((await gate.VerifyAsync("wrong horse", hash)).Value);
    }

    private bool BlockingCheck(string password, string hash)
    {
        var now = Interlocked.Increment(ref running);
        InterlockedMax(ref mostAtOnce, now);
        release.Wait();
        Interlocked.Decrement(ref running);
        return true;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "the condition did not hold within 5 s");
    }
}
