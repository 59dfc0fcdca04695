using System.Net;
using Steward.Functional.Infrastructure;
using Steward.Functional.Native;

namespace Steward.Functional.Kandy;

/// <summary>
/// Brute-force protection of the Kandy calls that take a key's secret: the key is locked after five wrong
/// secrets, whichever call they were sent to (and at <c>/oauth/token</c> too), and a locked attempt is answered
/// HTTP 429, status 11, with Retry-After.
/// </summary>
public sealed class KandySignInProtectionTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task Wrong_secrets_lock_the_key_with_status_11_and_the_right_secret_works_after()
    {
        var a = await factory.NewAccountAsync();
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await GetAsync($"/v1.2/accounts/accesstokens?key={a.ApiKey}&account_api_secret=AASwrong{i}", "198.51.100.201");
            await wrong.ExpectKandyErrorAsync(HttpStatusCode.Unauthorized, 4);
        }

        using (var locked = await GetAsync($"/v1.2/accounts/accesstokens?key={a.ApiKey}&account_api_secret={a.ApiSecret}", "198.51.100.201"))
        {
            var body = await locked.ExpectKandyErrorAsync(HttpStatusCode.TooManyRequests, 11);
            Assert.Equal("Too many failed sign-in attempts; try again in 1 s.", body.Str("message"));
            Assert.Equal(TimeSpan.FromSeconds(1), locked.Headers.RetryAfter?.Delta);
            Assert.Equal(["status", "message"], body.Names());
        }

        factory.Time.Advance(TimeSpan.FromSeconds(1));
        using var right = await GetAsync($"/v1.2/accounts/accesstokens?key={a.ApiKey}&account_api_secret={a.ApiSecret}", "198.51.100.201");
        var token = (await right.ExpectJsonAsync(HttpStatusCode.OK)).GetProperty("result").Str("account_access_token");
        Assert.StartsWith("AAT", token, StringComparison.Ordinal);
    }

    [StewardFact]
    public async Task A_key_is_one_name_across_the_kandy_calls_and_oauth()
    {
        var a = await factory.NewAccountAsync();
        for (var i = 0; i < 3; i++)
        {
            (await GetAsync($"/v1.2/accounts/accesstokens?key={a.ApiKey}&account_api_secret=AASwrong", "198.51.100.202")).Dispose();
        }

        using (var client = factory.CreateClient())
        {
            for (var i = 0; i < 2; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
                {
                    Content = new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["grant_type"] = "client_credentials",
                        ["client_id"] = a.ApiKey,
                        ["client_secret"] = "AASwrong",
                    }),
                };
                request.Headers.Add(StewardFactory.ClientAddressHeader, "198.51.100.203");
                (await client.SendAsync(request)).Dispose();
            }
        }

        using var locked = await GetAsync($"/v1.2/accounts/accesstokens?key={a.ApiKey}&account_api_secret={a.ApiSecret}", "198.51.100.204");
        await locked.ExpectKandyErrorAsync(HttpStatusCode.TooManyRequests, 11);
    }

    [StewardFact]
    public async Task A_users_key_sent_alone_is_counted_per_address()
    {
        for (var i = 0; i < 20; i++)
        {
            using var wrong = await SendAsync(HttpMethod.Delete, $"/v1.2/domains/users?key=UAKnosuchkey{i}", "198.51.100.205");
            await wrong.ExpectKandyErrorAsync(HttpStatusCode.Unauthorized, 4);
        }

        using var locked = await SendAsync(HttpMethod.Delete, "/v1.2/domains/users?key=UAKanother", "198.51.100.205");
        await locked.ExpectKandyErrorAsync(HttpStatusCode.TooManyRequests, 11);
    }

    [StewardFact]
    public async Task Calls_with_an_access_token_are_not_counted()
    {
        for (var i = 0; i < 25; i++)
        {
            using var wrong = await GetAsync("/v1.2/accounts/domains?key=AATnotatoken" + i, "198.51.100.206");
            await wrong.ExpectKandyErrorAsync(HttpStatusCode.Unauthorized, 4);
        }
    }

    private Task<HttpResponseMessage> GetAsync(string url, string address) => SendAsync(HttpMethod.Get, url, address);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string address)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Add(StewardFactory.ClientAddressHeader, address);
        return await client.SendAsync(request);
    }
}
