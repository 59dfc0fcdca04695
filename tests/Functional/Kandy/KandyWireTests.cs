using System.Net;
using System.Text;
using System.Text.Json;
using Steward.Functional.Infrastructure;
using static Steward.Functional.Kandy.KandyKit;

namespace Steward.Functional.Kandy;

/// <summary>The literal wire: envelope, property names and types, methods, as a client written for Kandy sees them.</summary>
public sealed class KandyWireTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task Account_token_call_answers_the_exact_envelope()
    {
        var account = await factory.NewAccountAsync();
        using var http = factory.CreateClient();

        using var response = await http.GetAsync($"/v1.2/accounts/accesstokens?key={Q(account.ApiKey)}&account_api_secret={Q(account.ApiSecret)}");
        var json = await response.ExpectJsonAsync(HttpStatusCode.OK);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["status", "message", "result"], json.Names());
        Assert.Equal(0, json.GetProperty("status").GetInt32());
        Assert.Equal("success", json.GetProperty("message").GetString());
        var result = json.GetProperty("result");
        Assert.Equal(["account_access_token"], result.Names());
        Assert.StartsWith("AAT", result.GetProperty("account_access_token").GetString(), StringComparison.Ordinal);
    }

    [StewardFact]
    public async Task Get_domains_answers_the_seed_shape_with_strings_only()
    {
        var s = await factory.NewKandySessionAsync();
        var domain = await s.NewDomainAsync(projectName: "my domain");

        using var response = await s.Http.GetAsync($"/v1.2/accounts/domains?key={Q(s.AccountToken)}");
        var json = await response.ExpectJsonAsync(HttpStatusCode.OK);
        Assert.Equal(["status", "message", "result"], json.Names());
        Assert.Equal(0, json.GetProperty("status").GetInt32());
        Assert.Equal("success", json.GetProperty("message").GetString());
        Assert.Equal(["domains"], json.GetProperty("result").Names());
        var listed = Assert.Single(json.GetProperty("result").GetProperty("domains").EnumerateArray().ToList());
        Assert.Equal(
            ["domain_api_key", "domain_api_secret", "domain_name", "project_name", "account_number", "account_email", "number_of_users", "next_recurring_payment"],
            listed.Names());
        Assert.All(listed.EnumerateObject(), p => Assert.Equal(JsonValueKind.String, p.Value.ValueKind));
        Assert.Equal(domain.Key, listed.GetProperty("domain_api_key").GetString());
        Assert.Equal(domain.Secret, listed.GetProperty("domain_api_secret").GetString());
        Assert.Equal("my domain", listed.GetProperty("project_name").GetString());
        Assert.Equal("0", listed.GetProperty("number_of_users").GetString());
    }

    [StewardFact]
    public async Task Deletes_answer_their_seed_messages_without_a_result()
    {
        var s = await factory.NewKandySessionAsync();
        var domain = await s.NewDomainAsync();
        var user = await s.NewUserAsync(domain);
        var userToken = await s.UserTokenAsync(domain, user.UserId);
        using var device = await s.Http.PostAsync($"/v1.2/users/devices?key={Q(userToken)}", Json("""{"device_native_id":"n1","device_family":"iphone","device_name":"iphone6","client_sw_version":"1","device_os_version":"8.0"}"""));
        var deviceId = (await device.ExpectJsonAsync(HttpStatusCode.OK)).GetProperty("result").GetProperty("device_id").GetString()!;

        await AssertDeletedAsync(await s.Http.DeleteAsync($"/v1.2/users/devices?key={Q(userToken)}&device_id={Q(deviceId)}"), "Device Deleted");
        await AssertDeletedAsync(await s.Http.DeleteAsync($"/v1.2/domains/users?key={Q(user.UserApiKey)}"), "User Deleted");
        await AssertDeletedAsync(await s.Http.DeleteAsync($"/v1.2/accounts/domains?key={Q(s.AccountToken)}&domain_api_key={Q(domain.Key)}"), "Domain Deleted");
        await AssertDeletedAsync(await s.Http.DeleteAsync($"/v1.2/accounts/accesstokens?key={Q(s.Native.ApiKey)}&account_api_secret={Q(s.Native.ApiSecret)}&account_access_token={Q(s.AccountToken)}"), "success");
    }

    [StewardFact]
    public async Task Created_user_answers_the_documented_fields()
    {
        var s = await factory.NewKandySessionAsync();
        var domain = await s.NewDomainAsync();

        using var response = await s.Http.PostAsync($"/v1.2/domains/users/user_id?key={Q(domain.Token)}", Json("""{"user_id":"russ","user_country_code":"US"}"""));
        var json = await response.ExpectJsonAsync(HttpStatusCode.OK);
        var result = json.GetProperty("result");
        Assert.Equal(["user_id", "user_password", "full_user_id", "domain_name", "user_api_key", "user_api_secret"], result.Names());
        Assert.Equal("russ@" + domain.Name, result.GetProperty("full_user_id").GetString());

        using var users = await s.Http.GetAsync($"/v1.2/domains/users?key={Q(domain.Token)}");
        var listed = Assert.Single((await users.ExpectJsonAsync(HttpStatusCode.OK)).GetProperty("result").GetProperty("users").EnumerateArray().ToList());
        Assert.Equal(
            ["user_api_key", "user_api_secret", "user_id", "domain_name", "user_phone_number", "user_country_code", "full_user_id", "user_first_name", "user_last_name", "user_email"],
            listed.Names());
        Assert.Equal("1", listed.GetProperty("user_country_code").GetString());
    }

    [StewardFact]
    public async Task A_get_never_deletes()
    {
        var s = await factory.NewKandySessionAsync();
        var domain = await s.NewDomainAsync();
        var user = await s.NewUserAsync(domain);

        // The Python wrapper's delete helpers send GET: that is a list (or a missing-parameter error), not a delete.
        using var asDomain = await s.Http.GetAsync($"/v1.2/accounts/domains?key={Q(s.AccountToken)}&domain_api_key={Q(domain.Key)}");
        await asDomain.ExpectJsonAsync(HttpStatusCode.OK);
        using var asUser = await s.Http.GetAsync($"/v1.2/domains/users?key={Q(user.UserApiKey)}");
        await asUser.ExpectKandyErrorAsync(HttpStatusCode.Unauthorized, 4);

        Assert.Single((await s.Account.GetDomainsAsync(s.AccountToken)).Ok().Domains);
        Assert.Single((await s.Domain.GetUsersAsync(domain.Token)).Ok().Users);
    }

    [StewardFact]
    public async Task Unknown_paths_and_methods_answer_the_envelope()
    {
        var account = await factory.NewAccountAsync();
        using var http = factory.CreateClient();

        using var unknown = await http.GetAsync("/v1.2/accounts/nothing-here");
        await unknown.ExpectKandyErrorAsync(HttpStatusCode.NotFound, 6);

        using var wrongMethod = await http.PutAsync($"/v1.2/accounts/domains?key={Q(account.Token)}", Json("{}"));
        var json = await wrongMethod.ExpectKandyErrorAsync(HttpStatusCode.MethodNotAllowed, 6);
        Assert.Contains("GET", json.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [StewardFact]
    public async Task Errors_are_an_envelope_with_a_readable_message_and_no_result()
    {
        var s = await factory.NewKandySessionAsync();
        var domain = await s.NewDomainAsync();
        await s.NewUserAsync(domain, "bob");

        using var response = await s.Http.PostAsync($"/v1.2/domains/users/user_id?key={Q(domain.Token)}", Json("""{"user_id":"bob"}"""));
        var json = await response.ExpectKandyErrorAsync(HttpStatusCode.Conflict, 7);
        Assert.Equal(["status", "message"], json.Names());
        var raw = await response.Content.ReadAsStringAsync();
        Assert.Contains($"user_id 'bob' already exists in domain '{domain.Name}'", raw, StringComparison.Ordinal);
    }

    private static async Task AssertDeletedAsync(HttpResponseMessage response, string message)
    {
        using (response)
        {
            var json = await response.ExpectJsonAsync(HttpStatusCode.OK);
            Assert.Equal(["status", "message"], json.Names());
            Assert.Equal(0, json.GetProperty("status").GetInt32());
            Assert.Equal(message, json.GetProperty("message").GetString());
        }
    }

    internal static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
