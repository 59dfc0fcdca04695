using System.Net;
using Steward.Functional.Infrastructure;

namespace Steward.Functional.Native;

/// <summary>A server whose sign-in rate and password checks are bounded tightly, so that the bounds show in a test.</summary>
public sealed class TightSignInLimits : IDisposable
{
    public StewardFactory Factory { get; } = StewardFactory.With(new Dictionary<string, string?>
    {
        ["Steward:BruteForce:RequestsPerSecond"] = "1",
        ["Steward:BruteForce:RequestBurst"] = "3",
        ["Steward:BruteForce:PasswordConcurrency"] = "1",
        ["Steward:BruteForce:PasswordQueueMilliseconds"] = "0",
    });

    public void Dispose() => Factory.Dispose();
}

/// <summary>
/// The request rate of sign-in endpoints (ASP.NET Core's rate limiter, a token bucket per client address) and
/// the bound on concurrent password checks: both answer 429 in the surface's style, with Retry-After.
/// </summary>
public sealed class SignInLimitsTests(TightSignInLimits server) : IClassFixture<TightSignInLimits>
{
    private StewardFactory Factory => server.Factory;

    [StewardFact]
    public async Task Token_requests_beyond_the_rate_are_refused_per_address_in_each_surfaces_style()
    {
        var a = await Factory.NewAccountAsync();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 10 && refused is null; i++)
        {
            var response = await TokenAsync(a.ApiKey, a.ApiSecret, "203.0.113.10");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.NotNull(refused);
        using (refused)
        {
            var body = await refused.ExpectJsonAsync(HttpStatusCode.TooManyRequests);
            Assert.Equal("slow_down", body.Str("error"));
            Assert.Contains("Too many sign-in requests from this address", body.Str("error_description"), StringComparison.Ordinal);
            Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        }

        // The bucket is the address's, over every sign-in endpoint: Kandy's token call is refused too, in its envelope.
        using var client = Factory.CreateClient();
        using var kandy = new HttpRequestMessage(HttpMethod.Get, $"/v1.2/accounts/accesstokens?key={a.ApiKey}&account_api_secret={a.ApiSecret}");
        kandy.Headers.Add(StewardFactory.ClientAddressHeader, "203.0.113.10");
        using var kandyRefused = await client.SendAsync(kandy);
        if (kandyRefused.StatusCode == HttpStatusCode.TooManyRequests)
        {
            Assert.Equal(11, (await kandyRefused.ExpectJsonAsync(HttpStatusCode.TooManyRequests)).Number("status"));
        }

        // Another address has its own bucket; the native API is no sign-in endpoint and is not limited.
        using var elsewhere = await TokenAsync(a.ApiKey, a.ApiSecret, "203.0.113.11");
        await elsewhere.ExpectJsonAsync(HttpStatusCode.OK);
        using var native = Factory.ClientWithToken(a.Token);
        for (var i = 0; i < 5; i++)
        {
            using var read = await native.GetAsync("/api/v1/tokens/current");
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }
    }

    [StewardFact]
    public async Task Password_checks_beyond_the_bound_are_refused_untried_not_queued_for_ever()
    {
        var tasks = Enumerable.Range(0, 48).Select(async i =>
        {
            using var client = Factory.CreateClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "password",
                    ["username"] = $"nobody{i}@nowhere.example",
                    ["password"] = "wrong password",
                }),
            };
            request.Headers.Add(StewardFactory.ClientAddressHeader, $"203.0.113.{100 + i}");
            using var response = await client.SendAsync(request);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(), RetryAfter: response.Headers.RetryAfter?.Delta);
        }).ToList();

        var answers = await Task.WhenAll(tasks);

        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.TooManyRequests, a.Body));
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.BadRequest);
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.TooManyRequests);
        var busy = answers.First(a => a.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.Contains("\"error\":\"slow_down\"", busy.Body, StringComparison.Ordinal);
        Assert.Contains("busy checking other passwords", busy.Body, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(1), busy.RetryAfter);
    }

    private async Task<HttpResponseMessage> TokenAsync(string key, string secret, string address)
    {
        using var client = Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = key,
                ["client_secret"] = secret,
            }),
        };
        request.Headers.Add(StewardFactory.ClientAddressHeader, address);
        return await client.SendAsync(request);
    }
}
