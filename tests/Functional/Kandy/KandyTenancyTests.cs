using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Steward.Client.Kandy;
using Steward.Functional.Infrastructure;
using static Steward.Functional.Kandy.KandyKit;

namespace Steward.Functional.Kandy;

/// <summary>Uniqueness rules, tenant isolation, and interop with the native API (a domain is an organisation).</summary>
public sealed class KandyTenancyTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task A_user_id_is_unique_within_its_domain_only()
    {
        var s = await factory.NewKandySessionAsync();
        var first = await s.NewDomainAsync();
        var second = await s.NewDomainAsync();

        var bob1 = await s.NewUserAsync(first, "bob");
        var bob2 = await s.NewUserAsync(second, "bob");
        Assert.Equal("bob@" + first.Name, bob1.FullUserId);
        Assert.Equal("bob@" + second.Name, bob2.FullUserId);

        var message = (await s.Domain.CreateUserByUserIdAsync(first.Token, new KandyUserDetails { UserId = "bob" })).Fails(HttpStatusCode.Conflict, 7);
        Assert.Contains("bob", message, StringComparison.Ordinal);
        Assert.Contains("already exists", message, StringComparison.Ordinal);

        // A phone user whose derived id is taken conflicts the same way.
        await s.NewUserAsync(first, "13524096582");
        (await s.Domain.CreateUserByPhoneNumberAsync(first.Token, new KandyUserDetails { UserPhoneNumber = "3524096582", UserCountryCode = "US" }))
            .Fails(HttpStatusCode.Conflict, 7);

        var users = (await s.Domain.GetUsersAsync(first.Token)).Ok().Users;
        Assert.Single(users, u => u.UserId == "bob");
        Assert.Equal(bob1.UserApiKey, users.Single(u => u.UserId == "bob").UserApiKey);
        Assert.Single((await s.Domain.GetUsersAsync(second.Token)).Ok().Users);

        // Each bob's token is its own.
        var token2 = await s.UserTokenAsync(second, "bob");
        Assert.Equal(bob2.UserApiKey, Assert.Single((await s.Domain.GetUserDetailsAsync(second.Token, token2)).Ok().Users).UserApiKey);
    }

    [StewardFact]
    public async Task A_domain_name_is_unique_across_the_server()
    {
        var a = await factory.NewKandySessionAsync();
        var b = await factory.NewKandySessionAsync();
        var name = UniqueDomainName();
        await a.NewDomainAsync(name);

        var message = (await b.Account.CreateDomainAsync(b.AccountToken, name)).Fails(HttpStatusCode.Conflict, 7);
        Assert.Contains(name, message, StringComparison.Ordinal);
        (await b.Account.CreateDomainAsync(b.AccountToken, name.ToUpperInvariant())).Fails(HttpStatusCode.Conflict, 7);
        (await a.Account.CreateDomainAsync(a.AccountToken, name)).Fails(HttpStatusCode.Conflict, 7);

        Assert.Empty((await b.Account.GetDomainsAsync(b.AccountToken)).Ok().Domains);
        Assert.Single((await a.Account.GetDomainsAsync(a.AccountToken)).Ok().Domains);
    }

    [StewardFact]
    public async Task A_domain_created_here_is_an_organisation_in_the_native_api()
    {
        var s = await factory.NewKandySessionAsync();
        var domain = await s.NewDomainAsync(projectName: "my project");
        await s.NewUserAsync(domain, "carol", password: "carol-password-1");

        using var native = factory.ClientWithToken(s.Native.Token);
        var organisations = await (await native.GetAsync("/api/v1/organisations")).ExpectJsonAsync(HttpStatusCode.OK);
        var organisation = Assert.Single(organisations.GetProperty("items").EnumerateArray().ToList());
        Assert.Equal(domain.Name, organisation.GetProperty("domain_name").GetString());
        Assert.Equal(domain.Name, organisation.GetProperty("name").GetString());
        Assert.Equal("my project", organisation.GetProperty("description").GetString());

        // The domain's key and secret work on the native token endpoint; the user's password on the password grant.
        Assert.StartsWith("DAT", await factory.CreateClient().TokenAsync(domain.Key, domain.Secret), StringComparison.Ordinal);
        using var login = await factory.CreateClient().PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = "carol@" + domain.Name,
            ["password"] = "carol-password-1",
        }));
        var issued = await login.ExpectJsonAsync(HttpStatusCode.OK);
        var userToken = issued.GetProperty("access_token").GetString()!;
        Assert.Empty((await s.User.GetDevicesAsync(userToken)).Ok().Devices);
    }

    [StewardFact]
    public async Task An_organisation_created_natively_is_a_domain_here()
    {
        var s = await factory.NewKandySessionAsync();
        using var native = factory.ClientWithToken(s.Native.Token);
        var name = UniqueDomainName("n");
        using var withDomain = await native.PostAsJsonAsync("/api/v1/organisations", new { name = "Native Org", domain_name = name, description = "made natively" });
        var created = await withDomain.ExpectJsonAsync(HttpStatusCode.Created);
        using var withoutDomain = await native.PostAsJsonAsync("/api/v1/organisations", new { name = "Plain Org" });
        await withoutDomain.ExpectJsonAsync(HttpStatusCode.Created);

        var domains = (await s.Account.GetDomainsAsync(s.AccountToken)).Ok().Domains;
        Assert.Equal(2, domains.Count);
        var listed = domains.Single(d => d.DomainName == name);
        Assert.Equal(created.GetProperty("api_key").GetString(), listed.DomainApiKey);
        Assert.Equal(created.GetProperty("api_secret").GetString(), listed.DomainApiSecret);
        Assert.Equal("made natively", listed.ProjectName);
        Assert.Contains(domains, d => d.DomainName == "Plain Org" && d.ProjectName == "");

        // Its key and secret work here too.
        var token = (await s.Domain.GetDomainAccessTokenAsync(listed.DomainApiKey, listed.DomainApiSecret)).Ok().DomainAccessToken;
        Assert.Equal("dave@" + name, (await s.Domain.CreateUserByUserIdAsync(token, new KandyUserDetails { UserId = "dave" })).Ok().FullUserId);
    }

    [StewardFact]
    public async Task Another_account_can_neither_see_nor_delete_a_domain()
    {
        var a = await factory.NewKandySessionAsync();
        var b = await factory.NewKandySessionAsync();
        var domain = await a.NewDomainAsync();
        await b.NewDomainAsync();

        Assert.DoesNotContain((await b.Account.GetDomainsAsync(b.AccountToken)).Ok().Domains, d => d.DomainApiKey == domain.Key);
        (await b.Account.DeleteDomainAsync(b.AccountToken, domain.Key)).Fails(HttpStatusCode.NotFound, 6);

        var still = Assert.Single((await a.Account.GetDomainsAsync(a.AccountToken)).Ok().Domains);
        Assert.Equal(domain.Key, still.DomainApiKey);
        (await a.Domain.GetUsersAsync(domain.Token)).Ok();
    }

    [StewardFact]
    public async Task Another_domain_can_neither_see_nor_delete_a_user()
    {
        var a = await factory.NewKandySessionAsync();
        var b = await factory.NewKandySessionAsync();
        var domainA = await a.NewDomainAsync();
        var domainB = await b.NewDomainAsync();
        var siblingOfA = await a.NewDomainAsync();
        var bob = await a.NewUserAsync(domainA, "bob");
        var bobToken = await a.UserTokenAsync(domainA, "bob");

        foreach (var other in new[] { domainB, siblingOfA })
        {
            (await a.Domain.DeleteUserByIdAsync(other.Token, "bob")).Fails(HttpStatusCode.NotFound, 6);
            (await a.Domain.GetUserDetailsAsync(other.Token, bobToken)).Fails(HttpStatusCode.NotFound, 6);
            (await a.User.GetUserAccessTokenAsync(other.Key, other.Secret, "bob")).Fails(HttpStatusCode.NotFound, 6);
            Assert.Empty((await a.Domain.GetUsersAsync(other.Token)).Ok().Users);
        }

        var users = (await a.Domain.GetUsersAsync(domainA.Token)).Ok().Users;
        Assert.Equal(bob.UserApiKey, Assert.Single(users).UserApiKey);
    }

    [StewardFact]
    public async Task A_user_cannot_delete_another_users_device()
    {
        var s = await factory.NewKandySessionAsync();
        var domain = await s.NewDomainAsync();
        await s.NewUserAsync(domain, "ann");
        await s.NewUserAsync(domain, "ben");
        var ann = await s.UserTokenAsync(domain, "ann");
        var ben = await s.UserTokenAsync(domain, "ben");
        var device = (await s.User.CreateDeviceAsync(ann, new KandyDeviceDetails { DeviceName = "phone" })).Ok().DeviceId;

        (await s.User.DeleteDeviceAsync(ben, device)).Fails(HttpStatusCode.NotFound, 6);
        Assert.Empty((await s.User.GetDevicesAsync(ben)).Ok().Devices);
        Assert.Equal(device, Assert.Single((await s.User.GetDevicesAsync(ann)).Ok().Devices).DeviceId);
    }

    [StewardFact]
    public async Task A_deleted_domains_users_are_gone_with_it()
    {
        var s = await factory.NewKandySessionAsync();
        var domain = await s.NewDomainAsync();
        await s.NewUserAsync(domain, "bob");
        (await s.Account.DeleteDomainAsync(s.AccountToken, domain.Key)).Done("Domain Deleted");

        // The same name can be used again, and its users start from nothing.
        var again = await s.NewDomainAsync(domain.Name);
        Assert.Empty((await s.Domain.GetUsersAsync(again.Token)).Ok().Users);
        await s.NewUserAsync(again, "bob");

        using var native = factory.ClientWithToken(s.Native.Token);
        var users = await (await native.GetAsync("/api/v1/users")).ExpectJsonAsync(HttpStatusCode.OK);
        Assert.Single(users.GetProperty("items").EnumerateArray().ToList());
        Assert.Equal(JsonValueKind.Array, users.GetProperty("items").ValueKind);
    }
}
