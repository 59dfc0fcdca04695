using Microsoft.Extensions.Time.Testing;
using Steward.Core.Security;

namespace Steward.Core.Tests;

/// <summary>The lockout rules, stepped through with a fake clock.</summary>
public sealed class LockoutTableTests
{
    private static readonly LockoutRules Rules = new(
        FreeFailures: 3,
        FirstLockout: TimeSpan.FromSeconds(1),
        MaxLockout: TimeSpan.FromSeconds(60),
        ForgetAfter: TimeSpan.FromMinutes(15),
        MaxEntries: 1000,
        TrustFor: TimeSpan.FromDays(1));

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2030, 1, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void The_lockout_doubles_from_the_first_up_to_the_cap()
    {
        Assert.Equal(TimeSpan.Zero, Rules.LockoutAfter(1));
        Assert.Equal(TimeSpan.Zero, Rules.LockoutAfter(2));
        Assert.Equal(TimeSpan.FromSeconds(1), Rules.LockoutAfter(3));
        Assert.Equal(TimeSpan.FromSeconds(2), Rules.LockoutAfter(4));
        Assert.Equal(TimeSpan.FromSeconds(32), Rules.LockoutAfter(8));
        Assert.Equal(TimeSpan.FromSeconds(60), Rules.LockoutAfter(9));
        Assert.Equal(TimeSpan.FromSeconds(60), Rules.LockoutAfter(int.MaxValue));
    }

    [Fact]
    public void A_name_is_locked_after_its_free_failures_and_not_before()
    {
        var table = new LockoutTable(Rules, time);

        Fail(table, "key:a");
        Fail(table, "key:a");
        Assert.Null(table.TryBegin("key:a"));
        table.End("key:a", AttemptOutcome.Failed);

        Assert.Equal(TimeSpan.FromSeconds(1), table.TryBegin("key:a"));
        Assert.Null(table.TryBegin("key:b"));
    }

    [Fact]
    public void Each_further_failure_after_the_lockout_doubles_it_counted_from_that_failure()
    {
        var table = new LockoutTable(Rules, time);
        for (var i = 0; i < 3; i++)
        {
            Fail(table, "n");
        }

        var expected = new[] { 2, 4, 8, 16, 32, 60, 60 };
        foreach (var seconds in expected)
        {
            // Still locked just before the lockout ends; free exactly when it does.
            var wait = table.TryBegin("n")!.Value;
            time.Advance(wait - TimeSpan.FromMilliseconds(1));
            Assert.NotNull(table.TryBegin("n"));
            time.Advance(TimeSpan.FromMilliseconds(1));
            Fail(table, "n");
            Assert.Equal(TimeSpan.FromSeconds(seconds), table.TryBegin("n"));
        }
    }

    [Fact]
    public void Refused_attempts_neither_count_nor_extend_the_lockout()
    {
        var table = new LockoutTable(Rules, time);
        for (var i = 0; i < 3; i++)
        {
            Fail(table, "n");
        }

        for (var i = 0; i < 50; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(10));
            Assert.NotNull(table.TryBegin("n"));
        }

        time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Null(table.TryBegin("n"));
    }

    [Fact]
    public void The_right_secret_after_the_lockout_clears_the_failures()
    {
        var table = new LockoutTable(Rules, time);
        for (var i = 0; i < 5; i++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            Fail(table, "n");
        }

        time.Advance(TimeSpan.FromSeconds(4));
        Assert.Null(table.TryBegin("n"));
        table.End("n", AttemptOutcome.Succeeded);

        // Back to the free failures: two more failures lock nothing.
        Fail(table, "n");
        Fail(table, "n");
        Assert.Null(table.TryBegin("n"));
    }

    [Fact]
    public void Failures_are_forgotten_after_a_quiet_period()
    {
        var table = new LockoutTable(Rules, time);
        Fail(table, "n");
        Fail(table, "n");

        time.Advance(TimeSpan.FromMinutes(15));
        Fail(table, "n");
        Fail(table, "n");

        Assert.Null(table.TryBegin("n"));
    }

    [Fact]
    public void Past_its_free_failures_a_name_is_tried_one_attempt_at_a_time()
    {
        var table = new LockoutTable(Rules, time);
        for (var i = 0; i < 3; i++)
        {
            Fail(table, "n");
        }

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(table.TryBegin("n"));
        Assert.Equal(TimeSpan.FromSeconds(1), table.TryBegin("n"));

        table.End("n", AttemptOutcome.Uncounted);
        Assert.Null(table.TryBegin("n"));
    }

    [Fact]
    public void A_name_that_never_failed_is_not_held_back_by_attempts_in_flight()
    {
        var table = new LockoutTable(Rules, time);
        for (var i = 0; i < 20; i++)
        {
            Assert.Null(table.TryBegin("busy"));
        }
    }

    [Fact]
    public void A_source_that_signed_in_is_exempt_from_the_names_lockout_and_others_are_not()
    {
        var table = new LockoutTable(Rules, time);
        Assert.Null(table.TryBegin("key:a", "10.0.0.1"));
        table.End("key:a", AttemptOutcome.Succeeded, "10.0.0.1");

        for (var i = 0; i < 3; i++)
        {
            Fail(table, "key:a", "192.0.2.66");
        }

        Assert.NotNull(table.TryBegin("key:a", "192.0.2.66"));
        Assert.Null(table.TryBegin("key:a", "10.0.0.1"));
        table.End("key:a", AttemptOutcome.Succeeded, "10.0.0.1");

        // The trust lasts a day from the last success.
        time.Advance(TimeSpan.FromDays(1));
        for (var i = 0; i < 3; i++)
        {
            Fail(table, "key:a", "192.0.2.66");
        }

        Assert.NotNull(table.TryBegin("key:a", "10.0.0.1"));
    }

    [Fact]
    public void Unknown_and_known_names_are_answered_alike()
    {
        var table = new LockoutTable(Rules, time);
        Assert.Null(table.TryBegin("user:known"));
        table.End("user:known", AttemptOutcome.Succeeded);

        var answers = new List<(TimeSpan? Known, TimeSpan? Unknown)>();
        for (var i = 0; i < 6; i++)
        {
            var known = table.TryBegin("user:known");
            var unknown = table.TryBegin("user:nobody");
            answers.Add((known, unknown));
            if (known is null)
            {
                table.End("user:known", AttemptOutcome.Failed);
            }

            if (unknown is null)
            {
                table.End("user:nobody", AttemptOutcome.Failed);
            }
        }

        Assert.All(answers, a => Assert.Equal(a.Known, a.Unknown));
    }

    [Fact]
    public void The_table_is_bounded_and_drops_the_least_recently_seen()
    {
        var table = new LockoutTable(Rules with { MaxEntries = 100 }, time);
        for (var i = 0; i < 3; i++)
        {
            Fail(table, "victim");
        }

        for (var i = 0; i < 10_000; i++)
        {
            Fail(table, "spray-" + i);
        }

        Assert.Equal(100, table.Count);
        Assert.Null(table.TryBegin("victim"));
    }

    [Fact]
    public void Stale_entries_are_dropped_as_the_table_is_used()
    {
        var table = new LockoutTable(Rules, time);
        for (var i = 0; i < 50; i++)
        {
            Fail(table, "old-" + i);
        }

        time.Advance(TimeSpan.FromMinutes(16));
        Fail(table, "new");

        Assert.Equal(1, table.Count);
    }

    private static void Fail(LockoutTable table, string name, string? source = null)
    {
        Assert.Null(table.TryBegin(name, source));
        table.End(name, AttemptOutcome.Failed, source);
    }
}
