using System.Net;
using System.Net.Http.Headers;
using Steward.Functional.Infrastructure;

namespace Steward.Functional.Native;

/// <summary>Bearer authentication of <c>/api/v1</c>: every refused token is a 401 problem with a <c>WWW-Authenticate</c> challenge.</summary>
public sealed class AuthenticationTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    private async Task ExpectChallengeAsync(AuthenticationHeaderValue? authorization, string url = "/api/v1/organisations")
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        request.Headers.Authorization = authorization;
        using var response = await client.SendAsync(request);
        await response.ExpectProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
    }

    [StewardFact]
    public async Task A_missing_token_is_401_with_a_challenge()
    {
        await ExpectChallengeAsync(null);
        await ExpectChallengeAsync(null, "/api/v1/events/stream");
        await ExpectChallengeAsync(null, "/api/v1/tokens/current");
        await ExpectChallengeAsync(null, "/api/v1/accounts");
    }

    [StewardFact]
    public async Task Another_scheme_is_401()
    {
        using var a = await factory.NewTenantAsync();
        await ExpectChallengeAsync(NativeKit.Basic(a.Account.ApiKey, a.Account.ApiSecret));
    }

    [StewardTheory]
    [InlineData("garbage")]
    [InlineData("AATgarbage")]
    [InlineData("x")]
    public async Task A_garbage_token_is_401(string token)
    {
        await ExpectChallengeAsync(new AuthenticationHeaderValue("Bearer", token));
    }

    [StewardFact]
    public async Task A_tampered_token_is_401()
    {
        using var a = await factory.NewTenantAsync();
        var token = a.Account.Token;
        var middle = token.Length / 2;
        var tampered = token[..middle] + (token[middle] == 'A' ? 'B' : 'A') + token[(middle + 1)..];
        await ExpectChallengeAsync(new AuthenticationHeaderValue("Bearer", tampered));

        // A token of one kind relabelled as another is refused too.
        await ExpectChallengeAsync(new AuthenticationHeaderValue("Bearer", "RAT" + token[3..]));
    }

    [StewardFact]
    public async Task An_expired_token_is_401()
    {
        using var a = await factory.NewTenantAsync();
        var token = await factory.CreateClient().TokenAsync(a.Account.ApiKey, a.Account.ApiSecret);
        Assert.Equal(HttpStatusCode.OK, await factory.TokenStatusAsync(token));

        factory.Time.Advance(TimeSpan.FromHours(2));

        await ExpectChallengeAsync(new AuthenticationHeaderValue("Bearer", token));
        using var client = factory.ClientWithToken(token);
        using var response = await client.GetAsync(new Uri("/api/v1/tokens/current", UriKind.Relative));
        Assert.Contains("invalid_token", Assert.Single(response.Headers.WwwAuthenticate).Parameter, StringComparison.Ordinal);

        // The credential itself still works: a new token is valid.
        var fresh = await factory.CreateClient().TokenAsync(a.Account.ApiKey, a.Account.ApiSecret);
        Assert.Equal(HttpStatusCode.OK, await factory.TokenStatusAsync(fresh));
    }

    [StewardFact]
    public async Task A_revoked_token_is_401()
    {
        using var a = await factory.NewTenantAsync();
        var token = await factory.CreateClient().TokenAsync(a.Account.ApiKey, a.Account.ApiSecret);
        using (var client = factory.ClientWithToken(token))
        {
            await client.ExpectAsync(HttpMethod.Delete, "/api/v1/tokens/current", HttpStatusCode.NoContent);
        }

        await ExpectChallengeAsync(new AuthenticationHeaderValue("Bearer", token));
        await ExpectChallengeAsync(new AuthenticationHeaderValue("Bearer", token), "/api/v1/tokens/current");
    }

    [StewardFact]
    public async Task A_deleted_users_token_is_401()
    {
        using var a = await factory.NewTenantAsync();
        var userId = (await a.Http.NewUserAsync()).Str("id");
        var token = await a.Http.MintUserTokenAsync(userId);
        Assert.Equal(HttpStatusCode.OK, await factory.TokenStatusAsync(token));

        await a.Http.ExpectAsync(HttpMethod.Delete, "/api/v1/users/" + userId, HttpStatusCode.NoContent);

        await ExpectChallengeAsync(new AuthenticationHeaderValue("Bearer", token));
    }

    [StewardFact]
    public async Task The_OAuth_and_health_endpoints_need_no_token()
    {
        using var client = factory.CreateClient();
        await client.GetOkAsync("/healthz");
        using var response = await client.PostFormAsync("/oauth/token", new()
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = StewardFactory.RootKey,
            ["client_secret"] = StewardFactory.RootSecret,
        });
        Assert.StartsWith("RAT", (await response.ExpectJsonAsync(HttpStatusCode.OK)).Str("access_token"), StringComparison.Ordinal);
    }
}
