using System.Net;
using Steward.Functional.Infrastructure;

namespace Steward.Functional.Native;

/// <summary><c>/api/v1/tokens</c>: mint a user token, describe the caller's token, sign out.</summary>
public sealed class TokensTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task The_account_mints_a_token_for_its_user()
    {
        using var a = await factory.NewTenantAsync();
        var orgId = (await a.Http.NewOrganisationAsync()).Str("id");
        var userId = (await a.Http.NewUserAsync(organisationId: orgId)).Str("id");

        using var minted = await a.Http.PostJsonAsync("/api/v1/tokens", new { user_id = userId });
        var body = await minted.ExpectJsonAsync(HttpStatusCode.Created);
        var token = body.Str("access_token");
        Assert.StartsWith("UAT", token, StringComparison.Ordinal);
        Assert.Equal("Bearer", body.Str("token_type"));
        Assert.InRange(body.Number("expires_in"), 3500, 3600);

        using var user = factory.ClientWithToken(token);
        var current = await user.GetOkAsync("/api/v1/tokens/current");
        Assert.Equal("user", current.Str("kind"));
        Assert.Equal(userId, current.Str("subject"));
        Assert.Equal(a.Id, current.Str("account_id"));
        Assert.Equal(orgId, current.Str("organisation_id"));
        Assert.StartsWith("token-", current.Str("token_id"), StringComparison.Ordinal);
        Assert.Equal(userId, (await user.GetOkAsync("/api/v1/users/" + userId)).Str("id"));
    }

    [StewardFact]
    public async Task Current_describes_an_account_token()
    {
        using var a = await factory.NewTenantAsync();
        var current = await a.Http.GetOkAsync("/api/v1/tokens/current");
        Assert.Equal("account", current.Str("kind"));
        Assert.Equal(a.Id, current.Str("subject"));
        Assert.Equal(a.Id, current.Str("account_id"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, current.GetProperty("organisation_id").ValueKind);
        Assert.StartsWith("cred-", current.Str("credential_id"), StringComparison.Ordinal);
        Assert.True(current.GetProperty("expires_at").GetDateTimeOffset() > factory.Time.GetUtcNow());
    }

    [StewardFact]
    public async Task Delete_current_revokes_only_that_token()
    {
        using var a = await factory.NewTenantAsync();
        var other = await factory.CreateClient().TokenAsync(a.Account.ApiKey, a.Account.ApiSecret);
        var token = await factory.CreateClient().TokenAsync(a.Account.ApiKey, a.Account.ApiSecret);
        using var client = factory.ClientWithToken(token);

        await client.ExpectAsync(HttpMethod.Delete, "/api/v1/tokens/current", HttpStatusCode.NoContent);

        Assert.Equal(HttpStatusCode.Unauthorized, await factory.TokenStatusAsync(token));
        Assert.Equal(HttpStatusCode.OK, await factory.TokenStatusAsync(other));
        Assert.Equal(HttpStatusCode.OK, await factory.TokenStatusAsync(a.Account.Token));
    }

    [StewardFact]
    public async Task A_user_signs_out_with_its_minted_token()
    {
        using var a = await factory.NewTenantAsync();
        var userId = (await a.Http.NewUserAsync()).Str("id");
        var token = await a.Http.MintUserTokenAsync(userId);
        using var user = factory.ClientWithToken(token);

        await user.ExpectAsync(HttpMethod.Delete, "/api/v1/tokens/current", HttpStatusCode.NoContent);

        Assert.Equal(HttpStatusCode.Unauthorized, await factory.TokenStatusAsync(token));
        Assert.Equal(HttpStatusCode.OK, await factory.TokenStatusAsync(a.Account.Token));
    }

    [StewardFact]
    public async Task Minting_needs_a_user_the_caller_manages()
    {
        using var a = await factory.NewTenantAsync();
        using (var missing = await a.Http.PostJsonAsync("/api/v1/tokens", new { }))
        {
            await missing.ExpectValidationAsync("user_id");
        }

        using (var wrongKind = await a.Http.PostJsonAsync("/api/v1/tokens", new { user_id = a.Id }))
        {
            await wrongKind.ExpectValidationAsync("user_id");
        }

        await a.Http.ExpectProblemAsync(HttpMethod.Post, "/api/v1/tokens", HttpStatusCode.NotFound, new { user_id = NativeKit.UnknownId("user") }, "not-found");

        // A user cannot mint a token for another user of the account.
        var one = (await a.Http.NewUserAsync()).Str("id");
        var two = (await a.Http.NewUserAsync()).Str("id");
        using var user = factory.ClientWithToken(await a.Http.MintUserTokenAsync(one));
        await user.ExpectProblemAsync(HttpMethod.Post, "/api/v1/tokens", HttpStatusCode.NotFound, new { user_id = two }, "not-found");
        await user.MintUserTokenAsync(one);
    }
}
