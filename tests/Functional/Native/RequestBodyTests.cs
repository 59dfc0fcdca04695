using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Steward.Functional.Infrastructure;

namespace Steward.Functional.Native;

/// <summary>A Steward on a real Kestrel port, for bodies only a real connection can carry.</summary>
public sealed class KestrelServer : IDisposable
{
    public StewardFactory Factory { get; } = StewardFactory.OnKestrel();

    public void Dispose() => Factory.Dispose();
}

/// <summary>
/// Bodies that cannot be read are told what happened, on every surface: malformed chunked framing is 400, a
/// body that stalls is 408 (Kestrel's minimum data rate), a body over the limit is still 413; a key given twice
/// is 400 naming the key; and none of these is logged as a server failure.
/// </summary>
public sealed class RequestBodyTests(KestrelServer server) : IClassFixture<KestrelServer>
{
    private static readonly byte[] MalformedChunks = Encoding.ASCII.GetBytes("zz\r\n{}\r\n0\r\n\r\n");

    private StewardFactory Factory => server.Factory;

    [StewardFact]
    public async Task Malformed_chunked_framing_is_400_in_each_surfaces_style()
    {
        var logged = Factory.Logs.Entries.Count;
        var a = await Factory.NewAccountAsync();
        var kandyToken = await KandyTokenAsync(a);

        var native = await RawHttp.SendAsync(Factory.ServerAddress, Post("/api/v1/organisations", "application/json", a.Token) + "Transfer-Encoding: chunked", [MalformedChunks]);
        Assert.Equal(400, native.Status);
        using (var problem = JsonDocument.Parse(native.Body))
        {
            Assert.Equal("validation", problem.RootElement.Str("code"));
            Assert.Contains("could not be read", problem.RootElement.GetProperty("errors").GetProperty("body")[0].GetString(), StringComparison.Ordinal);
        }

        var kandy = await RawHttp.SendAsync(Factory.ServerAddress, Post("/v1.2/accounts/domains?key=" + kandyToken, "application/json") + "Transfer-Encoding: chunked", [MalformedChunks]);
        Assert.Equal(400, kandy.Status);
        Assert.Equal(2, Json(kandy).Number("status"));

        var oauth = await RawHttp.SendAsync(Factory.ServerAddress, Post("/oauth/token", "application/x-www-form-urlencoded") + "Transfer-Encoding: chunked", [MalformedChunks]);
        Assert.Equal(400, oauth.Status);
        Assert.Equal("invalid_request", Json(oauth).Str("error"));
        Assert.Contains("could not be read", Json(oauth).Str("error_description"), StringComparison.Ordinal);

        AssertNoServerFailureLogged(logged);
    }

    [StewardFact]
    public async Task A_body_that_stalls_is_408_in_each_surfaces_style()
    {
        var logged = Factory.Logs.Entries.Count;
        var a = await Factory.NewAccountAsync();
        var kandyToken = await KandyTokenAsync(a);
        var stall = TimeSpan.FromSeconds(30);
        var first = Encoding.ASCII.GetBytes("{\"name\":");

        // Kestrel gives up on a body that falls under its minimum rate after a grace period of a few seconds.
        var answers = await Task.WhenAll(
            RawHttp.SendAsync(Factory.ServerAddress, Post("/api/v1/organisations", "application/json", a.Token) + "Content-Length: 100", [first, new byte[92]], stall),
            RawHttp.SendAsync(Factory.ServerAddress, Post("/v1.2/accounts/domains?key=" + kandyToken, "application/json") + "Content-Length: 100", [first, new byte[92]], stall),
            RawHttp.SendAsync(Factory.ServerAddress, Post("/oauth/token", "application/x-www-form-urlencoded") + "Content-Length: 100", [first, new byte[92]], stall));

        var (native, kandy, oauth) = (answers[0], answers[1], answers[2]);
        Assert.Equal(408, native.Status);
        Assert.Equal("request-timeout", Json(native).Str("code"));
        Assert.Equal(408, kandy.Status);
        Assert.Equal(12, Json(kandy).Number("status"));
        Assert.Equal(408, oauth.Status);
        Assert.Equal("invalid_request", Json(oauth).Str("error"));
        Assert.Contains("too slowly", Json(oauth).Str("error_description"), StringComparison.Ordinal);
        AssertNoServerFailureLogged(logged);
    }

    [StewardFact]
    public async Task A_body_over_the_limit_is_still_413_declared_or_chunked()
    {
        var a = await Factory.NewAccountAsync();
        var kandyToken = await KandyTokenAsync(a);
        var large = Encoding.ASCII.GetBytes("{\"name\":\"" + new string('a', 100 * 1024) + "\"}");

        var declared = await RawHttp.SendAsync(Factory.ServerAddress, Post("/api/v1/organisations", "application/json", a.Token) + $"Content-Length: {large.Length}", [large]);
        Assert.Equal(413, declared.Status);
        Assert.Equal("limit-reached", Json(declared).Str("code"));

        var chunked = await RawHttp.SendAsync(Factory.ServerAddress, Post("/api/v1/organisations", "application/json", a.Token) + "Transfer-Encoding: chunked", [RawHttp.Chunked(Encoding.ASCII.GetString(large))]);
        Assert.Equal(413, chunked.Status);

        var kandy = await RawHttp.SendAsync(Factory.ServerAddress, Post("/v1.2/accounts/domains?key=" + kandyToken, "application/json") + $"Content-Length: {large.Length}", [large]);
        Assert.Equal(413, kandy.Status);
        Assert.Equal(9, Json(kandy).Number("status"));
    }

    [StewardFact]
    public async Task An_idempotent_request_with_a_body_over_a_mebibyte_is_413_and_logs_no_failure()
    {
        var logged = Factory.Logs.Entries.Count;
        var a = await Factory.NewAccountAsync();
        var huge = "{\"name\":\"" + new string('a', 1100 * 1024) + "\"}";
        for (var i = 0; i < 3; i++)
        {
            var head = Post("/api/v1/organisations", "application/json", a.Token) + $"Idempotency-Key: big-{i}\r\n";
            var declared = await RawHttp.SendAsync(Factory.ServerAddress, head + $"Content-Length: {huge.Length}", [Encoding.ASCII.GetBytes(huge)]);
            Assert.Equal(413, declared.Status);
            var chunked = await RawHttp.SendAsync(Factory.ServerAddress, head + "Transfer-Encoding: chunked", [RawHttp.Chunked(huge[..(512 * 1024)], huge[(512 * 1024)..])]);
            Assert.Equal(413, chunked.Status);
        }

        // The key was not taken: the same key with a body that fits runs the request.
        using var http = Factory.ClientWithToken(a.Token);
        using var fits = await http.PostJsonAsync("/api/v1/organisations", new { name = NativeKit.Unique("org") }, idempotencyKey: "big-0");
        await fits.ExpectJsonAsync(HttpStatusCode.Created);
        AssertNoServerFailureLogged(logged);
    }

    [StewardFact]
    public async Task An_oauth_form_that_cannot_be_read_is_told_so_not_that_its_type_is_wrong()
    {
        var fields = Enumerable.Range(0, 1100).Select(i => new KeyValuePair<string, string>("f" + i, "v")).Prepend(new("grant_type", "client_credentials"));
        using var client = Factory.CreateClient();
        using var response = await client.PostAsync("/oauth/token", new FormUrlEncodedContent(fields));

        var body = await response.ExpectJsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("invalid_request", body.Str("error"));
        Assert.Equal("The form body could not be read: it has too many fields, or a field name or value that is too long.", body.Str("error_description"));

        using var notAForm = await client.PostAsync("/oauth/token", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Contains("application/x-www-form-urlencoded", (await notAForm.ExpectJsonAsync(HttpStatusCode.BadRequest)).Str("error_description"), StringComparison.Ordinal);
    }

    [StewardFact]
    public async Task A_key_given_twice_is_refused_naming_the_key()
    {
        var a = await Factory.NewAccountAsync();
        using var http = Factory.ClientWithToken(a.Token);
        using var native = await http.SendRawAsync(HttpMethod.Post, "/api/v1/organisations", "{\"name\":\"first\",\"name\":\"second\"}");
        var problem = await native.ExpectJsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("validation", problem.Str("code"));
        Assert.Equal("name is given more than once; send each field once.", problem.GetProperty("errors").GetProperty("name")[0].GetString());
        using var list = await http.GetAsync("/api/v1/organisations");
        Assert.Empty((await list.ExpectJsonAsync(HttpStatusCode.OK)).Items());

        var kandyToken = await KandyTokenAsync(a);
        using var client = Factory.CreateClient();
        using var kandy = await client.PostAsync(
            "/v1.2/accounts/domains?key=" + kandyToken,
            new StringContent("{\"domain_name\":\"a.example.com\",\"project_name\":\"p\",\"domain_name\":\"b.example.com\"}", Encoding.UTF8, "application/json"));
        var envelope = await kandy.ExpectJsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(2, envelope.Number("status"));
        Assert.Equal("domain_name is given more than once; send each field once.", envelope.Str("message"));
    }

    private static string Post(string path, string contentType, string? bearer = null) =>
        $"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: {contentType}\r\n" + (bearer is null ? "" : $"Authorization: Bearer {bearer}\r\n");

    private static JsonElement Json(RawResponse response) => JsonDocument.Parse(response.Body).RootElement.Clone();

    private async Task<string> KandyTokenAsync(TestAccount a)
    {
        using var client = Factory.CreateClient();
        using var response = await client.GetAsync($"/v1.2/accounts/accesstokens?key={a.ApiKey}&account_api_secret={a.ApiSecret}");
        return (await response.ExpectJsonAsync(HttpStatusCode.OK)).GetProperty("result").Str("account_access_token");
    }

    /// <summary>Nothing at error level since the test began (a fresh PostgreSQL database logs one at start-up: EF's migration probe).</summary>
    private void AssertNoServerFailureLogged(int since)
    {
        var failures = Factory.Logs.Entries.Skip(since).Where(e => e.Level >= LogLevel.Error).ToList();
        Assert.True(failures.Count == 0, "logged as failures: " + string.Join("\n", failures.Select(f => $"{f.Category}: {f.Message} {f.Exception?.GetType().Name}")));
    }
}
