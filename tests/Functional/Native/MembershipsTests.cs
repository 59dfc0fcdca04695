using System.Net;
using Steward.Functional.Infrastructure;

namespace Steward.Functional.Native;

/// <summary><c>/api/v1/organisations/{id}/memberships</c>: roles of users in organisations, and what the roles allow.</summary>
public sealed class MembershipsTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task Add_list_change_and_remove_a_membership()
    {
        using var a = await factory.NewTenantAsync();
        var orgId = (await a.Http.NewOrganisationAsync()).Str("id");
        var userId = (await a.Http.NewUserAsync()).Str("id");
        var url = $"/api/v1/organisations/{orgId}/memberships";

        using (var added = await a.Http.PostJsonAsync(url, new { user_id = userId, role = "admin" }))
        {
            var body = await added.ExpectJsonAsync(HttpStatusCode.Created);
            Assert.Equal(orgId, body.Str("organisation_id"));
            Assert.Equal(userId, body.Str("user_id"));
            Assert.Equal("admin", body.Str("role"));
            Assert.Equal($"{url}/{userId}", added.Headers.Location?.OriginalString);
        }

        var listed = Assert.Single((await a.Http.GetOkAsync(url)).Items());
        Assert.Equal(userId, listed.Str("user_id"));
        Assert.Equal("admin", listed.Str("role"));

        using (var changed = await a.Http.PatchJsonAsync($"{url}/{userId}", new { role = "member" }))
        {
            var body = await changed.ExpectJsonAsync(HttpStatusCode.OK);
            Assert.Equal("member", body.Str("role"));
            Assert.Equal(2, body.Number("version"));
            Assert.Equal("\"2\"", changed.Headers.ETag?.Tag);
        }

        Assert.Equal("member", Assert.Single((await a.Http.GetOkAsync(url)).Items()).Str("role"));

        await a.Http.ExpectAsync(HttpMethod.Delete, $"{url}/{userId}", HttpStatusCode.NoContent);
        Assert.Empty((await a.Http.GetOkAsync(url)).Items());
        await a.Http.ExpectProblemAsync(HttpMethod.Delete, $"{url}/{userId}", HttpStatusCode.NotFound, code: "not-found");

        // The user itself is still there.
        await a.Http.GetOkAsync("/api/v1/users/" + userId);
    }

    [StewardFact]
    public async Task A_member_reads_the_organisation_but_only_an_admin_changes_it()
    {
        using var a = await factory.NewTenantAsync();
        var org = await a.Http.NewOrganisationAsync();
        var orgUrl = "/api/v1/organisations/" + org.Str("id");
        var userId = (await a.Http.NewUserAsync()).Str("id");
        await a.Http.AddMemberAsync(org.Str("id"), userId, "member");
        using var user = factory.ClientWithToken(await a.Http.MintUserTokenAsync(userId));

        Assert.Equal(org.Str("name"), (await user.GetOkAsync(orgUrl)).Str("name"));
        Assert.Single((await user.GetOkAsync($"{orgUrl}/memberships")).Items());
        await user.ExpectProblemAsync(HttpMethod.Patch, orgUrl, HttpStatusCode.Forbidden, new { description = "by a member" }, "forbidden");
        await user.ExpectProblemAsync(HttpMethod.Post, $"{orgUrl}/units", HttpStatusCode.Forbidden, new { name = "by a member" }, "forbidden");
        Assert.Equal(JsonNull, (await a.Http.GetOkAsync(orgUrl)).GetProperty("description").ValueKind);

        using (var promoted = await a.Http.PatchJsonAsync($"{orgUrl}/memberships/{userId}", new { role = "admin" }))
        {
            await promoted.ExpectJsonAsync(HttpStatusCode.OK);
        }

        using (var patched = await user.PatchJsonAsync(orgUrl, new { description = "by an admin" }))
        {
            Assert.Equal("by an admin", (await patched.ExpectJsonAsync(HttpStatusCode.OK)).Str("description"));
        }

        // An admin still cannot delete the organisation (owners only), nor make owners.
        await user.ExpectProblemAsync(HttpMethod.Delete, orgUrl, HttpStatusCode.Forbidden, code: "forbidden");
        await user.ExpectProblemAsync(HttpMethod.Patch, $"{orgUrl}/memberships/{userId}", HttpStatusCode.Forbidden, new { role = "owner" }, "forbidden");
        await a.Http.GetOkAsync(orgUrl);
    }

    [StewardFact]
    public async Task Bad_roles_users_and_duplicates_are_refused()
    {
        using var a = await factory.NewTenantAsync();
        var orgId = (await a.Http.NewOrganisationAsync()).Str("id");
        var userId = (await a.Http.NewUserAsync()).Str("id");
        var url = $"/api/v1/organisations/{orgId}/memberships";

        using (var role = await a.Http.PostJsonAsync(url, new { user_id = userId, role = "emperor" }))
        {
            await role.ExpectValidationAsync("role");
        }

        using (var missing = await a.Http.PostJsonAsync(url, new { role = "member" }))
        {
            await missing.ExpectValidationAsync("user_id");
        }

        using (var unknown = await a.Http.PostJsonAsync(url, new { user_id = NativeKit.UnknownId("user"), role = "member" }))
        {
            await unknown.ExpectValidationAsync("user_id");
        }

        await a.Http.AddMemberAsync(orgId, userId, "member");
        await a.Http.ExpectProblemAsync(HttpMethod.Post, url, HttpStatusCode.Conflict, new { user_id = userId, role = "admin" }, "conflict");
        Assert.Equal("member", Assert.Single((await a.Http.GetOkAsync(url)).Items()).Str("role"));
    }

    private const System.Text.Json.JsonValueKind JsonNull = System.Text.Json.JsonValueKind.Null;

    [StewardFact]
    public async Task Only_owners_and_admins_create_users_in_the_organisation()
    {
        using var a = await factory.NewTenantAsync();
        var orgId = (await a.Http.NewOrganisationAsync()).Str("id");
        var memberId = (await a.Http.NewUserAsync()).Str("id");
        var adminId = (await a.Http.NewUserAsync()).Str("id");
        await a.Http.AddMemberAsync(orgId, memberId, "member");
        await a.Http.AddMemberAsync(orgId, adminId, "admin");
        using var member = factory.ClientWithToken(await a.Http.MintUserTokenAsync(memberId));
        using var admin = factory.ClientWithToken(await a.Http.MintUserTokenAsync(adminId));

        await member.ExpectProblemAsync(HttpMethod.Post, "/api/v1/users", HttpStatusCode.Forbidden, new { username = "by-member", organisation_id = orgId }, "forbidden");
        var created = await admin.NewUserAsync("by-admin", orgId);
        Assert.Equal(orgId, created.Str("organisation_id"));

        // The admin sees the users homed in its organisation; the member sees only itself.
        Assert.Contains(created.Str("id"), (await admin.GetOkAsync("/api/v1/users")).Ids());
        Assert.Equal([memberId], (await member.GetOkAsync("/api/v1/users")).Ids());
        Assert.Single((await a.Http.GetOkAsync("/api/v1/users?organisation_id=" + orgId)).Items());
    }
}
