using Microsoft.Extensions.DependencyInjection;
using Steward.Core.Access;
using Steward.Core.Assets;
using Steward.Core.Identity;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Tenancy;

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
