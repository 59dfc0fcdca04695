using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Steward.Core.Access;
using Steward.Core.Caching;
using Steward.Core.Events;
using Steward.Core.Identity;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Storage;
using Steward.Core.Tenancy;
using Steward.Core.Writes;
using Steward.Storage.Sqlite;

namespace Steward.Core.Tests;

/// <summary>The write gate against a real, migrated SQLite file in a temporary directory.</summary>
public sealed class WriteGateTests : IAsyncLifetime, IAsyncDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly string directory = Path.Combine(Path.GetTempPath(), "steward-writegate-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider time = new(Start);
    private readonly RevocationList revocations = new();
    private readonly EventNotifier notifier = new();
    private readonly ReadCache cache = new();
    private TestDbFactory factory = null!;
    private WriteGate gate = null!;
    private bool disposed;

    public async Task InitializeAsync()
    {
        var options = new DbContextOptionsBuilder<StewardDb>();
        options.UseStewardSqlite("Data Source=" + Path.Combine(directory, "steward.db"));
        factory = new TestDbFactory(options.Options);
        await using (var db = factory.CreateDbContext())
        {
            await db.Database.MigrateAsync();
        }

        gate = new WriteGate(factory, time, revocations, cache, notifier, NullLogger<WriteGate>.Instance);
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        await gate.DisposeAsync();
        cache.Dispose();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_write_and_its_event_commit_together()
    {
        var result = await CreateAccountAsync(1001);

        Assert.True(result.IsSuccess);
        await using var db = factory.CreateDbContext();
        var account = await db.Accounts.SingleAsync();
        Assert.Equal(result.Value, account.Id);
        Assert.Equal(1001, account.Number);
        Assert.Equal(Start, account.CreatedAt);

        var e = await db.Events.SingleAsync();
        Assert.Equal("account.created", e.Type);
        Assert.Equal(PublicId.Of<Account>(account.Id), e.SubjectId);
        Assert.Equal(account.Id, e.AccountId);
        Assert.Equal("system", e.ActorId);
        Assert.Equal(Start, e.OccurredAt);
        Assert.Equal("{\"account_number\":1001}", e.Data);
    }

    [Fact]
    public async Task A_write_returning_a_failure_leaves_nothing()
    {
        var next = notifier.NextAsync();

        var result = await CreateAccountAsync(1002, Outcome.Fail);

        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorCode.Validation, result.Error!.Code);
        await AssertEmptyAsync();
        Assert.False(next.IsCompleted);
    }

    [Fact]
    public async Task A_write_failing_after_saving_its_own_changes_leaves_nothing()
    {
        var result = await gate.ExecuteAsync(Principal.System, async ctx =>
        {
            ctx.Db.Accounts.Add(NewAccount(ctx, 1003));
            ctx.Emit(null, new TestHappened());
            await ctx.Db.SaveChangesAsync();
            return Result<Done>.Fail(Error.Conflict("changed my mind"));
        });

        Assert.Equal(ErrorCode.Conflict, result.Error!.Code);
        await AssertEmptyAsync();
    }

    [Fact]
    public async Task An_exception_in_a_write_leaves_nothing_and_surfaces_WriteFailedException()
    {
        var ex = await Assert.ThrowsAsync<WriteFailedException>(() => CreateAccountAsync(1004, Outcome.Throw));

        Assert.IsType<InvalidOperationException>(ex.InnerException);
        Assert.Equal("boom 1004", ex.InnerException.Message);
        await AssertEmptyAsync();

        // The gate keeps serving after a failure.
        Assert.True((await CreateAccountAsync(1005)).IsSuccess);
    }

    [Fact]
    public async Task Concurrent_writes_commit_their_successes_only_with_gapless_event_sequences()
    {
        const int count = 200;
        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            var outcome = (i % 7) switch
            {
                3 => Outcome.Fail,
                5 => Outcome.Throw,
                _ => Outcome.Succeed,
            };
            try
            {
                return (Number: 5000L + i, Outcome: outcome, Result: await CreateAccountAsync(5000 + i, outcome, events: 1 + (i % 3)));
            }
            catch (WriteFailedException) when (outcome == Outcome.Throw)
            {
                return (Number: 5000L + i, Outcome: outcome, Result: (Result<Guid>?)null);
            }
        })).ToList();

        var outcomes = await Task.WhenAll(tasks);

        foreach (var o in outcomes)
        {
            switch (o.Outcome)
            {
                case Outcome.Succeed:
                    Assert.True(o.Result!.Value.IsSuccess, $"write {o.Number} failed: {o.Result.Value.Error?.Message}");
                    break;
                case Outcome.Fail:
                    Assert.False(o.Result!.Value.IsSuccess);
                    break;
                default:
                    Assert.Null(o.Result);
                    break;
            }
        }

        var succeeded = outcomes.Where(o => o.Outcome == Outcome.Succeed).ToDictionary(o => o.Number, o => o.Result!.Value.Value);
        await using var db = factory.CreateDbContext();
        var accounts = await db.Accounts.AsNoTracking().ToListAsync();
        Assert.Equal(succeeded.Keys.Order(), accounts.Select(a => a.Number).Order());
        Assert.All(accounts, a => Assert.Equal(succeeded[a.Number], a.Id));

        var events = await db.Events.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
        var expectedEvents = succeeded.Keys.Sum(n => 1 + ((n - 5000) % 3));
        Assert.Equal(expectedEvents, events.Count);
        Assert.All(events, e => Assert.Contains(e.AccountId!.Value, succeeded.Values));
        for (var i = 1; i < events.Count; i++)
        {
            Assert.Equal(events[i - 1].Sequence + 1, events[i].Sequence);
        }

        // One write's events are contiguous: nothing interleaves inside a write.
        var byAccount = events.GroupBy(e => e.AccountId).ToList();
        Assert.All(byAccount, g => Assert.Equal(g.Count() - 1, g.Max(e => e.Sequence) - g.Min(e => e.Sequence)));
    }

    [Fact]
    public async Task A_unique_index_violation_is_a_conflict_not_an_exception()
    {
        var first = await CreateAccountAsync(4242);
        var second = await CreateAccountAsync(4242);

        Assert.True(first.IsSuccess);
        Assert.False(second.IsSuccess);
        Assert.Equal(ErrorCode.Conflict, second.Error!.Code);

        await using var db = factory.CreateDbContext();
        Assert.Equal(first.Value, (await db.Accounts.SingleAsync()).Id);
        Assert.Equal(first.Value, (await db.Events.SingleAsync()).AccountId);
    }

    [Fact]
    public async Task Concurrent_duplicates_give_one_success_and_conflicts()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => CreateAccountAsync(7777)));

        Assert.Single(results, r => r.IsSuccess);
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal(ErrorCode.Conflict, r.Error!.Code));
        await using var db = factory.CreateDbContext();
        Assert.Equal(1, await db.Accounts.CountAsync());
        Assert.Equal(1, await db.Events.CountAsync());
    }

    [Fact]
    public async Task Revocations_of_a_committed_write_reach_the_revocation_list()
    {
        var subject = Guid.NewGuid();
        var cutoff = Start;
        var expiresAt = Start.AddHours(1);

        var result = await gate.ExecuteAsync(Principal.System, ctx =>
        {
            ctx.Revoke(subject, cutoff, expiresAt);
            return Task.FromResult(Result<Done>.Ok(default));
        });

        Assert.True(result.IsSuccess);
        Assert.Equal(1, revocations.Count);
        Assert.True(revocations.IsRevoked(Claims(subject, cutoff.AddMinutes(-1))));
        Assert.False(revocations.IsRevoked(Claims(subject, cutoff.AddMinutes(1))));
        await using var db = factory.CreateDbContext();
        var row = await db.Revocations.SingleAsync();
        Assert.Equal((subject, cutoff, expiresAt), (row.Key, row.Cutoff, row.ExpiresAt));
    }

    [Theory]
    [InlineData(Outcome.Fail)]
    [InlineData(Outcome.Throw)]
    public async Task Revocations_and_after_commit_actions_of_a_failed_write_do_not_take_effect(Outcome outcome)
    {
        var ran = false;

        var task = gate.ExecuteAsync(Principal.System, ctx =>
        {
            ctx.Revoke(Guid.NewGuid(), Start, Start.AddHours(1));
            ctx.AfterCommit(() => ran = true);
            return outcome == Outcome.Throw
                ? throw new InvalidOperationException("boom")
                : Task.FromResult(Result<Done>.Fail(Error.Forbidden()));
        });

        if (outcome == Outcome.Throw)
        {
            await Assert.ThrowsAsync<WriteFailedException>(() => task);
        }
        else
        {
            Assert.Equal(ErrorCode.Forbidden, (await task).Error!.Code);
        }

        Assert.Equal(0, revocations.Count);
        Assert.False(ran);
        await using var db = factory.CreateDbContext();
        Assert.Equal(0, await db.Revocations.CountAsync());
    }

    [Fact]
    public async Task After_commit_actions_run_and_readers_are_woken_once_committed()
    {
        var next = notifier.NextAsync();
        var ran = 0;

        var result = await gate.ExecuteAsync(Principal.System, ctx =>
        {
            ctx.AfterCommit(() => ran++);
            ctx.Emit(null, new TestHappened());
            return Task.FromResult(Result<int>.Ok(42));
        });

        Assert.Equal(42, result.Value);
        Assert.Equal(1, ran);
        Assert.True(next.IsCompleted);
    }

    [Fact]
    public async Task Each_write_sees_the_current_time()
    {
        var first = await gate.ExecuteAsync(Principal.System, ctx => Task.FromResult(Result<DateTimeOffset>.Ok(ctx.Now)));
        time.Advance(TimeSpan.FromMinutes(5));
        var second = await gate.ExecuteAsync(Principal.System, ctx => Task.FromResult(Result<DateTimeOffset>.Ok(ctx.Now)));

        Assert.Equal(Start, first.Value);
        Assert.Equal(Start.AddMinutes(5), second.Value);
    }

    public enum Outcome
    {
        Succeed,
        Fail,
        Throw,
    }

    private Task<Result<Guid>> CreateAccountAsync(long number, Outcome outcome = Outcome.Succeed, int events = 1) =>
        gate.ExecuteAsync(Principal.System, ctx =>
        {
            var account = NewAccount(ctx, number);
            ctx.Db.Accounts.Add(account);
            for (var i = 0; i < events; i++)
            {
                ctx.Emit(account.Id, i == 0 ? new TestAccountCreated { AccountId = PublicId.Of<Account>(account.Id), AccountNumber = number } : new AccountNoted { AccountId = PublicId.Of<Account>(account.Id), AccountNumber = number });
            }

            return outcome switch
            {
                Outcome.Fail => Task.FromResult(Result<Guid>.Fail(Error.Invalid("number", "refused on purpose"))),
                Outcome.Throw => throw new InvalidOperationException($"boom {number}"),
                _ => Task.FromResult(Result<Guid>.Ok(account.Id)),
            };
        });

    private static Account NewAccount(WriteContext ctx, long number) => new()
    {
        Id = PublicId.NewGuid(ctx.Now),
        Number = number,
        Name = $"Account {number}",
        Email = $"a{number}@example.com",
        Slug = $"account-{number}",
        CreatedAt = ctx.Now,
        UpdatedAt = ctx.Now,
    };

    private async Task AssertEmptyAsync()
    {
        await using var db = factory.CreateDbContext();
        Assert.Equal(0, await db.Accounts.CountAsync());
        Assert.Equal(0, await db.Events.CountAsync());
        Assert.Equal(0, await db.Revocations.CountAsync());
    }

    private static TokenClaims Claims(Guid subject, DateTimeOffset issuedAt) =>
        new(PrincipalKind.User, Guid.NewGuid(), issuedAt, issuedAt.AddMinutes(30), Guid.NewGuid(), Guid.Empty, subject, Guid.NewGuid());

    private sealed class TestDbFactory(DbContextOptions<StewardDb> options) : IDbContextFactory<StewardDb>
    {
        public StewardDb CreateDbContext() => new(options);
    }
}

[EventType("test.happened")]
internal sealed record TestHappened : StewardEvent
{
    public override string SubjectId => "test-1";
}

/// <summary>A test's own account event: only its number is data.</summary>
internal abstract record TestAccountEvent : StewardEvent
{
    [System.Text.Json.Serialization.JsonIgnore]
    public string AccountId { get; init; } = "";

    public long AccountNumber { get; init; }

    public override string SubjectId => AccountId;
}

[EventType("account.created")]
internal sealed record TestAccountCreated : TestAccountEvent;

[EventType("account.noted")]
internal sealed record AccountNoted : TestAccountEvent;
