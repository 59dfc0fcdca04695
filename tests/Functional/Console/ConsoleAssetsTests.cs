using System.Net;
using Steward.Functional.Assets;
using Steward.Functional.Infrastructure;
using Steward.Functional.Native;

namespace Steward.Functional.AdminConsole;

/// <summary>The console's list of assets: a tenant's own, filtered by scope, and never a secret's content.</summary>
public sealed class ConsoleAssetsTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task The_assets_list_shows_own_assets_by_scope_and_never_their_content()
    {
        using var a = await factory.NewTenantAsync();
        using var b = await factory.NewTenantAsync();
        var (_, unitId, _) = await a.Http.NewProductTreeAsync();
        var secret = await a.Http.NewAssetAsync(new { name = NativeKit.Unique("licence"), scope = "global", secret = true, content = "TOP-SECRET-VALUE" });
        var config = await a.Http.NewAssetAsync(new { name = NativeKit.Unique("settings"), scope = "unit", scope_id = unitId, content = "plain-config-value" });
        var theirs = await b.Http.NewAssetAsync(new { name = NativeKit.Unique("theirs"), scope = "global", content = "x" });

        using var console = await ConsoleClient.SignInAsync(factory, a.Account);
        var all = await console.GetAsync("/console/assets");
        Assert.Equal(HttpStatusCode.OK, all.Status);
        Assert.Contains(secret.Str("name"), all.Html, StringComparison.Ordinal);
        Assert.Contains(config.Str("name"), all.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.Str("name"), all.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("TOP-SECRET-VALUE", all.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("plain-config-value", all.Html, StringComparison.Ordinal);

        var ofUnit = await console.GetAsync($"/console/assets?scope=unit&scope_id={unitId}");
        Assert.Contains(config.Str("name"), ofUnit.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(secret.Str("name"), ofUnit.Html, StringComparison.Ordinal);

        // The stylesheet beside it is still served to anyone.
        using var anonymous = ConsoleClient.Create(factory);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/console/assets/console.css")).Status);
        Assert.Equal(HttpStatusCode.Found, (await anonymous.GetAsync("/console/assets")).Status);
    }
}
