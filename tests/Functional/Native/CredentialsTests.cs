using System.Net;
using Steward.Functional.Infrastructure;

namespace Steward.Functional.Native;

/// <summary><c>/api/v1/credentials</c>: extra keys, rotation and revocation with immediate effect on tokens.</summary>
public sealed class CredentialsTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    private static Dictionary<string, string> ClientCredentials(string key, string secret) => new()
    {
        ["grant_type"] = "client_credentials",
        ["client_id"] = key,
        ["client_secret"] = secret,
    };

    [StewardFact]
    public async Task Create_list_and_get_an_extra_credential()
    {
        using var a = await factory.NewTenantAsync();
        using var created = await a.Http.PostJsonAsync("/api/v1/credentials", new { label = "ci" });
        var credential = await created.ExpectJsonAsync(HttpStatusCode.Created);
        var id = credential.Str("id");
        Assert.StartsWith("cred-", id, StringComparison.Ordinal);
        Assert.Equal("account", credential.Str("owner_kind"));
        Assert.Equal(a.Id, credential.Str("owner_id"));
        Assert.Equal("ci", credential.Str("label"));
        Assert.False(credential.GetProperty("is_primary").GetBoolean());
        Assert.StartsWith("AAK", credential.Str("api_key"), StringComparison.Ordinal);
        Assert.Equal("/api/v1/credentials/" + id, created.Headers.Location?.OriginalString);

        // It works as a client of /oauth/token, acting as the account.
        var token = await factory.CreateClient().TokenAsync(credential.Str("api_key"), credential.Str("api_secret"));
        using (var extra = factory.ClientWithToken(token))
        {
            Assert.Equal(a.Id, (await extra.GetOkAsync("/api/v1/tokens/current")).Str("subject"));
        }

        var listed = (await a.Http.GetOkAsync("/api/v1/credentials")).Items();
        Assert.Equal(2, listed.Count);
        Assert.Contains(listed, c => c.Str("id") == id);
        Assert.Contains(listed, c => c.Str("api_key") == a.Account.ApiKey && c.GetProperty("is_primary").GetBoolean());
        Assert.All(listed, c => Assert.False(c.TryGetProperty("api_secret", out _)));

        var read = await a.Http.GetOkAsync("/api/v1/credentials/" + id);
        Assert.Equal(credential.Str("api_key"), read.Str("api_key"));
        Assert.False(read.TryGetProperty("api_secret", out _));
    }

    [StewardFact]
    public async Task Credentials_for_an_organisation_and_a_user()
    {
        using var a = await factory.NewTenantAsync();
        var orgId = (await a.Http.NewOrganisationAsync()).Str("id");
        var userId = (await a.Http.NewUserAsync(organisationId: orgId)).Str("id");

        var orgCredential = await a.Http.NewCredentialAsync(orgId);
        Assert.Equal("organisation", orgCredential.Str("owner_kind"));
        Assert.StartsWith("DAK", orgCredential.Str("api_key"), StringComparison.Ordinal);
        var userCredential = await a.Http.NewCredentialAsync(userId);
        Assert.Equal("user", userCredential.Str("owner_kind"));

        Assert.Equal(2, (await a.Http.GetOkAsync("/api/v1/credentials?owner_id=" + orgId)).Items().Count);
        Assert.Equal(2, (await a.Http.GetOkAsync("/api/v1/credentials?owner_id=" + userId)).Items().Count);

        var token = await factory.CreateClient().TokenAsync(userCredential.Str("api_key"), userCredential.Str("api_secret"));
        using var user = factory.ClientWithToken(token);
        var current = await user.GetOkAsync("/api/v1/tokens/current");
        Assert.Equal(userId, current.Str("subject"));
        Assert.Equal(orgId, current.Str("organisation_id"));
    }

    [StewardFact]
    public async Task Rotate_replaces_the_secret_and_refuses_earlier_tokens_at_once()
    {
        using var a = await factory.NewTenantAsync();
        var credential = await a.Http.NewCredentialAsync();
        var key = credential.Str("api_key");
        var oldSecret = credential.Str("api_secret");
        using var anonymous = factory.CreateClient();
        var before = await anonymous.TokenAsync(key, oldSecret);
        Assert.Equal(HttpStatusCode.OK, await factory.TokenStatusAsync(before));

        using var rotated = await a.Http.PostAsync(new Uri($"/api/v1/credentials/{credential.Str("id")}/rotate", UriKind.Relative), null);
        var body = await rotated.ExpectJsonAsync(HttpStatusCode.OK);
        Assert.Equal(key, body.Str("api_key"));
        var newSecret = body.Str("api_secret");
        Assert.NotEqual(oldSecret, newSecret);

        // The token issued before the rotation is refused at once; the old secret no longer gets one.
        Assert.Equal(HttpStatusCode.Unauthorized, await factory.TokenStatusAsync(before));
        using (var old = await anonymous.PostFormAsync("/oauth/token", ClientCredentials(key, oldSecret)))
        {
            Assert.Equal("invalid_client", (await old.ExpectJsonAsync(HttpStatusCode.Unauthorized)).Str("error"));
        }

        // The new secret works, and so does the caller's own token (another credential).
        var after = await anonymous.TokenAsync(key, newSecret);
        Assert.Equal(HttpStatusCode.OK, await factory.TokenStatusAsync(after));
        Assert.Equal(HttpStatusCode.OK, await factory.TokenStatusAsync(a.Account.Token));
        Assert.NotEqual(JsonNullKind, (await a.Http.GetOkAsync("/api/v1/credentials/" + credential.Str("id"))).GetProperty("rotated_at").ValueKind);
    }

    [StewardFact]
    public async Task Revoke_refuses_the_credentials_tokens_at_once()
    {
        using var a = await factory.NewTenantAsync();
        var credential = await a.Http.NewCredentialAsync();
        using var anonymous = factory.CreateClient();
        var token = await anonymous.TokenAsync(credential.Str("api_key"), credential.Str("api_secret"));
        Assert.Equal(HttpStatusCode.OK, await factory.TokenStatusAsync(token));

        await a.Http.ExpectAsync(HttpMethod.Delete, "/api/v1/credentials/" + credential.Str("id"), HttpStatusCode.NoContent);

        Assert.Equal(HttpStatusCode.Unauthorized, await factory.TokenStatusAsync(token));
        using (var again = await anonymous.PostFormAsync("/oauth/token", ClientCredentials(credential.Str("api_key"), credential.Str("api_secret"))))
        {
            Assert.Equal("invalid_client", (await again.ExpectJsonAsync(HttpStatusCode.Unauthorized)).Str("error"));
        }

        var listed = (await a.Http.GetOkAsync("/api/v1/credentials")).Items();
        Assert.DoesNotContain(listed, c => c.Str("id") == credential.Str("id"));
        Assert.Equal(HttpStatusCode.OK, await factory.TokenStatusAsync(a.Account.Token));
    }

    [StewardFact]
    public async Task Rotating_a_revoked_or_unknown_credential_is_not_found()
    {
        using var a = await factory.NewTenantAsync();
        var credential = await a.Http.NewCredentialAsync();
        await a.Http.ExpectAsync(HttpMethod.Delete, "/api/v1/credentials/" + credential.Str("id"), HttpStatusCode.NoContent);
        await a.Http.ExpectProblemAsync(HttpMethod.Post, $"/api/v1/credentials/{credential.Str("id")}/rotate", HttpStatusCode.NotFound, code: "not-found");
        await a.Http.ExpectProblemAsync(HttpMethod.Post, $"/api/v1/credentials/{NativeKit.UnknownId("cred")}/rotate", HttpStatusCode.NotFound, code: "not-found");
    }

    [StewardFact]
    public async Task A_bad_owner_id_is_named()
    {
        using var a = await factory.NewTenantAsync();
        using var response = await a.Http.PostJsonAsync("/api/v1/credentials", new { owner_id = "nonsense" });
        await response.ExpectValidationAsync("owner_id");
        await a.Http.ExpectProblemAsync(HttpMethod.Post, "/api/v1/credentials", HttpStatusCode.NotFound, new { owner_id = NativeKit.UnknownId("org") }, "not-found");
        Assert.Single((await a.Http.GetOkAsync("/api/v1/credentials")).Items());
    }

    private const System.Text.Json.JsonValueKind JsonNullKind = System.Text.Json.JsonValueKind.Null;
}
