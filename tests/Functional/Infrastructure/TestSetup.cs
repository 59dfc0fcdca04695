using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Steward.Functional.Infrastructure;

/// <summary>An account made for one test, with its credential and a token.</summary>
public sealed record TestAccount(string Id, string Name, string ApiKey, string ApiSecret, string Token);

/// <summary>Helpers that set up data over real HTTP, the way a client would.</summary>
public static class TestSetup
{
    /// <summary>Exchanges a key and secret for an access token (client_credentials).</summary>
    public static async Task<string> TokenAsync(this HttpClient client, string key, string secret)
    {
        using var response = await client.PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = key,
            ["client_secret"] = secret,
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    public static Task<string> RootTokenAsync(this StewardFactory factory) =>
        factory.CreateClient().TokenAsync(StewardFactory.RootKey, StewardFactory.RootSecret);

    /// <summary>An HTTP client that sends <c>Authorization: Bearer token</c>.</summary>
    public static HttpClient ClientWithToken(this StewardFactory factory, string token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Creates a new account as root and returns it with a token of its own.</summary>
    public static async Task<TestAccount> NewAccountAsync(this StewardFactory factory, string? name = null)
    {
        name ??= "acct-" + Guid.NewGuid().ToString("N")[..8];
        using var root = factory.ClientWithToken(await factory.RootTokenAsync());
        using var response = await root.PostAsJsonAsync("/api/v1/accounts", new { name, email = name + "@example.com" });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        using var json = JsonDocument.Parse(body);
        var key = json.RootElement.GetProperty("api_key").GetString()!;
        var secret = json.RootElement.GetProperty("api_secret").GetString()!;
        var token = await factory.CreateClient().TokenAsync(key, secret);
        return new TestAccount(json.RootElement.GetProperty("id").GetString()!, name, key, secret, token);
    }

    /// <summary>Reads a JSON response body, failing the test with the body when the status is not the expected one.</summary>
    public static async Task<JsonElement> ExpectJsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected} but got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }
}
