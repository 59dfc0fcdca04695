using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Steward.Functional.Infrastructure;

namespace Steward.Functional.Native;

/// <summary>The event log: <c>GET /api/v1/events?after=N</c> and the server-sent-events stream.</summary>
public sealed class EventsTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    private static readonly TimeSpan StreamTimeout = TimeSpan.FromSeconds(30);

    [StewardFact]
    public async Task Events_record_changes_with_their_actor()
    {
        using var a = await factory.NewTenantAsync();
        var org = await a.Http.NewOrganisationAsync();
        var orgId = org.Str("id");
        var userId = (await a.Http.NewUserAsync(organisationId: orgId)).Str("id");

        var events = await a.Http.EventsAsync();
        var accountCreated = Assert.Single(events, e => e.Str("type") == "account.created");
        Assert.Equal(a.Id, accountCreated.Str("subject_id"));
        Assert.StartsWith("root-", accountCreated.Str("actor_id"), StringComparison.Ordinal);

        var orgCreated = Assert.Single(events, e => e.Str("type") == "organisation.created");
        Assert.Equal(orgId, orgCreated.Str("subject_id"));
        Assert.Equal(a.Id, orgCreated.Str("account_id"));
        Assert.Equal(a.Id, orgCreated.Str("actor_id"));
        Assert.Equal(org.Str("name"), orgCreated.GetProperty("data").Str("name"));

        var userCreated = Assert.Single(events, e => e.Str("type") == "user.created");
        Assert.Equal(userId, userCreated.Str("subject_id"));
        Assert.Equal(a.Id, userCreated.Str("actor_id"));

        // Sequence numbers grow, and 'after' skips what was already read.
        var ids = events.Select(e => e.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var later = await a.Http.EventsAsync(orgCreated.GetProperty("id").GetInt64());
        Assert.DoesNotContain(later, e => e.Str("type") is "account.created" or "organisation.created");
        Assert.Contains(later, e => e.Str("type") == "user.created");
    }

    [StewardFact]
    public async Task Changes_made_by_a_user_name_the_user_as_actor()
    {
        using var a = await factory.NewTenantAsync();
        var orgId = (await a.Http.NewOrganisationAsync()).Str("id");
        var userId = (await a.Http.NewUserAsync()).Str("id");
        await a.Http.AddMemberAsync(orgId, userId, "admin");
        using var user = factory.ClientWithToken(await a.Http.MintUserTokenAsync(userId));
        using (var patched = await user.PatchJsonAsync("/api/v1/organisations/" + orgId, new { description = "by the user" }))
        {
            await patched.ExpectJsonAsync(HttpStatusCode.OK);
        }

        var updated = Assert.Single(await a.Http.EventsAsync(), e => e.Str("type") == "organisation.updated");
        Assert.Equal(userId, updated.Str("actor_id"));
    }

    [StewardFact]
    public async Task An_account_sees_only_its_own_events()
    {
        using var a = await factory.NewTenantAsync();
        using var b = await factory.NewTenantAsync();
        var aOrg = (await a.Http.NewOrganisationAsync()).Str("id");
        var bOrg = (await b.Http.NewOrganisationAsync()).Str("id");

        var aEvents = await a.Http.EventsAsync();
        var bEvents = await b.Http.EventsAsync();
        Assert.NotEmpty(aEvents);
        Assert.All(aEvents, e => Assert.Equal(a.Id, e.Str("account_id")));
        Assert.All(bEvents, e => Assert.Equal(b.Id, e.Str("account_id")));
        Assert.DoesNotContain(aEvents, e => e.Str("subject_id") == bOrg);
        Assert.DoesNotContain(bEvents, e => e.Str("subject_id") == aOrg);

        // Root sees both.
        using var root = await factory.RootClientAsync();
        var all = await root.EventsAsync();
        Assert.Contains(all, e => e.Str("subject_id") == aOrg);
        Assert.Contains(all, e => e.Str("subject_id") == bOrg);
    }

    [StewardFact]
    public async Task Users_and_organisations_may_not_read_the_event_log()
    {
        using var a = await factory.NewTenantAsync();
        var org = await a.Http.NewOrganisationAsync();
        using var orgClient = factory.ClientWithToken(await factory.CreateClient().TokenAsync(org.Str("api_key"), org.Str("api_secret")));
        await orgClient.ExpectProblemAsync(HttpMethod.Get, "/api/v1/events", HttpStatusCode.Forbidden, code: "forbidden");
        await orgClient.ExpectProblemAsync(HttpMethod.Get, "/api/v1/events/stream", HttpStatusCode.Forbidden, code: "forbidden");
    }

    [StewardFact]
    public async Task Bad_after_and_limit_are_refused()
    {
        using var a = await factory.NewTenantAsync();
        await a.Http.ExpectProblemAsync(HttpMethod.Get, "/api/v1/events?after=-1", HttpStatusCode.BadRequest, code: "validation");
        await a.Http.ExpectProblemAsync(HttpMethod.Get, "/api/v1/events?limit=0", HttpStatusCode.BadRequest, code: "validation");
        await a.Http.ExpectProblemAsync(HttpMethod.Get, "/api/v1/events?limit=501", HttpStatusCode.BadRequest, code: "validation");
        await a.Http.ExpectProblemAsync(HttpMethod.Get, "/api/v1/events?after=abc", HttpStatusCode.BadRequest);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/events/stream", UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Last-Event-ID", "not-a-number");
        using var response = await a.Http.SendAsync(request);
        await response.ExpectValidationAsync("Last-Event-ID");
    }

    [StewardFact]
    public async Task The_stream_delivers_new_events_live_and_resumes_after_Last_Event_ID()
    {
        using var a = await factory.NewTenantAsync();
        using var cts = new CancellationTokenSource(StreamTimeout);

        string firstId;
        string firstOrg;
        using (var stream = await OpenStreamAsync(a, null, cts.Token))
        {
            Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);

            // The history comes first (the account's own creation)...
            var created = await stream.Reader.ReadEventUntilAsync(e => e.Type == "account.created", null, cts.Token);
            Assert.Equal(a.Id, created.Json.Str("subject_id"));

            // ...then what happens while the stream is open.
            firstOrg = (await a.Http.NewOrganisationAsync()).Str("id");
            var live = await stream.Reader.ReadEventUntilAsync(e => e.Type == "organisation.created", null, cts.Token);
            Assert.Equal(firstOrg, live.Json.Str("subject_id"));
            Assert.Equal(a.Id, live.Json.Str("actor_id"));
            Assert.False(string.IsNullOrEmpty(live.Id));
            Assert.Equal(long.Parse(live.Id!, CultureInfo.InvariantCulture), live.Json.GetProperty("id").GetInt64());
            firstId = live.Id!;
        }

        var secondOrg = (await a.Http.NewOrganisationAsync()).Str("id");

        // Reconnecting with Last-Event-ID resumes right after that event: nothing before it, nothing missed.
        using (var resumed = await OpenStreamAsync(a, firstId, cts.Token))
        {
            var seen = new List<SseEvent>();
            var next = await resumed.Reader.ReadEventUntilAsync(e => e.Type == "organisation.created", seen, cts.Token);
            Assert.Equal(secondOrg, next.Json.Str("subject_id"));
            Assert.All(seen, e => Assert.True(long.Parse(e.Id!, CultureInfo.InvariantCulture) > long.Parse(firstId, CultureInfo.InvariantCulture)));
            Assert.DoesNotContain(seen, e => e.Type == "account.created" || e.Json.Str("subject_id") == firstOrg);
        }
    }

    [StewardFact]
    public async Task The_stream_carries_only_the_accounts_own_events()
    {
        using var a = await factory.NewTenantAsync();
        using var b = await factory.NewTenantAsync();
        using var cts = new CancellationTokenSource(StreamTimeout);
        using var stream = await OpenStreamAsync(a, null, cts.Token);

        await b.Http.NewOrganisationAsync();
        var mine = (await a.Http.NewOrganisationAsync()).Str("id");

        var seen = new List<SseEvent>();
        await stream.Reader.ReadEventUntilAsync(e => e.Type == "organisation.created" && e.Json.Str("subject_id") == mine, seen, cts.Token);
        Assert.All(seen, e => Assert.Equal(a.Id, e.Json.Str("account_id")));
    }

    private async Task<OpenStream> OpenStreamAsync(Tenant tenant, string? lastEventId, CancellationToken ct)
    {
        var client = factory.ClientWithToken(tenant.Account.Token);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/events/stream", UriKind.Relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        return new OpenStream(client, response, reader);
    }

    private sealed class OpenStream(HttpClient client, HttpResponseMessage response, StreamReader reader) : IDisposable
    {
        public HttpResponseMessage Response { get; } = response;

        public StreamReader Reader { get; } = reader;

        public void Dispose()
        {
            Reader.Dispose();
            Response.Dispose();
            client.Dispose();
        }
    }
}
