using System.Net;
using Steward.Functional.Infrastructure;

namespace Steward.Functional.Native;

/// <summary>Deleting an organisation or an account takes what is in it along, and its tokens stop working at once.</summary>
public sealed class CascadeTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    private const string Password = "correct horse battery";

    [StewardFact]
    public async Task Deleting_an_organisation_deletes_its_users_and_revokes_their_tokens_at_once()
    {
        using var a = await factory.NewTenantAsync();
        var domain = NativeKit.UniqueDomain();
        var org = await a.Http.NewOrganisationAsync(domainName: domain);
        var orgId = org.Str("id");
        var homed = await a.Http.NewUserAsync("kim", orgId, Password);
        var homedId = homed.Str("id");
        var deviceId = (await a.Http.NewDeviceAsync(homedId)).Str("id");
        var unitId = (await a.Http.NewUnitAsync(orgId)).Str("id");
        var outsiderId = (await a.Http.NewUserAsync()).Str("id");
        await a.Http.AddMemberAsync(orgId, outsiderId, "admin");
        var other = await a.Http.NewOrganisationAsync();

        using var anonymous = factory.CreateClient();
        var tokens = new[]
        {
            await anonymous.TokenAsync(org.Str("api_key"), org.Str("api_secret")),
            await anonymous.TokenAsync(homed.Str("api_key"), homed.Str("api_secret")),
            await a.Http.MintUserTokenAsync(homedId),
            await PasswordTokenAsync(anonymous, "kim@" + domain),
        };
        var outsiderToken = await a.Http.MintUserTokenAsync(outsiderId);
        var otherOrgToken = await anonymous.TokenAsync(other.Str("api_key"), other.Str("api_secret"));
        foreach (var token in tokens)
        {
            Assert.Equal(HttpStatusCode.OK, await factory.TokenStatusAsync(token));
        }

        await a.Http.ExpectAsync(HttpMethod.Delete, "/api/v1/organisations/" + orgId, HttpStatusCode.NoContent);

        foreach (var token in tokens)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await factory.TokenStatusAsync(token));
        }

        // The organisation, its units, its homed users and their devices are gone; nobody else is.
        await a.Http.ExpectProblemAsync(HttpMethod.Get, "/api/v1/organisations/" + orgId, HttpStatusCode.NotFound, code: "not-found");
        await a.Http.ExpectProblemAsync(HttpMethod.Get, "/api/v1/units/" + unitId, HttpStatusCode.NotFound, code: "not-found");
        await a.Http.ExpectProblemAsync(HttpMethod.Get, "/api/v1/users/" + homedId, HttpStatusCode.NotFound, code: "not-found");
        await a.Http.ExpectProblemAsync(HttpMethod.Get, "/api/v1/devices/" + deviceId, HttpStatusCode.NotFound, code: "not-found");
        var users = (await a.Http.ListAllAsync("/api/v1/users")).Select(u => u.Str("id")).ToList();
        Assert.DoesNotContain(homedId, users);
        Assert.Contains(outsiderId, users);
        Assert.Equal(HttpStatusCode.OK, await factory.TokenStatusAsync(outsiderToken));
        Assert.Equal(HttpStatusCode.OK, await factory.TokenStatusAsync(otherOrgToken));
        Assert.Equal(HttpStatusCode.OK, await factory.TokenStatusAsync(a.Account.Token));

        // The outsider lost its membership; the homed user's key and password no longer work.
        using (var outsider = factory.ClientWithToken(outsiderToken))
        {
            Assert.Empty((await outsider.GetOkAsync("/api/v1/organisations")).Items());
        }

        using (var key = await anonymous.PostFormAsync("/oauth/token", new()
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = homed.Str("api_key"),
            ["client_secret"] = homed.Str("api_secret"),
        }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, key.StatusCode);
        }

        using (var password = await anonymous.PostFormAsync("/oauth/token", new()
        {
            ["grant_type"] = "password",
            ["username"] = "kim@" + domain,
            ["password"] = Password,
        }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, password.StatusCode);
        }

        var events = await a.Http.EventsAsync();
        Assert.Single(events, e => e.Str("type") == "organisation.deleted" && e.Str("subject_id") == orgId);
    }

    [StewardFact]
    public async Task A_new_organisation_with_the_old_domain_does_not_revive_old_tokens()
    {
        using var a = await factory.NewTenantAsync();
        var domain = NativeKit.UniqueDomain();
        var org = await a.Http.NewOrganisationAsync(domainName: domain);
        using var anonymous = factory.CreateClient();
        var token = await anonymous.TokenAsync(org.Str("api_key"), org.Str("api_secret"));
        await a.Http.ExpectAsync(HttpMethod.Delete, "/api/v1/organisations/" + org.Str("id"), HttpStatusCode.NoContent);

        var again = await a.Http.NewOrganisationAsync(name: org.Str("name"), domainName: domain);
        Assert.NotEqual(org.Str("id"), again.Str("id"));
        Assert.Equal(HttpStatusCode.Unauthorized, await factory.TokenStatusAsync(token));
        Assert.Equal(HttpStatusCode.OK, await factory.TokenStatusAsync(await anonymous.TokenAsync(again.Str("api_key"), again.Str("api_secret"))));
    }

    [StewardFact]
    public async Task Deleting_an_account_refuses_all_its_tokens_at_once()
    {
        using var a = await factory.NewTenantAsync();
        using var b = await factory.NewTenantAsync();
        var org = await a.Http.NewOrganisationAsync();
        var user = await a.Http.NewUserAsync(organisationId: org.Str("id"));
        using var anonymous = factory.CreateClient();
        var tokens = new[]
        {
            a.Account.Token,
            await anonymous.TokenAsync(org.Str("api_key"), org.Str("api_secret")),
            await anonymous.TokenAsync(user.Str("api_key"), user.Str("api_secret")),
            await a.Http.MintUserTokenAsync(user.Str("id")),
        };

        using var root = await factory.RootClientAsync();
        await root.ExpectAsync(HttpMethod.Delete, "/api/v1/accounts/" + a.Id, HttpStatusCode.NoContent);

        foreach (var token in tokens)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await factory.TokenStatusAsync(token));
        }

        using (var key = await anonymous.PostFormAsync("/oauth/token", new()
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = a.Account.ApiKey,
            ["client_secret"] = a.Account.ApiSecret,
        }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, key.StatusCode);
        }

        await root.ExpectProblemAsync(HttpMethod.Get, "/api/v1/accounts/" + a.Id, HttpStatusCode.NotFound, code: "not-found");
        await root.ExpectProblemAsync(HttpMethod.Get, "/api/v1/organisations/" + org.Str("id"), HttpStatusCode.NotFound, code: "not-found");
        await root.ExpectProblemAsync(HttpMethod.Get, "/api/v1/users/" + user.Str("id"), HttpStatusCode.NotFound, code: "not-found");

        // Other accounts carry on.
        Assert.Equal(HttpStatusCode.OK, await factory.TokenStatusAsync(b.Account.Token));
        await b.Http.NewOrganisationAsync();
    }

    private static async Task<string> PasswordTokenAsync(HttpClient client, string username)
    {
        using var response = await client.PostFormAsync("/oauth/token", new()
        {
            ["grant_type"] = "password",
            ["username"] = username,
            ["password"] = Password,
        });
        return (await response.ExpectJsonAsync(HttpStatusCode.OK)).Str("access_token");
    }
}
