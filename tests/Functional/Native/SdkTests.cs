using System.Net;
using Steward.Client;
using Steward.Functional.Infrastructure;

namespace Steward.Functional.Native;

/// <summary>The native API driven through the typed SDK, <see cref="StewardClient"/>.</summary>
public sealed class SdkTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task The_SDK_connects_creates_lists_and_reports_problems()
    {
        var account = await factory.NewAccountAsync();
        using var http = factory.CreateClient();
        var steward = await StewardClient.ConnectAsync(http, account.ApiKey, account.ApiSecret);

        var domain = NativeKit.UniqueDomain();
        var created = await steward.Organisations.CreateAsync("sdk-org", domain, "made by the SDK");
        Assert.StartsWith("org-", created.Id, StringComparison.Ordinal);
        Assert.Equal(account.Id, created.AccountId);
        Assert.Equal(domain, created.DomainName);
        Assert.False(string.IsNullOrEmpty(created.ApiSecret));

        var list = await steward.Organisations.ListAsync();
        Assert.Equal(created.Id, Assert.Single(list.Items).Id);
        Assert.Null(list.NextCursor);

        var read = await steward.Organisations.GetAsync(created.Id);
        Assert.Equal("made by the SDK", read.Description);

        var updated = await steward.Organisations.UpdateAsync(created.Id, description: "changed", ifMatchVersion: read.Version);
        Assert.Equal(read.Version + 1, updated.Version);

        var notFound = await Assert.ThrowsAsync<StewardApiException>(() => steward.Organisations.GetAsync("org-" + Guid.CreateVersion7()));
        Assert.Equal(HttpStatusCode.NotFound, notFound.Status);
        Assert.Equal("not-found", notFound.Problem?.Code);
        Assert.Equal(404, notFound.Problem?.Status);

        var stale = await Assert.ThrowsAsync<StewardApiException>(() => steward.Organisations.UpdateAsync(created.Id, description: "lost", ifMatchVersion: read.Version));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.Status);
        Assert.Equal("version-conflict", stale.Problem?.Code);

        var invalid = await Assert.ThrowsAsync<StewardApiException>(() => steward.Units.CreateAsync(created.Id, "u", billingDay: 29));
        Assert.Equal("validation", invalid.Problem?.Code);
        Assert.True(invalid.Problem?.Errors?.ContainsKey("billing_day"));
    }

    [StewardFact]
    public async Task The_SDK_manages_users_units_devices_credentials_and_reads_events()
    {
        var account = await factory.NewAccountAsync();
        using var http = factory.CreateClient();
        var steward = await StewardClient.ConnectAsync(http, account.ApiKey, account.ApiSecret);

        var org = await steward.Organisations.CreateAsync(NativeKit.Unique("org-"));
        var unit = await steward.Units.CreateAsync(org.Id, "billing", billingDay: 12);
        Assert.Equal(12, unit.BillingDay);
        Assert.Equal(unit.Id, Assert.Single((await steward.Units.ListAsync(org.Id)).Items).Id);

        var user = await steward.Users.CreateAsync(new UserFields(Username: "sdk-user", Email: "sdk@example.com", OrganisationId: org.Id));
        Assert.Equal(org.Id, user.OrganisationId);
        Assert.Equal("member", Assert.Single((await steward.Memberships.ListAsync(org.Id)).Items).Role);
        var renamed = await steward.Users.UpdateAsync(user.Id, new UserFields(FirstName: "Sam"));
        Assert.Equal("Sam", renamed.FirstName);

        var device = await steward.Devices.CreateAsync(user.Id, "native-1", "phone", "pocket");
        Assert.Equal(device.Id, Assert.Single((await steward.Devices.ListAsync(user.Id)).Items).Id);

        var credential = await steward.Credentials.CreateAsync(label: "sdk");
        var rotated = await steward.Credentials.RotateAsync(credential.Id);
        Assert.Equal(credential.ApiKey, rotated.ApiKey);
        Assert.NotEqual(credential.ApiSecret, rotated.ApiSecret);
        var other = await StewardClient.ConnectAsync(http, rotated.ApiKey, rotated.ApiSecret);
        Assert.Single((await other.Organisations.ListAsync()).Items);
        await steward.Credentials.RevokeAsync(credential.Id);
        var refused = await Assert.ThrowsAsync<StewardApiException>(() => other.Organisations.ListAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);

        var events = await steward.Events.ListAsync();
        Assert.Contains(events.Items, e => e.Type == "organisation.created" && e.SubjectId == org.Id);
        Assert.Contains(events.Items, e => e.Type == "device.created" && e.SubjectId == device.Id);

        await steward.Users.DeleteAsync(user.Id);
        await steward.Organisations.DeleteAsync(org.Id);
        Assert.Empty((await steward.Organisations.ListAsync()).Items);
    }
}
