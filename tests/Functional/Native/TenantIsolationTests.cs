using System.Net;
using System.Text.Json;
using Steward.Functional.Infrastructure;

namespace Steward.Functional.Native;

/// <summary>
/// Another tenant's resources do not exist for a caller: reads, lists, changes and deletes all answer
/// 404 (never 403, never 200) and change nothing. Narrower principals (organisation, user) see only
/// their own part of the account.
/// </summary>
public sealed class TenantIsolationTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    /// <summary>Account A with one of everything, and the ids of it all.</summary>
    private sealed record World(Tenant A, string OrgId, string UnitId, string UserId, string DeviceId, string CredentialId, string MemberId);

    private async Task<World> BuildAsync()
    {
        var a = await factory.NewTenantAsync();
        var orgId = (await a.Http.NewOrganisationAsync()).Str("id");
        var unitId = (await a.Http.NewUnitAsync(orgId, billingDay: 5)).Str("id");
        var userId = (await a.Http.NewUserAsync(organisationId: orgId)).Str("id");
        var deviceId = (await a.Http.NewDeviceAsync(userId)).Str("id");
        var credentialId = (await a.Http.NewCredentialAsync(orgId)).Str("id");
        var memberId = (await a.Http.NewUserAsync()).Str("id");
        await a.Http.AddMemberAsync(orgId, memberId, "admin");
        return new World(a, orgId, unitId, userId, deviceId, credentialId, memberId);
    }

    /// <summary>Everything of A, as A reads it, so that a later read can prove nothing changed.</summary>
    private static async Task<string> SnapshotAsync(World w)
    {
        var http = w.A.Http;
        var parts = new List<JsonElement>
        {
            await http.GetOkAsync("/api/v1/accounts/" + w.A.Id),
            await http.GetOkAsync("/api/v1/organisations/" + w.OrgId),
            await http.GetOkAsync("/api/v1/units/" + w.UnitId),
            await http.GetOkAsync("/api/v1/users/" + w.UserId),
            await http.GetOkAsync("/api/v1/users/" + w.MemberId),
            await http.GetOkAsync("/api/v1/devices/" + w.DeviceId),
            await http.GetOkAsync("/api/v1/credentials/" + w.CredentialId),
            await http.GetOkAsync($"/api/v1/organisations/{w.OrgId}/memberships"),
            await http.GetOkAsync($"/api/v1/organisations/{w.OrgId}/units"),
            await http.GetOkAsync("/api/v1/organisations"),
            await http.GetOkAsync("/api/v1/users"),
            await http.GetOkAsync($"/api/v1/users/{w.UserId}/devices"),
            await http.GetOkAsync("/api/v1/credentials?owner_id=" + w.OrgId),
        };
        return string.Join("\n", parts.Select(p => p.GetRawText()));
    }

    [StewardFact]
    public async Task Another_account_gets_404_for_every_read()
    {
        var w = await BuildAsync();
        using var a = w.A;
        using var b = await factory.NewTenantAsync();

        foreach (var url in new[]
        {
            "/api/v1/accounts/" + a.Id,
            "/api/v1/organisations/" + w.OrgId,
            "/api/v1/units/" + w.UnitId,
            "/api/v1/users/" + w.UserId,
            "/api/v1/users/" + w.MemberId,
            "/api/v1/devices/" + w.DeviceId,
            "/api/v1/credentials/" + w.CredentialId,
            $"/api/v1/organisations/{w.OrgId}/memberships",
            $"/api/v1/organisations/{w.OrgId}/units",
            $"/api/v1/users/{w.UserId}/devices",
            "/api/v1/users?organisation_id=" + w.OrgId,
            "/api/v1/credentials?owner_id=" + w.OrgId,
            "/api/v1/credentials?owner_id=" + w.UserId,
            "/api/v1/credentials?owner_id=" + a.Id,
        })
        {
            using var response = await b.Http.GetAsync(new Uri(url, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"GET {url} by another account: expected 404, got {(int)response.StatusCode}");
            await response.ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
        }
    }

    [StewardFact]
    public async Task Another_accounts_lists_hold_nothing_of_A()
    {
        var w = await BuildAsync();
        using var a = w.A;
        using var b = await factory.NewTenantAsync();

        Assert.Empty((await b.Http.GetOkAsync("/api/v1/organisations")).Items());
        Assert.Empty((await b.Http.GetOkAsync("/api/v1/users")).Items());
        Assert.Equal(b.Id, Assert.Single((await b.Http.GetOkAsync("/api/v1/accounts")).Items()).Str("id"));
        var credentials = (await b.Http.GetOkAsync("/api/v1/credentials")).Items();
        Assert.All(credentials, c => Assert.Equal(b.Id, c.Str("owner_id")));
        var events = await b.Http.EventsAsync();
        Assert.DoesNotContain(events, e => e.GetRawText().Contains(w.OrgId, StringComparison.Ordinal) || e.GetRawText().Contains(a.Id, StringComparison.Ordinal));
    }

    [StewardFact]
    public async Task Another_accounts_changes_and_deletes_are_404_and_change_nothing()
    {
        var w = await BuildAsync();
        using var a = w.A;
        using var b = await factory.NewTenantAsync();
        var before = await SnapshotAsync(w);

        var attempts = new (HttpMethod Method, string Url, object? Body)[]
        {
            (HttpMethod.Patch, "/api/v1/accounts/" + a.Id, new { name = "hijacked" }),
            (HttpMethod.Patch, "/api/v1/organisations/" + w.OrgId, new { name = "hijacked" }),
            (HttpMethod.Patch, "/api/v1/units/" + w.UnitId, new { billing_day = 20 }),
            (HttpMethod.Patch, "/api/v1/users/" + w.UserId, new { first_name = "hijacked" }),
            (HttpMethod.Patch, $"/api/v1/organisations/{w.OrgId}/memberships/{w.MemberId}", new { role = "member" }),
            (HttpMethod.Post, $"/api/v1/organisations/{w.OrgId}/units", new { name = "intruder" }),
            (HttpMethod.Post, $"/api/v1/organisations/{w.OrgId}/memberships", new { user_id = w.UserId, role = "owner" }),
            (HttpMethod.Post, $"/api/v1/users/{w.UserId}/devices", new { name = "intruder" }),
            (HttpMethod.Post, "/api/v1/credentials", new { owner_id = w.OrgId }),
            (HttpMethod.Post, "/api/v1/credentials", new { owner_id = w.UserId }),
            (HttpMethod.Post, "/api/v1/credentials", new { owner_id = a.Id }),
            (HttpMethod.Post, $"/api/v1/credentials/{w.CredentialId}/rotate", null),
            (HttpMethod.Post, "/api/v1/tokens", new { user_id = w.UserId }),
            (HttpMethod.Delete, "/api/v1/devices/" + w.DeviceId, null),
            (HttpMethod.Delete, "/api/v1/credentials/" + w.CredentialId, null),
            (HttpMethod.Delete, $"/api/v1/organisations/{w.OrgId}/memberships/{w.MemberId}", null),
            (HttpMethod.Delete, "/api/v1/units/" + w.UnitId, null),
            (HttpMethod.Delete, "/api/v1/users/" + w.UserId, null),
            (HttpMethod.Delete, "/api/v1/organisations/" + w.OrgId, null),
            (HttpMethod.Delete, "/api/v1/accounts/" + a.Id, null),
        };
        foreach (var (method, url, body) in attempts)
        {
            using var response = await b.Http.SendJsonAsync(method, url, body);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {url} by another account: expected 404, got {(int)response.StatusCode}");
        }

        Assert.Equal(before, await SnapshotAsync(w));
        Assert.Empty((await b.Http.GetOkAsync("/api/v1/organisations")).Items());
    }

    [StewardFact]
    public async Task Creating_a_user_in_another_accounts_organisation_is_refused()
    {
        var w = await BuildAsync();
        using var a = w.A;
        using var b = await factory.NewTenantAsync();
        using (var response = await b.Http.PostJsonAsync("/api/v1/users", new { username = "intruder", organisation_id = w.OrgId }))
        {
            await response.ExpectValidationAsync("organisation_id");
        }

        Assert.Equal(2, (await a.Http.ListAllAsync("/api/v1/users")).Count);
        Assert.Empty((await b.Http.GetOkAsync("/api/v1/users")).Items());
    }

    [StewardFact]
    public async Task An_organisations_credential_sees_only_its_organisation()
    {
        using var a = await factory.NewTenantAsync();
        var one = await a.Http.NewOrganisationAsync();
        var two = await a.Http.NewOrganisationAsync();
        var userOne = (await a.Http.NewUserAsync(organisationId: one.Str("id"))).Str("id");
        var userTwo = (await a.Http.NewUserAsync(organisationId: two.Str("id"))).Str("id");
        var accountUser = (await a.Http.NewUserAsync()).Str("id");
        var unitTwo = (await a.Http.NewUnitAsync(two.Str("id"))).Str("id");
        using var org = factory.ClientWithToken(await factory.CreateClient().TokenAsync(one.Str("api_key"), one.Str("api_secret")));

        Assert.Equal([one.Str("id")], (await org.GetOkAsync("/api/v1/organisations")).Ids());
        Assert.Equal([userOne], (await org.GetOkAsync("/api/v1/users")).Ids());
        await org.GetOkAsync("/api/v1/organisations/" + one.Str("id"));
        await org.GetOkAsync("/api/v1/users/" + userOne);

        foreach (var url in new[]
        {
            "/api/v1/organisations/" + two.Str("id"),
            "/api/v1/users/" + userTwo,
            "/api/v1/users/" + accountUser,
            "/api/v1/units/" + unitTwo,
            $"/api/v1/organisations/{two.Str("id")}/memberships",
            $"/api/v1/organisations/{two.Str("id")}/units",
        })
        {
            using var response = await org.GetAsync(new Uri(url, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"GET {url} by an organisation: expected 404, got {(int)response.StatusCode}");
        }

        await org.ExpectProblemAsync(HttpMethod.Patch, "/api/v1/organisations/" + two.Str("id"), HttpStatusCode.NotFound, new { description = "x" }, "not-found");
        await org.ExpectProblemAsync(HttpMethod.Delete, "/api/v1/users/" + userTwo, HttpStatusCode.NotFound, code: "not-found");
        await a.Http.GetOkAsync("/api/v1/users/" + userTwo);

        // Users it creates land in its own organisation.
        var created = await org.NewUserAsync();
        Assert.Equal(one.Str("id"), created.Str("organisation_id"));
    }

    [StewardFact]
    public async Task A_user_token_sees_itself_but_not_other_users()
    {
        using var a = await factory.NewTenantAsync();
        var orgId = (await a.Http.NewOrganisationAsync()).Str("id");
        var me = (await a.Http.NewUserAsync()).Str("id");
        var other = (await a.Http.NewUserAsync()).Str("id");
        var orgUser = (await a.Http.NewUserAsync(organisationId: orgId)).Str("id");
        using var user = factory.ClientWithToken(await a.Http.MintUserTokenAsync(me));

        Assert.Equal(me, (await user.GetOkAsync("/api/v1/users/" + me)).Str("id"));
        Assert.Equal([me], (await user.GetOkAsync("/api/v1/users")).Ids());
        Assert.Empty((await user.GetOkAsync("/api/v1/organisations")).Items());
        foreach (var url in new[] { "/api/v1/users/" + other, "/api/v1/users/" + orgUser, "/api/v1/organisations/" + orgId })
        {
            using var response = await user.GetAsync(new Uri(url, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"GET {url} by a user: expected 404, got {(int)response.StatusCode}");
        }

        await user.ExpectProblemAsync(HttpMethod.Patch, "/api/v1/users/" + other, HttpStatusCode.NotFound, new { first_name = "x" }, "not-found");
        await user.ExpectProblemAsync(HttpMethod.Delete, "/api/v1/users/" + other, HttpStatusCode.NotFound, code: "not-found");
        await a.Http.GetOkAsync("/api/v1/users/" + other);

        // It changes itself.
        using var patched = await user.PatchJsonAsync("/api/v1/users/" + me, new { first_name = "Me" });
        Assert.Equal("Me", (await patched.ExpectJsonAsync(HttpStatusCode.OK)).Str("first_name"));
    }

    [StewardFact]
    public async Task Only_root_creates_and_lists_all_accounts()
    {
        using var a = await factory.NewTenantAsync();
        using var b = await factory.NewTenantAsync();
        await a.Http.ExpectProblemAsync(HttpMethod.Post, "/api/v1/accounts", HttpStatusCode.Forbidden, new { name = "new", email = "n@example.com" }, "forbidden");
        Assert.Equal([a.Id], (await a.Http.GetOkAsync("/api/v1/accounts")).Ids());

        using var root = await factory.RootClientAsync();
        var all = (await root.ListAllAsync("/api/v1/accounts")).Select(x => x.Str("id")).ToList();
        Assert.Contains(a.Id, all);
        Assert.Contains(b.Id, all);
    }
}
