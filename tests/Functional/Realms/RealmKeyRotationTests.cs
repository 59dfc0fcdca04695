using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Steward.Core.Access;
using Steward.Core.Realms;
using Steward.Functional.Infrastructure;
using Steward.Functional.Native;
using Steward.Server.Faces.Realms;

namespace Steward.Functional.Realms;

/// <summary>
/// Signing keys: rotation keeps what the old key signed verifying until it expires, and the <c>BearerJwt</c>
/// scheme accepts a realm's token and refuses a tampered or expired one. These tests move the factory's clock,
/// so they have a factory of their own.
/// </summary>
public sealed class RealmKeyRotationTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task Rotation_keeps_old_tokens_verifying_until_they_expire()
    {
        using var realm = await factory.NewRealmAsync();
        var issuer = RealmKit.IssuerOf(realm.Slug);
        var before = await factory.PasswordTokenAsync(realm);
        var oldKid = new JsonWebToken(before).Kid;

        using var root = await factory.RootClientAsync();
        using var denied = await realm.Tenant.Http.PostJsonAsync("/api/v1/signing-keys/rotate", new { });
        await denied.ExpectProblemAsync(HttpStatusCode.Forbidden);
        using var rotated = await root.PostJsonAsync("/api/v1/signing-keys/rotate", new { });
        var keys = await rotated.ExpectJsonAsync(HttpStatusCode.OK);
        var newKid = keys.Str("active_key_id");
        Assert.NotEqual(oldKid, newKid);

        var after = await factory.PasswordTokenAsync(realm);
        Assert.Equal(newKid, new JsonWebToken(after).Kid);
        var jwks = await factory.JwksAsync(realm.Slug);
        Assert.Equal([newKid, oldKid], jwks.Keys.Select(k => k.Kid));
        foreach (var token in new[] { before, after })
        {
            var result = await RealmKit.ValidateAsync(token, jwks.GetSigningKeys(), issuer, factory.Time.GetUtcNow());
            Assert.True(result.IsValid, result.Exception?.Message);
        }

        // public_key is the key that signs now.
        var byPublicKey = await RealmKit.ValidateAsync(after, [await factory.PublicKeyAsync(realm.Slug)], issuer, factory.Time.GetUtcNow());
        Assert.True(byPublicKey.IsValid, byPublicKey.Exception?.Message);

        // Once every token of the old key has expired (and the clock margin passed), it is no longer published.
        factory.Time.Advance(TimeSpan.FromSeconds(300) + RealmKeys.Margin + TimeSpan.FromSeconds(1));
        Assert.Equal([newKid], (await factory.JwksAsync(realm.Slug)).Keys.Select(k => k.Kid));
    }

    [StewardFact]
    public async Task BearerJwt_accepts_a_realm_token_and_refuses_a_tampered_or_expired_one()
    {
        using var realm = await factory.NewRealmAsync();
        var token = await factory.PasswordTokenAsync(realm);

        var caller = await AuthenticateAsync(token);
        Assert.True(caller.IsSuccess, caller.Error?.Message);
        Assert.Equal(PrincipalKind.User, caller.Value!.Kind);
        Assert.Equal(realm.UserId, caller.Value.ActorId);

        // A changed payload no longer matches the signature.
        var parts = token.Split('.');
        var claims = System.Text.Json.Nodes.JsonNode.Parse(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(parts[1]))!;
        claims["preferred_username"] = "mallory";
        var tampered = parts[0] + "." + Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(claims.ToJsonString()) + "." + parts[2];
        Assert.Equal("The access token is not valid.", (await AuthenticateAsync(tampered)).Error?.Message);

        factory.Time.Advance(TimeSpan.FromSeconds(300) + TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.Equal("The access token has expired.", (await AuthenticateAsync(token)).Error?.Message);
    }

    [StewardFact]
    public async Task BearerJwt_makes_another_realms_token_a_caller_of_that_realms_account()
    {
        using var a = await factory.NewRealmAsync();
        using var b = await factory.NewRealmAsync();
        var caller = await AuthenticateAsync(await factory.PasswordTokenAsync(b, "/auth"));
        Assert.True(caller.IsSuccess, caller.Error?.Message);
        Assert.Equal(b.UserId, caller.Value!.ActorId);
        Assert.NotEqual(a.Tenant.Id, b.Tenant.Id);
        Assert.Equal(b.Tenant.Id, Steward.Core.Ids.PublicId.Of<Steward.Core.Tenancy.Account>(caller.Value.AccountId));

        // The account's own client credentials token is the account.
        using var client = factory.CreateClient();
        using var response = await client.TokenRequestAsync(a.Slug, RealmKit.ClientForm(a.Tenant.Account.ApiKey, a.Tenant.Account.ApiSecret));
        var account = await AuthenticateAsync((await response.ExpectJsonAsync(HttpStatusCode.OK)).Str("access_token"));
        Assert.Equal(PrincipalKind.Account, account.Value!.Kind);
    }

    private async Task<Steward.Core.Results.Result<Principal?>> AuthenticateAsync(string token)
    {
        using var scope = factory.Services.CreateScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Headers.Authorization = "Bearer " + token;
        return await RealmSigning.Bearer(scope.ServiceProvider.GetRequiredService<RealmService>()).AuthenticateAsync(http);
    }
}
