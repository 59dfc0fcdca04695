using System.Net;
using System.Text.Json;
using Steward.Client.Kandy;
using Steward.Functional.Infrastructure;

namespace Steward.Functional.Kandy;

/// <summary>An account seen through the Kandy face: the SDK clients, the account's credential and an account access token.</summary>
public sealed record KandySession(
    StewardFactory Factory,
    HttpClient Http,
    TestAccount Native,
    KandyAccount Account,
    KandyDomain Domain,
    KandyUser User,
    string AccountToken);

/// <summary>A domain created for one test, with a domain access token.</summary>
public sealed record KandyTestDomain(KandyDomainInfo Info, string Token)
{
    public string Key => Info.DomainApiKey;

    public string Secret => Info.DomainApiSecret;

    public string Name => Info.DomainName;
}

/// <summary>Set-up and assertion helpers for the Kandy tests; each test makes its own account and data.</summary>
public static class KandyKit
{
    /// <summary>A fresh account (made over the native API, as a portal would) and an account access token from the Kandy face.</summary>
    public static async Task<KandySession> NewKandySessionAsync(this StewardFactory factory)
    {
        var native = await factory.NewAccountAsync();
        var http = factory.CreateClient();
        var account = new KandyAccount(http);
        var token = (await account.GetAccountAccessTokenAsync(native.ApiKey, native.ApiSecret)).Ok().AccountAccessToken;
        return new KandySession(factory, http, native, account, new KandyDomain(http), new KandyUser(http), token);
    }

    /// <summary>A domain name nobody else uses on this server.</summary>
    public static string UniqueDomainName(string prefix = "d") => $"{prefix}{Guid.NewGuid():N}".ToLowerInvariant()[..20] + ".example.com";

    /// <summary>Creates a domain through the Kandy face and gets a domain access token for it.</summary>
    public static async Task<KandyTestDomain> NewDomainAsync(this KandySession s, string? name = null, string? projectName = null)
    {
        var info = (await s.Account.CreateDomainAsync(s.AccountToken, name ?? UniqueDomainName(), projectName)).Ok();
        var token = (await s.Domain.GetDomainAccessTokenAsync(info.DomainApiKey, info.DomainApiSecret)).Ok().DomainAccessToken;
        return new KandyTestDomain(info, token);
    }

    /// <summary>Creates a user by id in the domain.</summary>
    public static async Task<KandyCreatedUser> NewUserAsync(this KandySession s, KandyTestDomain domain, string? userId = null, string? password = null) =>
        (await s.Domain.CreateUserByUserIdAsync(domain.Token, new KandyUserDetails
        {
            UserId = userId ?? "u" + Guid.NewGuid().ToString("N")[..10],
            UserCountryCode = "US",
            UserPassword = password,
        })).Ok();

    /// <summary>A user access token for a user of the domain.</summary>
    public static async Task<string> UserTokenAsync(this KandySession s, KandyTestDomain domain, string userId) =>
        (await s.User.GetUserAccessTokenAsync(domain.Key, domain.Secret, userId)).Ok().UserAccessToken;

    /// <summary>Asserts a successful Kandy answer and returns its result.</summary>
    public static T Ok<T>(this KandyResponse<T> response)
        where T : class
    {
        Assert.True(response.Status == 0, $"expected status 0 but got {response.Status} (HTTP {(int)response.HttpStatus}): {response.Message}");
        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.Equal("success", response.Message);
        Assert.NotNull(response.Result);
        return response.Result!;
    }

    /// <summary>Asserts a successful Kandy answer without a result, with the given message.</summary>
    public static void Done(this KandyResponse response, string message = "success")
    {
        Assert.True(response.Status == 0, $"expected status 0 but got {response.Status} (HTTP {(int)response.HttpStatus}): {response.Message}");
        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.Equal(message, response.Message);
    }

    /// <summary>Asserts a Kandy error answer from the SDK: HTTP status, Kandy status, and a message that says something.</summary>
    public static string Fails(this KandyResponse response, HttpStatusCode http, int status)
    {
        Assert.True(
            response.HttpStatus == http && response.Status == status,
            $"expected HTTP {(int)http} status {status} but got HTTP {(int)response.HttpStatus} status {response.Status}: {response.Message}");
        Assert.False(string.IsNullOrWhiteSpace(response.Message));
        return response.Message;
    }

    /// <summary>Asserts a raw Kandy error envelope: HTTP status, Kandy status, a message, JSON content.</summary>
    public static async Task<JsonElement> ExpectKandyErrorAsync(this HttpResponseMessage response, HttpStatusCode http, int status)
    {
        var json = await response.ExpectJsonAsync(http);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(JsonValueKind.Object, json.ValueKind);
        Assert.Equal(status, json.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("message").GetString()));
        return json;
    }

    /// <summary>The property names of a JSON object, in order.</summary>
    public static string[] Names(this JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();

    public static string Q(string value) => Uri.EscapeDataString(value);
}
