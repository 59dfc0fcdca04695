#if STEWARD_POSTGRES
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Steward.Core.Access;
using Steward.Core.Results;
using Steward.Core.Tenancy;
using Steward.Core.Writes;
using Steward.Functional.Infrastructure;

namespace Steward.Functional;

/// <summary>
/// Several instances write to one PostgreSQL database with no cluster-wide lock on the write path: event
/// numbers are taken from one sequence row as each batch's last step before its commit. A reader
/// following <c>after=N</c> must still see every acknowledged write's events exactly once, and a slow
/// write on one instance must not hold up the others.
/// </summary>
public sealed class EventOrderTests(StewardFactory first) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task Two_instances_writing_at_once_are_followed_exactly_once_by_a_third()
    {
        using var second = first.Peer();
        using var third = first.Peer();
        var account = await first.NewAccountAsync();
        using var follower = third.ClientWithToken(account.Token);
        var after = await LastSequenceAsync(follower);

        var created = new List<string>();
        var writers = new[] { first, second }.Select(async (instance, n) =>
        {
            using var client = instance.ClientWithToken(account.Token);
            var ids = new List<string>();
            for (var i = 0; i < 40; i++)
            {
                using var response = await client.PostAsJsonAsync("/api/v1/users", new { username = $"w{n}-{i}" });
                ids.Add((await response.ExpectJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!);
            }

            return ids;
        }).ToList();

        // Follow the log while the writers run, the way a client with after=N does.
        var seen = new List<(long Sequence, string Type, string Subject)>();
        var done = Task.WhenAll(writers);
        while (!done.IsCompleted)
        {
            after = await FollowAsync(follower, after, seen);
        }

        created.AddRange((await done).SelectMany(ids => ids));
        after = await FollowAsync(follower, after, seen);

        Assert.Equal(seen.Select(e => e.Sequence).Distinct().Count(), seen.Count);
        Assert.Equal(seen.Select(e => e.Sequence).Order(), seen.Select(e => e.Sequence));
        var users = seen.Where(e => e.Type == "user.created").Select(e => e.Subject).ToList();
        Assert.Equal(created.Order(), users.Order());
    }

    [StewardFact]
    public async Task A_slow_write_on_one_instance_does_not_hold_up_another()
    {
        using var second = first.Peer();
        var account = await first.NewAccountAsync();
        using var follower = second.ClientWithToken(account.Token);
        var after = await LastSequenceAsync(follower);

        // A write on the first instance that keeps its transaction open until released.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var accountId = Guid.Parse(account.Id["acct-".Length..]);
        var gate = first.Services.GetRequiredService<WriteGate>();
        var slow = gate.ExecuteAsync(Principal.System, async ctx =>
        {
            var row = ctx.Db.Accounts.Single(a => a.Id == accountId);
            row.Version++;
            await ctx.Db.SaveChangesAsync();
            ctx.Emit(accountId, AccountEvent.Of<AccountUpdated>(row));
            entered.SetResult();
            await release.Task;
            return Result<Done>.Ok(new Done());
        });
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // The second instance keeps committing, and its events are readable at once.
        using var other = second.ClientWithToken(account.Token);
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 5; i++)
        {
            using var response = await other.PostAsJsonAsync("/api/v1/users", new { username = $"meanwhile-{i}" });
            await response.ExpectJsonAsync(HttpStatusCode.Created);
        }

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20), $"The other instance waited {stopwatch.Elapsed} for the slow write.");
        var seen = new List<(long Sequence, string Type, string Subject)>();
        after = await FollowAsync(follower, after, seen);
        Assert.Equal(5, seen.Count(e => e.Type == "user.created"));

        // Released, the slow write commits after them, with a later number: the follower gets it next, once.
        release.SetResult();
        Assert.True((await slow).IsSuccess);
        await FollowAsync(follower, after, seen);
        Assert.Single(seen, e => e.Type == "account.updated");
        Assert.Equal("account.updated", seen[^1].Type);
        Assert.Equal(seen.Select(e => e.Sequence).Order(), seen.Select(e => e.Sequence));
    }

    private static async Task<long> LastSequenceAsync(HttpClient client)
    {
        long after = 0;
        while (true)
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/events?after={after}&limit=500");
            var items = page.GetProperty("items").EnumerateArray().ToList();
            if (items.Count == 0)
            {
                return after;
            }

            after = items[^1].GetProperty("id").GetInt64();
        }
    }

    private static async Task<long> FollowAsync(HttpClient client, long after, List<(long, string, string)> seen)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/events?after={after}&limit=500");
        foreach (var e in page.GetProperty("items").EnumerateArray())
        {
            after = e.GetProperty("id").GetInt64();
            seen.Add((after, e.GetProperty("type").GetString()!, e.GetProperty("subject_id").GetString()!));
        }

        return after;
    }
}
#endif
