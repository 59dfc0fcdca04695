#if STEWARD_POSTGRES
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Steward.Functional.Infrastructure;

namespace Steward.Functional;

/// <summary>
/// Two Steward instances on one PostgreSQL database: what one changes or revokes, the other
/// honours after its next sync (Steward:SyncIntervalMilliseconds), without a restart.
/// </summary>
public sealed class ClusterTests(StewardFactory first) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task A_token_revoked_on_one_instance_is_refused_by_the_other()
    {
        using var second = first.Peer();
        var account = await first.NewAccountAsync();
        using var onSecond = second.ClientWithToken(account.Token);
        Assert.Equal(HttpStatusCode.OK, (await onSecond.GetAsync("/api/v1/organisations")).StatusCode);

        using var onFirst = first.ClientWithToken(account.Token);
        using (var revoke = await onFirst.PostAsync("/oauth/revoke", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = account.Token })))
        {
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        }

        await EventuallyAsync(second, async () => (await onSecond.GetAsync("/api/v1/organisations")).StatusCode == HttpStatusCode.Unauthorized);
    }

    [StewardFact]
    public async Task A_change_on_one_instance_reaches_the_others_cache()
    {
        using var second = first.Peer();
        var account = await first.NewAccountAsync();
        using var onFirst = first.ClientWithToken(account.Token);
        using var onSecond = second.ClientWithToken(account.Token);
        using var created = await onFirst.PostAsJsonAsync("/api/v1/organisations", new { name = "before" });
        var id = (await created.ExpectJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString();

        // The second instance reads (and caches) it, then the first renames it.
        Assert.Equal("before", (await onSecond.GetFromJsonAsync<JsonElement>("/api/v1/organisations/" + id)).GetProperty("name").GetString());
        using (var renamed = await onFirst.PatchAsJsonAsync("/api/v1/organisations/" + id, new { name = "after" }))
        {
            await renamed.ExpectJsonAsync(HttpStatusCode.OK);
        }

        await EventuallyAsync(second, async () =>
            (await onSecond.GetFromJsonAsync<JsonElement>("/api/v1/organisations/" + id)).GetProperty("name").GetString() == "after");
    }

    /// <summary>Moves the instance's clock so its sync runs, until the condition holds (bounded).</summary>
    private static async Task EventuallyAsync(StewardFactory instance, Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await condition())
            {
                return;
            }

            instance.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(50);
        }

        Assert.Fail("The other instance did not pick up the change.");
    }
}
#endif
