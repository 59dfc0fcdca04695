using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Steward.Client.Kandy;
using Steward.Core.Billing;
using Steward.Functional.Infrastructure;

namespace Steward.Functional.Kandy;

/// <summary>Every call of the Kandy face (docs/FACES.md), happy path, through the SDK client.</summary>
public sealed class KandyCallTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task Account_access_token_is_issued_works_and_is_revoked()
    {
        var s = await factory.NewKandySessionAsync();
        var issued = (await s.Account.GetAccountAccessTokenAsync(s.Native.ApiKey, s.Native.ApiSecret)).Ok();
        Assert.StartsWith("AAT", issued.AccountAccessToken, StringComparison.Ordinal);
        (await s.Account.GetDomainsAsync(issued.AccountAccessToken)).Ok();

        (await s.Account.DeleteAccountAccessTokenAsync(s.Native.ApiKey, s.Native.ApiSecret, issued.AccountAccessToken)).Done();

        (await s.Account.GetDomainsAsync(issued.AccountAccessToken)).Fails(HttpStatusCode.Unauthorized, 4);
        (await s.Account.GetDomainsAsync(s.AccountToken)).Ok();
    }

    [StewardFact]
    public async Task Domain_is_created_listed_and_deleted()
    {
        var s = await factory.NewKandySessionAsync();
        var name = KandyKit.UniqueDomainName();
        var created = (await s.Account.CreateDomainAsync(s.AccountToken, name, "test domain for my account")).Ok();
        Assert.Equal(name, created.DomainName);
        Assert.Equal("test domain for my account", created.ProjectName);
        Assert.StartsWith("DAK", created.DomainApiKey, StringComparison.Ordinal);
        Assert.StartsWith("DAS", created.DomainApiSecret, StringComparison.Ordinal);

        var domains = (await s.Account.GetDomainsAsync(s.AccountToken)).Ok().Domains;
        var listed = Assert.Single(domains);
        Assert.Equal(created, listed);
        Assert.Matches("^[0-9]{8}$", listed.AccountNumber);
        Assert.Equal(s.Native.Name + "@example.com", listed.AccountEmail);
        Assert.Equal("0", listed.NumberOfUsers);
        Assert.Equal("", listed.NextRecurringPayment);

        (await s.Account.DeleteDomainAsync(s.AccountToken, created.DomainApiKey)).Done("Domain Deleted");

        Assert.Empty((await s.Account.GetDomainsAsync(s.AccountToken)).Ok().Domains);
        (await s.Domain.GetDomainAccessTokenAsync(created.DomainApiKey, created.DomainApiSecret)).Fails(HttpStatusCode.Unauthorized, 4);
    }

    [StewardFact]
    public async Task Domain_access_token_is_issued_shows_the_domain_and_is_revoked()
    {
        var s = await factory.NewKandySessionAsync();
        var domain = await s.NewDomainAsync(projectName: "my domain");
        Assert.StartsWith("DAT", domain.Token, StringComparison.Ordinal);

        var detail = (await s.Domain.GetLimitedDomainDetailAsync(domain.Key, domain.Secret, domain.Token)).Ok().Domain;
        Assert.Equal(domain.Info, detail);

        (await s.Domain.DeleteDomainAccessTokenAsync(domain.Key, domain.Secret, domain.Token)).Done();

        (await s.Domain.GetLimitedDomainDetailAsync(domain.Key, domain.Secret, domain.Token)).Fails(HttpStatusCode.Unauthorized, 4);
        (await s.Domain.GetUsersAsync(domain.Token)).Fails(HttpStatusCode.Unauthorized, 4);
    }

    [StewardFact]
    public async Task Users_are_created_by_user_id_listed_detailed_and_deleted()
    {
        var s = await factory.NewKandySessionAsync();
        var domain = await s.NewDomainAsync();

        var russ = (await s.Domain.CreateUserByUserIdAsync(domain.Token, new KandyUserDetails
        {
            UserId = "russ",
            UserCountryCode = "US",
            UserFirstName = "Russ",
            UserLastName = "Cox",
            UserEmail = "russ@example.com",
            UserPassword = "correct horse battery",
        })).Ok();
        Assert.Equal("russ", russ.UserId);
        Assert.Equal("correct horse battery", russ.UserPassword);
        Assert.Equal("russ@" + domain.Name, russ.FullUserId);
        Assert.Equal(domain.Name, russ.DomainName);
        Assert.StartsWith("UAK", russ.UserApiKey, StringComparison.Ordinal);
        Assert.StartsWith("UAS", russ.UserApiSecret, StringComparison.Ordinal);

        // No password given: the server picks one and answers it.
        var ann = (await s.Domain.CreateUserByUserIdAsync(domain.Token, new KandyUserDetails { UserId = "ann" })).Ok();
        Assert.True(ann.UserPassword.Length >= 16, ann.UserPassword);

        var users = (await s.Domain.GetUsersAsync(domain.Token)).Ok().Users;
        Assert.Equal(new[] { "ann", "russ" }, users.Select(u => u.UserId).Order(StringComparer.Ordinal));
        var listed = users.Single(u => u.UserId == "russ");
        Assert.Equal(russ.UserApiKey, listed.UserApiKey);
        Assert.Equal(russ.UserApiSecret, listed.UserApiSecret);
        Assert.Equal(domain.Name, listed.DomainName);
        Assert.Equal("1", listed.UserCountryCode);
        Assert.Equal("", listed.UserPhoneNumber);
        Assert.Equal("russ@" + domain.Name, listed.FullUserId);
        Assert.Equal(("Russ", "Cox", "russ@example.com"), (listed.UserFirstName, listed.UserLastName, listed.UserEmail));

        var token = (await s.User.GetUserAccessTokenAsync(domain.Key, domain.Secret, "russ")).Ok().UserAccessToken;
        Assert.StartsWith("UAT", token, StringComparison.Ordinal);
        var details = (await s.Domain.GetUserDetailsAsync(domain.Token, token)).Ok().Users;
        Assert.Equal(listed, Assert.Single(details));

        var counted = Assert.Single((await s.Account.GetDomainsAsync(s.AccountToken)).Ok().Domains);
        Assert.Equal("2", counted.NumberOfUsers);

        // A domain deletes a user by id; a user deletes itself with its API key.
        (await s.Domain.DeleteUserByIdAsync(domain.Token, "russ")).Done("User Deleted");
        (await s.Domain.DeleteUserAsync(ann.UserApiKey)).Done("User Deleted");

        Assert.Empty((await s.Domain.GetUsersAsync(domain.Token)).Ok().Users);
        (await s.Domain.GetUserDetailsAsync(domain.Token, token)).Fails(HttpStatusCode.Unauthorized, 4);
        (await s.Domain.DeleteUserAsync(ann.UserApiKey)).Fails(HttpStatusCode.Unauthorized, 4);
    }

    [StewardTheory]
    [InlineData("US", "3524096582", "13524096582", "1")]
    [InlineData("us", "(352) 409-6582", "13524096582", "1")]
    [InlineData("1", "3524096582", "13524096582", "1")]
    [InlineData("+44", "7700900123", "447700900123", "44")]
    [InlineData("GB", "+447700900123", "447700900123", "44")]
    public async Task User_id_of_a_phone_user_is_calling_code_and_number(string country, string phone, string expectedId, string expectedCode)
    {
        var s = await factory.NewKandySessionAsync();
        var domain = await s.NewDomainAsync();

        var created = (await s.Domain.CreateUserByPhoneNumberAsync(domain.Token, new KandyUserDetails
        {
            UserPhoneNumber = phone,
            UserCountryCode = country,
        })).Ok();
        Assert.Equal(expectedId, created.UserId);
        Assert.Equal(expectedId + "@" + domain.Name, created.FullUserId);
        Assert.False(string.IsNullOrEmpty(created.UserPassword));

        var listed = Assert.Single((await s.Domain.GetUsersAsync(domain.Token)).Ok().Users);
        Assert.Equal(expectedId, listed.UserId);
        Assert.Equal(expectedId[expectedCode.Length..], listed.UserPhoneNumber);
        Assert.Equal(expectedCode, listed.UserCountryCode);
        Assert.Equal(created.UserApiKey, listed.UserApiKey);
    }

    [StewardFact]
    public async Task Devices_are_created_listed_and_deleted()
    {
        var s = await factory.NewKandySessionAsync();
        var domain = await s.NewDomainAsync();
        var user = await s.NewUserAsync(domain);
        var token = await s.UserTokenAsync(domain, user.UserId);

        var details = new KandyDeviceDetails
        {
            DeviceNativeId = "12345678901234",
            DeviceFamily = "iphone",
            DeviceName = "iphone6",
            ClientSwVersion = "0102001",
            DeviceOsVersion = "8.0",
        };
        var created = (await s.User.CreateDeviceAsync(token, details)).Ok();
        Assert.False(string.IsNullOrEmpty(created.DeviceId));

        var device = Assert.Single((await s.User.GetDevicesAsync(token)).Ok().Devices);
        Assert.Equal(
            new KandyDevice { DeviceId = created.DeviceId, DeviceNativeId = "12345678901234", DeviceFamily = "iphone", DeviceName = "iphone6", ClientSwVersion = "0102001", DeviceOsVersion = "8.0" },
            device);

        (await s.User.DeleteDeviceAsync(token, created.DeviceId)).Done("Device Deleted");
        Assert.Empty((await s.User.GetDevicesAsync(token)).Ok().Devices);
        (await s.User.DeleteDeviceAsync(token, created.DeviceId)).Fails(HttpStatusCode.NotFound, 6);
    }

    [StewardFact]
    public async Task Next_recurring_payment_is_the_next_billing_day_of_the_earliest_unit()
    {
        var s = await factory.NewKandySessionAsync();
        var domain = await s.NewDomainAsync();
        using var native = factory.ClientWithToken(s.Native.Token);
        var orgs = await (await native.GetAsync("/api/v1/organisations")).ExpectJsonAsync(HttpStatusCode.OK);
        var orgId = orgs.GetProperty("items").EnumerateArray().Single(o => o.GetProperty("domain_name").GetString() == domain.Name).GetProperty("id").GetString();
        (await native.PostAsJsonAsync($"/api/v1/organisations/{orgId}/units", new { name = "first", billing_day = 19 })).EnsureSuccessStatusCode();
        (await native.PostAsJsonAsync($"/api/v1/organisations/{orgId}/units", new { name = "second", billing_day = 3 })).EnsureSuccessStatusCode();

        var listed = Assert.Single((await s.Account.GetDomainsAsync(s.AccountToken)).Ok().Domains);
        var today = DateOnly.FromDateTime(factory.Time.GetUtcNow().UtcDateTime);
        Assert.Equal(BillingDay.Next(today, 19).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), listed.NextRecurringPayment);
    }
}
