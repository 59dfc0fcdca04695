using System.Net;
using System.Text;
using Steward.Client;
using Steward.Functional.Infrastructure;
using Steward.Functional.Native;

namespace Steward.Functional.Assets;

/// <summary>Assets through the typed SDK's <c>Assets</c> sub-client, for an account and for a merchant.</summary>
public sealed class AssetsSdkTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task The_SDK_creates_attaches_reveals_and_deletes_assets()
    {
        var account = await factory.NewAccountAsync();
        using var http = factory.CreateClient();
        var steward = await StewardClient.ConnectAsync(http, account.ApiKey, account.ApiSecret);
        var org = await steward.Organisations.CreateAsync(NativeKit.Unique("org-"));

        var secret = await steward.Assets.CreateAsync("api-token", "organisation", org.Id, "t0ken", secret: true, description: "for the DM");
        Assert.Equal("organisation", secret.Scope);
        Assert.Equal(org.Id, secret.ScopeId);
        Assert.Null(secret.Content);
        using var file = new MemoryStream(Encoding.UTF8.GetBytes("a = 1\n"));
        var fromFile = await steward.Assets.CreateFromFileAsync("settings", "global", null, file, "settings.toml");
        Assert.Equal("a = 1\n", fromFile.Content);
        Assert.True(file.CanRead);

        Assert.Equal([secret.Id, fromFile.Id], (await steward.Assets.ListAsync()).Items.Select(a => a.Id));
        Assert.Equal([secret.Id], (await steward.Assets.ListAsync(scopeId: org.Id)).Items.Select(a => a.Id));
        var renamed = await steward.Assets.UpdateAsync(fromFile.Id, name: "settings-2", content: "a = 2\n", ifMatchVersion: fromFile.Version);
        Assert.Equal("settings-2", renamed.Name);
        Assert.Equal("a = 2\n", (await steward.Assets.GetAsync(fromFile.Id)).Content);
        Assert.False((await steward.Assets.DisableAsync(fromFile.Id)).Enabled);
        Assert.True((await steward.Assets.EnableAsync(fromFile.Id)).Enabled);

        var merchant = await steward.Merchants.CreateAsync("dm", "dm.example.com");
        var attached = await steward.Assets.AttachAsync(secret.Id, merchant.Id);
        Assert.Equal(merchant.Id, Assert.Single(attached.Merchants).Id);
        var dm = await StewardClient.ConnectAsync(http, merchant.ApiKey, merchant.ApiSecret);
        var content = await dm.Assets.GetContentAsync(secret.Id);
        Assert.Equal("t0ken", content.Content);
        Assert.True(content.Secret);

        var refused = await Assert.ThrowsAsync<StewardApiException>(() => steward.Assets.DeleteAsync(secret.Id));
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        await steward.Assets.DetachAsync(secret.Id, merchant.Id);
        await steward.Assets.DeleteAsync(secret.Id);
        var gone = await Assert.ThrowsAsync<StewardApiException>(() => steward.Assets.GetAsync(secret.Id));
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
    }
}
