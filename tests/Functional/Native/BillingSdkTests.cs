using System.Net;
using Steward.Client;
using Steward.Functional.Infrastructure;

namespace Steward.Functional.Native;

/// <summary>Merchants, products and charges through the typed SDK's <c>Merchants</c>, <c>Products</c> and <c>Charges</c>.</summary>
public sealed class BillingSdkTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task The_SDK_registers_a_merchant_subscribes_a_unit_and_posts_and_reads_charges()
    {
        var account = await factory.NewAccountAsync();
        using var http = factory.CreateClient();
        var steward = await StewardClient.ConnectAsync(http, account.ApiKey, account.ApiSecret);

        var merchant = await steward.Merchants.CreateAsync("dm", "dm.example.com");
        Assert.Equal(account.Id, merchant.AccountId);
        Assert.StartsWith("MAS", merchant.ApiSecret, StringComparison.Ordinal);
        Assert.Contains(merchant.Id, (await steward.Merchants.ListAsync()).Items.Select(m => m.Id));
        var renamed = await steward.Merchants.UpdateAsync(merchant.Id, name: "data manager", ifMatchVersion: merchant.Version);
        Assert.Equal("data manager", (await steward.Merchants.GetAsync(merchant.Id)).Name);
        Assert.Equal(merchant.Version + 1, renamed.Version);

        var org = await steward.Organisations.CreateAsync(NativeKit.Unique("org-"));
        var unit = await steward.Units.CreateAsync(org.Id, "billing", billingDay: 1);
        var storage = await steward.Products.CreateAsync(unit.Id, "storage", "DATA_MANAGER_STORAGE_SUBSCRIPTION", allowance: 10.5m, limit: 20m);
        Assert.Equal(20m, storage.Coins.Limit);
        var tier = await steward.Products.CreateAsync(unit.Id, "tier", "DATA_MANAGER_PROJECT_TIER_SUBSCRIPTION", flavour: "GOLD");
        Assert.Equal([storage.Id, tier.Id], (await steward.Products.ListForUnitAsync(unit.Id)).Items.Select(p => p.Id));
        Assert.Equal(2, (await steward.Products.ListForOrganisationAsync(org.Id)).Items.Count);
        Assert.Equal(2, (await steward.Products.ListAsync()).Items.Count);
        Assert.Equal(30m, (await steward.Products.UpdateAsync(storage.Id, limit: 30m)).Limit);

        var dm = await StewardClient.ConnectAsync(http, merchant.ApiKey, merchant.ApiSecret);
        var recorded = await dm.Charges.RecordAsync(
        [
            new ChargeLine(storage.Id, "s-1", "storage", 1.25m, BurnRate: 1.25m),
            new ChargeLine(storage.Id, "p-1", "processing", 2m, Username: "alice", Name: "job", Sqn: 7, AdditionalData: new { job = "j-1" }),
        ]);
        Assert.Equal(new RecordedCharges(2, 0), recorded);
        Assert.Equal(new RecordedCharges(0, 1), await dm.Charges.RecordAsync([new ChargeLine(storage.Id, "p-1", "processing", 2m, Username: "alice")]));
        var claimed = await dm.Products.ClaimAsync(tier.Id, "project-1", "Project one");
        Assert.Equal("project-1", claimed.Claim?.Id);
        await dm.Products.ReleaseClaimAsync(tier.Id);

        var coins = (await steward.Products.GetAsync(storage.Id)).Coins;
        Assert.Equal(3.25m, coins.Used);
        Assert.Equal(1.25m, coins.CurrentBurnRate);
        Assert.False(coins.AtLimit);

        var charges = await steward.Charges.ForProductAsync(storage.Id);
        Assert.Equal(3.25m, charges.Totals.Coins);
        Assert.Equal(0, charges.Pbp);
        var line = charges.Lines.Single(l => l.ExternalId == "p-1");
        Assert.Equal("processing", line.Kind);
        Assert.Equal(7, line.Sqn);
        Assert.Equal("data manager", line.MerchantName);
        Assert.Equal("j-1", line.AdditionalData?.GetProperty("job").GetString());
        Assert.Equal(3.25m, (await steward.Charges.ForUnitAsync(unit.Id)).Totals.Coins);
        Assert.Equal(3.25m, (await steward.Charges.ForOrganisationAsync(org.Id, pbp: 0)).Totals.Coins);
        Assert.Equal(3.25m, (await steward.Charges.ForAccountAsync()).Totals.Coins);
        var today = DateOnly.FromDateTime(factory.Time.GetUtcNow().UtcDateTime);
        Assert.Equal(3.25m, (await steward.Charges.ForProductAsync(storage.Id, from: today, until: today.AddDays(1))).Totals.Coins);

        var invalid = await Assert.ThrowsAsync<StewardApiException>(() => dm.Charges.RecordAsync([new ChargeLine(storage.Id, "bad", "refund", 1m)]));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.True(invalid.Problem?.Errors?.ContainsKey("lines[0].kind"));

        await steward.Products.DeleteAsync(tier.Id);
        var gone = await Assert.ThrowsAsync<StewardApiException>(() => steward.Products.GetAsync(tier.Id));
        Assert.Equal("not-found", gone.Problem?.Code);
        var refused = await Assert.ThrowsAsync<StewardApiException>(() => steward.Merchants.DeleteAsync(merchant.Id));
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
    }
}
