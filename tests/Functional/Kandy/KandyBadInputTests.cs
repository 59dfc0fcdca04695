using System.Net;
using System.Text;
using Steward.Functional.Infrastructure;
using static Steward.Functional.Kandy.KandyKit;

namespace Steward.Functional.Kandy;

/// <summary>Bad input answers the Kandy error envelope with the right HTTP status (never a 500 nor the framework's bare 400) and writes nothing.</summary>
public sealed class KandyBadInputTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardTheory]
    [InlineData("GET", "accounts/accesstokens", "missing parameters: key, account_api_secret")]
    [InlineData("DELETE", "accounts/accesstokens?key=AAKx", "missing parameters: account_api_secret, account_access_token")]
    [InlineData("GET", "accounts/domains?key=", "missing parameters: key")]
    [InlineData("DELETE", "accounts/domains?key=AATx", "missing parameters: domain_api_key")]
    [InlineData("GET", "accounts/domains/details?key=DAKx&domain_api_secret=s", "missing parameters: domain_access_token")]
    [InlineData("GET", "domains/accesstokens?key=DAKx", "missing parameters: domain_api_secret")]
    [InlineData("GET", "domains/users/accesstokens?key=DAKx&domain_api_secret=s", "missing parameters: user_id")]
    [InlineData("GET", "domains/users/details?key=DATx", "missing parameters: user_access_token")]
    [InlineData("DELETE", "domains/users", "missing parameters: key")]
    [InlineData("DELETE", "users/devices?key=UATx", "missing parameters: device_id")]
    [InlineData("POST", "users/devices", "missing parameters: key")]
    public async Task Missing_query_parameters_are_status_3_naming_them(string method, string path, string message)
    {
        using var http = factory.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), "/v1.2/" + path);
        using var response = await http.SendAsync(request);
        var json = await response.ExpectKandyErrorAsync(HttpStatusCode.BadRequest, 3);
        Assert.Equal(message, json.GetProperty("message").GetString());
    }

    [StewardFact]
    public async Task Missing_body_fields_are_status_3()
    {
        var s = await factory.NewKandySessionAsync();
        var domain = await s.NewDomainAsync();

        await (await Post(s, $"accounts/domains?key={Q(s.AccountToken)}", """{"project_name":"no name"}"""))
            .ExpectKandyErrorAsync(HttpStatusCode.BadRequest, 3);
        var json = await (await Post(s, $"domains/users/user_id?key={Q(domain.Token)}", """{"user_country_code":"US"}"""))
            .ExpectKandyErrorAsync(HttpStatusCode.BadRequest, 3);
        Assert.Equal("missing parameters: user_id", json.GetProperty("message").GetString());
        json = await (await Post(s, $"domains/users/phone_number?key={Q(domain.Token)}", "{}"))
            .ExpectKandyErrorAsync(HttpStatusCode.BadRequest, 3);
        Assert.Equal("missing parameters: user_phone_number, user_country_code", json.GetProperty("message").GetString());
        json = await (await s.Http.DeleteAsync($"/v1.2/domains/users?key={Q(domain.Token)}")).ExpectKandyErrorAsync(HttpStatusCode.BadRequest, 3);
        Assert.Equal("missing parameters: user_id", json.GetProperty("message").GetString());

        Assert.Single((await s.Account.GetDomainsAsync(s.AccountToken)).Ok().Domains);
        Assert.Empty((await s.Domain.GetUsersAsync(domain.Token)).Ok().Users);
    }

    [StewardTheory]
    [InlineData("""{"user_id": 5}""", "user_id")]
    [InlineData("""{"user_id": "bob", "user_password": ["x"]}""", "user_password")]
    [InlineData("""{"user_id": "bob", "user_country_code": 1}""", "user_country_code")]
    [InlineData("""{"user_id": "bob",""", "JSON")]
    [InlineData("""not json""", "JSON")]
    [InlineData("""["bob"]""", "JSON")]
    [InlineData("""{"user_id": "bob smith"}""", "user_id")]
    [InlineData("""{"user_id": "bob", "user_email": "not-an-email"}""", "user_email")]
    [InlineData("""{"user_id": "bob", "user_password": "short"}""", "user_password")]
    [InlineData("""{"user_id": "bob", "user_country_code": "XX"}""", "user_country_code")]
    public async Task A_malformed_user_is_status_2_naming_the_field_and_writes_nothing(string body, string named)
    {
        var s = await factory.NewKandySessionAsync();
        var domain = await s.NewDomainAsync();

        var json = await (await Post(s, $"domains/users/user_id?key={Q(domain.Token)}", body)).ExpectKandyErrorAsync(HttpStatusCode.BadRequest, 2);
        Assert.Contains(named, json.GetProperty("message").GetString(), StringComparison.Ordinal);

        Assert.Empty((await s.Domain.GetUsersAsync(domain.Token)).Ok().Users);
        Assert.Equal("0", Assert.Single((await s.Account.GetDomainsAsync(s.AccountToken)).Ok().Domains).NumberOfUsers);
    }

    [StewardTheory]
    [InlineData("""{"user_phone_number": "35240abc", "user_country_code": "US"}""", "user_phone_number")]
    [InlineData("""{"user_phone_number": "+443524096582", "user_country_code": "US"}""", "user_phone_number")]
    [InlineData("""{"user_phone_number": "3524096582", "user_country_code": "ZZ"}""", "user_country_code")]
    [InlineData("""{"user_phone_number": "3524096582", "user_country_code": "9999"}""", "user_country_code")]
    [InlineData("""{"user_phone_number": 3524096582, "user_country_code": "US"}""", "user_phone_number")]
    public async Task A_malformed_phone_user_is_status_2(string body, string named)
    {
        var s = await factory.NewKandySessionAsync();
        var domain = await s.NewDomainAsync();

        var json = await (await Post(s, $"domains/users/phone_number?key={Q(domain.Token)}", body)).ExpectKandyErrorAsync(HttpStatusCode.BadRequest, 2);
        Assert.Contains(named, json.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty((await s.Domain.GetUsersAsync(domain.Token)).Ok().Users);
    }

    [StewardTheory]
    [InlineData("""{"domain_name": "not a domain!"}""", "domain_name")]
    [InlineData("""{"domain_name": 42}""", "domain_name")]
    [InlineData("""{"domain_name": "ok.example.com", "project_name": false}""", "project_name")]
    [InlineData("""{"domain_name": "ok.example.com",}""", "JSON")]
    [InlineData("", "body")]
    public async Task A_malformed_domain_is_status_2_and_writes_nothing(string body, string named)
    {
        var s = await factory.NewKandySessionAsync();

        var json = await (await Post(s, $"accounts/domains?key={Q(s.AccountToken)}", body)).ExpectKandyErrorAsync(HttpStatusCode.BadRequest, 2);
        Assert.Contains(named, json.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty((await s.Account.GetDomainsAsync(s.AccountToken)).Ok().Domains);
    }

    [StewardFact]
    public async Task A_too_long_project_name_is_refused_in_kandy_terms()
    {
        var s = await factory.NewKandySessionAsync();
        var body = $$"""{"domain_name": "{{UniqueDomainName()}}", "project_name": "{{new string('p', 1001)}}"}""";

        var json = await (await Post(s, $"accounts/domains?key={Q(s.AccountToken)}", body)).ExpectKandyErrorAsync(HttpStatusCode.BadRequest, 2);
        Assert.StartsWith("project_name must be at most", json.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty((await s.Account.GetDomainsAsync(s.AccountToken)).Ok().Domains);
    }

    [StewardFact]
    public async Task An_oversize_body_is_413_and_writes_nothing()
    {
        var s = await factory.NewKandySessionAsync();
        var domain = await s.NewDomainAsync();
        var user = await s.NewUserAsync(domain);
        var userToken = await s.UserTokenAsync(domain, user.UserId);
        var padding = new string('x', 70 * 1024);

        await (await Post(s, $"domains/users/user_id?key={Q(domain.Token)}", $$"""{"user_id": "big", "user_first_name": "{{padding}}"}"""))
            .ExpectKandyErrorAsync(HttpStatusCode.RequestEntityTooLarge, 9);
        await (await Post(s, $"users/devices?key={Q(userToken)}", $$"""{"device_name": "{{padding}}"}"""))
            .ExpectKandyErrorAsync(HttpStatusCode.RequestEntityTooLarge, 9);
        await (await Post(s, $"accounts/domains?key={Q(s.AccountToken)}", $$"""{"domain_name": "big.example.com", "project_name": "{{padding}}"}"""))
            .ExpectKandyErrorAsync(HttpStatusCode.RequestEntityTooLarge, 9);

        Assert.Single((await s.Domain.GetUsersAsync(domain.Token)).Ok().Users);
        Assert.Empty((await s.User.GetDevicesAsync(userToken)).Ok().Devices);
        Assert.Single((await s.Account.GetDomainsAsync(s.AccountToken)).Ok().Domains);
    }

    [StewardFact]
    public async Task Oversize_device_fields_are_status_2()
    {
        var s = await factory.NewKandySessionAsync();
        var domain = await s.NewDomainAsync();
        var user = await s.NewUserAsync(domain);
        var userToken = await s.UserTokenAsync(domain, user.UserId);

        var json = await (await Post(s, $"users/devices?key={Q(userToken)}", $$"""{"device_family": "{{new string('f', 101)}}"}"""))
            .ExpectKandyErrorAsync(HttpStatusCode.BadRequest, 2);
        Assert.Contains("device_family", json.GetProperty("message").GetString(), StringComparison.Ordinal);
        await (await Post(s, $"users/devices?key={Q(userToken)}", """{"device_name": 7}""")).ExpectKandyErrorAsync(HttpStatusCode.BadRequest, 2);
        Assert.Empty((await s.User.GetDevicesAsync(userToken)).Ok().Devices);
    }

    [StewardTheory]
    [InlineData("device-0190f6f4-7b2a-7cc1-8a4e-9d8f3b1c2a10")]
    [InlineData("0190f6f4-7b2a-7cc1-8a4e-9d8f3b1c2a10")]
    [InlineData("4d405f6dfd9842a981a90daaf0da08fa")]
    [InlineData("'; drop table devices; --")]
    public async Task An_unknown_device_is_404(string deviceId)
    {
        var s = await factory.NewKandySessionAsync();
        var domain = await s.NewDomainAsync();
        var user = await s.NewUserAsync(domain);
        var userToken = await s.UserTokenAsync(domain, user.UserId);

        await (await s.Http.DeleteAsync($"/v1.2/users/devices?key={Q(userToken)}&device_id={Q(deviceId)}")).ExpectKandyErrorAsync(HttpStatusCode.NotFound, 6);
    }

    [StewardFact]
    public async Task Unknown_users_and_domains_are_404()
    {
        var s = await factory.NewKandySessionAsync();
        var domain = await s.NewDomainAsync();

        await (await s.Http.DeleteAsync($"/v1.2/domains/users?key={Q(domain.Token)}&user_id=nobody")).ExpectKandyErrorAsync(HttpStatusCode.NotFound, 6);
        await (await s.Http.GetAsync($"/v1.2/domains/users/accesstokens?key={Q(domain.Key)}&domain_api_secret={Q(domain.Secret)}&user_id=nobody"))
            .ExpectKandyErrorAsync(HttpStatusCode.NotFound, 6);
        await (await s.Http.DeleteAsync($"/v1.2/accounts/domains?key={Q(s.AccountToken)}&domain_api_key=DAKnothing")).ExpectKandyErrorAsync(HttpStatusCode.NotFound, 6);
        await (await s.Http.DeleteAsync($"/v1.2/accounts/domains?key={Q(s.AccountToken)}&domain_api_key={Q(s.Native.ApiKey)}")).ExpectKandyErrorAsync(HttpStatusCode.NotFound, 6);
        Assert.Single((await s.Account.GetDomainsAsync(s.AccountToken)).Ok().Domains);
    }

    [StewardFact]
    public async Task A_body_that_is_not_json_by_content_type_is_status_2()
    {
        var s = await factory.NewKandySessionAsync();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["domain_name"] = UniqueDomainName() });
        await (await s.Http.PostAsync($"/v1.2/accounts/domains?key={Q(s.AccountToken)}", form)).ExpectKandyErrorAsync(HttpStatusCode.BadRequest, 2);
        Assert.Empty((await s.Account.GetDomainsAsync(s.AccountToken)).Ok().Domains);
    }

    private static Task<HttpResponseMessage> Post(KandySession s, string path, string body) =>
        s.Http.PostAsync("/v1.2/" + path, new StringContent(body, Encoding.UTF8, "application/json"));
}
