using Microsoft.Extensions.DependencyInjection;
using Steward.Core.Access;
using Steward.Core.Assets;
using Steward.Core.Identity;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Tenancy;
using Steward.Core.Billing;
using Steward.Core.Catalog;
using Steward.Core.Webhooks;

namespace Steward.Cli.Tests.Infrastructure;

/// <summary>An account seeded with one of everything it can own, and the secrets it was given.</summary>
public sealed record SeededAccount(Guid AccountId, string ApiKey, string ApiSecret, Guid OrganisationId, Guid UserId, IReadOnlyDictionary<string, string> Secrets)
{
    /// <summary>A secret asset of the account and its content (stored encrypted).</summary>
    public (Guid Id, string Content) SecretAsset { get; init; }

    public string PublicId => Steward.Core.Ids.PublicId.Of<Account>(AccountId);
}

/// <summary>Creates data through the core's services, as the API would.</summary>
public static class Seed
{
    /// <summary>
    /// An account with organisations, a unit owned by a user, memberships, users (one with a password,
    /// one at account level), a device, an extra credential and a revoked one (hence a revocation), a
    /// secret asset and a unit's asset, and the events all of that appended.
    /// </summary>
    public static async Task<SeededAccount> FullAccountAsync(IServiceProvider core, string name)
    {
        var root = Principal.System;
        var slug = name.ToLowerInvariant() + Guid.NewGuid().ToString("N")[..6];
        var secrets = new Dictionary<string, string>();
        var account = Ok(await core.GetRequiredService<AccountService>().CreateAsync(root, new AccountInput(name, $"ops@{slug}.example")));
        secrets[account.Credential.Credential.ApiKey] = account.Credential.Secret;
        var accountId = account.Account.Id;

        var organisations = core.GetRequiredService<OrganisationService>();
        var engineering = Ok(await organisations.CreateAsync(root, new OrganisationInput("Engineering", $"eng.{slug}.example", "Builds things", accountId)));
        var sales = Ok(await organisations.CreateAsync(root, new OrganisationInput("Sales", null, null, accountId)));
        secrets[engineering.Credential.Credential.ApiKey] = engineering.Credential.Secret;
        secrets[sales.Credential.Credential.ApiKey] = sales.Credential.Secret;

        var users = core.GetRequiredService<UserService>();
        var bob = Ok(await users.CreateAsync(root, new UserInput("bob", $"bob@{slug}.example", "Bob", "Builder", "+441234567890", "GB", "correct horse battery", engineering.Organisation.Id)));
        var alice = Ok(await users.CreateAsync(root, new UserInput("alice", $"alice@{slug}.example", AccountId: accountId, ExternalId: "cus_42")));
        secrets[bob.Credential.Credential.ApiKey] = bob.Credential.Secret;
        secrets[alice.Credential.Credential.ApiKey] = alice.Credential.Secret;

        var main = Ok(await core.GetRequiredService<UnitService>().CreateAsync(root, engineering.Organisation.Id, new UnitInput("Main", 7)));
        Ok(await core.GetRequiredService<UnitService>().CreateAsync(root, engineering.Organisation.Id, new UnitInput("Bob's", 28, bob.User.Id)));
        var memberships = core.GetRequiredService<MembershipService>();
        Ok(await memberships.AddAsync(root, engineering.Organisation.Id, alice.User.Id, "admin"));
        Ok(await memberships.AddAsync(root, sales.Organisation.Id, bob.User.Id, "member"));
        Ok(await core.GetRequiredService<DeviceService>().CreateAsync(root, bob.User.Id, new DeviceInput("native-1", "ios", "Bob's phone", "2.1", "17.4")));

        var credentials = core.GetRequiredService<CredentialService>();
        var extra = Ok(await credentials.CreateAsync(root, PublicId.Of<Account>(accountId), "ci"));
        secrets[extra.Credential.ApiKey] = extra.Secret;
        var doomed = Ok(await credentials.CreateAsync(root, PublicId.Of<Account>(accountId), "old"));
        Ok(await credentials.RevokeAsync(root, doomed.Credential.Id));

        var assets = core.GetRequiredService<AssetService>();
        var assetSecret = "licence-" + slug;
        var secretAsset = Ok(await assets.CreateAsync(root, new AssetInput("licence", "global", Secret: true, Content: assetSecret, AccountId: accountId)));
        Ok(await assets.CreateAsync(root, new AssetInput("settings", "unit", PublicId.Of<Unit>(main.Id), "Unit settings", Content: "a = 1")));

        return new SeededAccount(accountId, account.Credential.Credential.ApiKey, account.Credential.Secret, engineering.Organisation.Id, bob.User.Id, secrets)
        {
            SecretAsset = (secretAsset.Asset.Id, assetSecret),
        };
    }

    /// <summary>
    /// The account's commerce and webhooks: its own product type, a plan (features, tags, two versions), a user's
    /// subscription, its own merchant and a platform merchant, a product with charges from both (hence daily totals
    /// and a billing period), and a webhook endpoint.
    /// </summary>
    public static async Task CommerceAsync(IServiceProvider core, SeededAccount account)
    {
        var root = Principal.System;
        var accountId = account.AccountId;
        Ok(await core.GetRequiredService<ProductTypeCatalog>().CreateAsync(root,
            new ProductTypeInput("ACME_BACKUP", "tier", ["BRONZE", "GOLD"], "BACKUP", "Backups", accountId)));

        var plans = core.GetRequiredService<PlanService>();
        var plan = Ok(await plans.CreateAsync(root, new PlanInput
        {
            AccountId = accountId, Uid = "pro-" + accountId.ToString("N")[..8], Name = "Pro", Description = "For teams",
            Tags = ["mail", "featured"], Position = 2, TrialDays = 14, Price = 12.50m, CurrencyCode = "EUR",
            DurationQuantity = 1, DurationUnits = "months", PlanType = "regular", FeatureLevel = "pro",
            ResellerDomainCents = 50, ResellerMailboxCents = 5, ReturnUrl = "https://acme.example/thanks",
            Features = [new PlanFeatureInput("Mailboxes", "25 mailboxes", null, 1), new PlanFeatureInput("Support", "24/7", "Phone and mail", 2)],
        }));
        Ok(await plans.UpdateAsync(root, plan.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new PlanInput { Price = 14m }, null));
        Ok(await core.GetRequiredService<SubscriptionService>().SubscribeAsync(root, account.UserId,
            new SubscribeInput(plan.Number.ToString(System.Globalization.CultureInfo.InvariantCulture))));

        // A subscription site's subscriber (the Spreedly face), subscribed and charged a fee (an invoice with a line).
        var subscriber = Ok(await core.GetRequiredService<SubscriberService>().CreateAsync(root, accountId, new SubscriberInput("4242", "carl", "carl@acme.example")));
        var subscriptions = core.GetRequiredService<SubscriptionService>();
        Ok(await subscriptions.SubscribeAsync(root, subscriber.User.Id,
            new SubscribeInput(plan.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), Recurring: true)));
        Ok(await subscriptions.AddFeeAsync(root, subscriber.User.Id, new FeeInput("Setup", "One-off setup", "setup", 5.25m)));

        var merchants = core.GetRequiredService<MerchantService>();
        var own = Ok(await merchants.CreateAsync(root, new MerchantInput("Acme Compute", "DATA_MANAGER", "compute.acme.example", accountId)));
        var platform = Ok(await merchants.CreateAsync(root, new MerchantInput("Platform Storage " + accountId.ToString("N")[..6], "DATA_MANAGER", "storage.example")));

        var attachments = core.GetRequiredService<AssetMerchants>();
        Ok(await attachments.AttachAsync(root, account.SecretAsset.Id, own.Merchant.Id));
        Ok(await attachments.AttachAsync(root, account.SecretAsset.Id, platform.Merchant.Id));

        var unit = Ok(await core.GetRequiredService<UnitService>().CreateAsync(root, account.OrganisationId, new UnitInput("Billing", 1)));
        var product = Ok(await core.GetRequiredService<ProductService>().CreateAsync(root, unit.Id,
            new ProductInput("Storage", "DATA_MANAGER_STORAGE_SUBSCRIPTION", Allowance: "100", Limit: "150")));
        var productId = PublicId.Of<Product>(product.Row.Product.Id);
        var charges = core.GetRequiredService<ChargeService>();
        foreach (var (merchant, external, coins) in new[] { (own, "job-1", "1.250000"), (own, "job-2", "0.5"), (platform, "store-1", "3") })
        {
            var caller = Principal.FromCredential(Ok(await core.GetRequiredService<CredentialService>()
                .VerifyAsync(merchant.Credential.Credential.ApiKey, merchant.Credential.Secret)));
            Ok(await charges.RecordAsync(caller, [new ChargeLineInput(productId, external, "processing", coins, "bob", "Job " + external)]));
        }

        // A public address, without asking DNS for a name that does not exist.
        core.GetRequiredService<WebhookTargets>().Resolve = (_, _) => Task.FromResult(new[] { System.Net.IPAddress.Parse("93.184.216.34") });
        Ok(await core.GetRequiredService<WebhookService>().CreateAsync(root,
            new WebhookInput("https://hooks.acme.example/steward", ["user.*", "organisation.created"], true, "ops", accountId)));
    }

    public static async Task<Guid> AccountAsync(IServiceProvider core, string name)
    {
        var created = Ok(await core.GetRequiredService<AccountService>().CreateAsync(Principal.System, new AccountInput(name, $"ops@{name.ToLowerInvariant()}.example")));
        return created.Account.Id;
    }

    public static T Ok<T>(Result<T> result)
    {
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value;
    }
}
