using Microsoft.Extensions.DependencyInjection;
using Steward.Core.Access;
using Steward.Core.Events;
using Steward.Core.Ids;
using Steward.Core.Storage;
using Steward.Functional.Infrastructure;
using Steward.Functional.Native;

namespace Steward.Functional.AdminConsole;

/// <summary>The core queries behind the console, on both databases: events per day, newest events, search.</summary>
public sealed class ConsoleQueriesTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task Events_are_counted_per_utc_day_for_the_caller_alone()
    {
        using var a = await factory.NewTenantAsync();
        using var b = await factory.NewTenantAsync();
        var day1 = DateOnly.FromDateTime(factory.Time.GetUtcNow().UtcDateTime);
        await a.Http.NewUserAsync();
        await b.Http.NewUserAsync();

        // Two days later (the clock moves to the next midnight, then a day more).
        var now = factory.Time.GetUtcNow();
        factory.Time.Advance(new DateTimeOffset(day1.AddDays(2), TimeOnly.MinValue, TimeSpan.Zero) - now + TimeSpan.FromMinutes(1));
        // The account's first token expired meanwhile.
        using var later = factory.ClientWithToken(await factory.CreateClient().TokenAsync(a.Account.ApiKey, a.Account.ApiSecret));
        await later.NewUserAsync();
        await later.NewUserAsync();

        var events = factory.Services.GetRequiredService<EventService>();
        var account = new Principal(PrincipalKind.Account, Guid.Parse(a.Id["acct-".Length..]), Guid.Empty, Guid.Parse(a.Id["acct-".Length..]), Guid.Empty, Guid.Empty, DateTimeOffset.MaxValue);
        var counts = (await events.CountPerDayAsync(account, day1.AddDays(-1), 4)).Value;
        Assert.Equal([day1.AddDays(-1), day1, day1.AddDays(1), day1.AddDays(2)], counts.Select(c => c.Day));

        // Day 1: account.created, its credential, user.created and the user's credential; day 3: two users with their credentials.
        Assert.Equal([0, 4, 0, 4], counts.Select(c => c.Count));

        var all = (await events.CountPerDayAsync(Principal.System, day1, 3)).Value;
        Assert.True(all[0].Count >= 8, $"root counts every account's events: {all[0].Count}");
        Assert.True(all[2].Count >= 4, $"root counts every account's events: {all[2].Count}");

        Assert.False((await events.CountPerDayAsync(account, day1, 0)).IsSuccess);
    }

    [StewardFact]
    public async Task Newest_events_page_backwards_and_search_by_type()
    {
        using var a = await factory.NewTenantAsync();
        var users = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            users.Add((await a.Http.NewUserAsync()).Str("id"));
        }

        var events = factory.Services.GetRequiredService<EventService>();
        var account = new Principal(PrincipalKind.Account, Guid.Parse(a.Id["acct-".Length..]), Guid.Empty, Guid.Parse(a.Id["acct-".Length..]), Guid.Empty, Guid.Empty, DateTimeOffset.MaxValue);
        var first = (await events.ListNewestAsync(account, null, new ListQuery(2, null, "USER.created"))).Value;
        Assert.Equal([users[2], users[1]], first.Select(e => e.SubjectId));
        var next = (await events.ListNewestAsync(account, first[^1].Sequence, new ListQuery(2, null, "user.created"))).Value;
        Assert.Equal([users[0]], next.Select(e => e.SubjectId));
        Assert.Contains(PublicId.Of<Core.Tenancy.Account>(account.AccountId), (await events.ListNewestAsync(account, null, new ListQuery(50, null, "account."))).Value.Select(e => e.SubjectId));
    }
}
