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
        var created = await steward.CreateOrganisationAsync("sdk-org", domain, "made by the SDK");
        Assert.StartsWith("org-", created.Id, StringComparison.Ordinal);
        Assert.Equal(account.Id, created.AccountId);
        Assert.Equal(domain, created.DomainName);
        Assert.False(string.IsNullOrEmpty(created.ApiSecret));

        var list = await steward.ListOrganisationsAsync();
        Assert.Equal(created.Id, Assert.Single(list.Items).Id);
        Assert.Null(list.NextCursor);

        var read = await steward.GetOrganisationAsync(created.Id);
        Assert.Equal("made by the SDK", read.Description);

        var updated = await steward.UpdateOrganisationAsync(created.Id, description: "changed", ifMatchVersion: read.Version);
        Assert.Equal(read.Version + 1, updated.Version);

        var notFound = await Assert.ThrowsAsync<StewardApiException>(() => steward.GetOrganisationAsync("org-" + Guid.CreateVersion7()));
        Assert.Equal(HttpStatusCode.NotFound, notFound.Status);
        Assert.Equal("not-found", notFound.Problem?.Code);
        Assert.Equal(404, notFound.Problem?.Status);

        var stale = await Assert.ThrowsAsync<StewardApiException>(() => steward.UpdateOrganisationAsync(created.Id, description: "lost", ifMatchVersion: read.Version));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.Status);
        Assert.Equal("version-conflict", stale.Problem?.Code);

        var invalid = await Assert.ThrowsAsync<StewardApiException>(() => steward.CreateUnitAsync(created.Id, "u", billingDay: 29));
        Assert.Equal("validation", invalid.Problem?.Code);
        Assert.True(invalid.Problem?.Errors?.ContainsKey("billing_day"));
    }

    [StewardFact]
    public async Task The_SDK_manages_users_units_devices_credentials_and_reads_events()
    {
        var account = await factory.NewAccountAsync();
        using var http = factory.CreateClient();
        var steward = await StewardClient.ConnectAsync(http, account.ApiKey, account.ApiSecret);

        var org = await steward.CreateOrganisationAsync(NativeKit.Unique("org-"));
        var unit = await steward.CreateUnitAsync(org.Id, "billing", billingDay: 12);
        Assert.Equal(12, unit.BillingDay);
        Assert.Equal(unit.Id, Assert.Single((await steward.ListUnitsAsync(org.Id)).Items).Id);

        var user = await steward.CreateUserAsync(new UserFields(Username: "sdk-user", Email: "sdk@example.com", OrganisationId: org.Id));
        Assert.Equal(org.Id, user.OrganisationId);
        Assert.Equal("member", Assert.Single((await steward.ListMembershipsAsync(org.Id)).Items).Role);
        var renamed = await steward.UpdateUserAsync(user.Id, new UserFields(FirstName: "Sam"));
        Assert.Equal("Sam", renamed.FirstName);

        var device = await steward.CreateDeviceAsync(user.Id, "native-1", "phone", "pocket");
        Assert.Equal(device.Id, Assert.Single((await steward.ListDevicesAsync(user.Id)).Items).Id);

        var credential = await steward.CreateCredentialAsync(label: "sdk");
        var rotated = await steward.RotateCredentialAsync(credential.Id);
        Assert.Equal(credential.ApiKey, rotated.ApiKey);
        Assert.NotEqual(credential.ApiSecret, rotated.ApiSecret);
        var other = await StewardClient.ConnectAsync(http, rotated.ApiKey, rotated.ApiSecret);
        Assert.Single((await other.ListOrganisationsAsync()).Items);
        await steward.RevokeCredentialAsync(credential.Id);
        var refused = await Assert.ThrowsAsync<StewardApiException>(() => other.ListOrganisationsAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);

        var events = await steward.ListEventsAsync();
        Assert.Contains(events.Items, e => e.Type == "organisation.created" && e.SubjectId == org.Id);
        Assert.Contains(events.Items, e => e.Type == "device.created" && e.SubjectId == device.Id);

        await steward.DeleteUserAsync(user.Id);
        await steward.DeleteOrganisationAsync(org.Id);
        Assert.Empty((await steward.ListOrganisationsAsync()).Items);
    }
}
