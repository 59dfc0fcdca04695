using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Steward.Cli.Tests.Infrastructure;
using Steward.Core.Access;
using Steward.Core.Assets;
using Steward.Core.Events;
using Steward.Core.Idempotency;
using Steward.Core.Security;
using Steward.Core.Storage;

namespace Steward.Cli.Tests;

public sealed class RotateMasterKeyTests
{
    [Fact]
    public async Task Rotation_reencrypts_every_stored_secret_and_they_still_verify_and_decrypt()
    {
        await using var store = await TestStore.Sqlite().MigratedAsync();
        var root = await store.RunExpectingAsync(ExitCodes.Ok, "bootstrap", "--json");
        SeededAccount acme;
        await using (var core = store.OpenCore())
        {
            acme = await Seed.FullAccountAsync(core, "Acme");

            // A remembered answer to a POST is stored encrypted too.
            var idempotency = core.GetRequiredService<IdempotencyStore>();
            await idempotency.BeginAsync(Principal.System, "key-1", "hash");
            await idempotency.CompleteAsync(Principal.System, "key-1", 201, "application/json", """{"api_secret":"AASremembered"}""", null);
        }

        var oldId = KeyRing.KeyId(store.MasterKey);
        var rotated = await store.RunExpectingAsync(ExitCodes.Ok, "rotate-master-key");
        var (primary, previous) = KeyRing.ReadKeyFile(store.MasterKeyFile);
        var newId = KeyRing.KeyId(primary);
        Assert.Equal(store.MasterKey, Assert.Single(previous));
        Files.AssertOwnerOnly(store.MasterKeyFile);
        Assert.Contains($"Re-encrypted 10 stored secret(s) under master key {newId} (it was {oldId}).", rotated.Out, StringComparison.Ordinal);
        Assert.Contains("Restart every Steward instance", rotated.Out, StringComparison.Ordinal);

        await AssertSecretsAsync(store, acme, newId, "AASremembered");

        // Encrypted under the new key: the old key alone no longer reads them.
        await using (var core = store.OpenCore())
        {
            await using var db = await core.GetRequiredService<IDbContextFactory<StewardDb>>().CreateDbContextAsync();
            var cipher = (await db.Credentials.FirstAsync(c => c.ApiKey == acme.ApiKey)).SecretCipher;
            Assert.Throws<CryptographicException>(() => new SecretProtector(new KeyRing(store.MasterKey)).Unprotect(cipher));
            var rotation = await db.Events.SingleAsync(e => e.Type == "master_key.rotated");
            Assert.Contains($"\"key_id\":\"{newId}\"", rotation.Data, StringComparison.Ordinal);
            Assert.Contains($"\"previous_key_id\":\"{oldId}\"", rotation.Data, StringComparison.Ordinal);
            Assert.Null(rotation.AccountId);
        }

        // Secrets still verify: tokens are issued for the root and the account.
        using (var json = System.Text.Json.JsonDocument.Parse(root.Out))
        {
            await store.RunExpectingAsync(ExitCodes.Ok, "token", "--api-key", json.RootElement.GetProperty("api_key").GetString()!,
                "--api-secret", json.RootElement.GetProperty("api_secret").GetString()!);
        }

        await store.RunExpectingAsync(ExitCodes.Ok, "token", "--api-key", acme.ApiKey, "--api-secret", acme.ApiSecret);

        // A second rotation keeps every older key in the file.
        await store.RunExpectingAsync(ExitCodes.Ok, "rotate-master-key");
        var (third, older) = KeyRing.ReadKeyFile(store.MasterKeyFile);
        Assert.Equal([newId, oldId], older.Select(KeyRing.KeyId));
        await AssertSecretsAsync(store, acme, KeyRing.KeyId(third), "AASremembered");
    }

    [Fact]
    public async Task An_inline_master_key_is_rotated_into_a_new_key_file()
    {
        await using var store = await TestStore.Sqlite().MigratedAsync();
        File.Delete(store.MasterKeyFile);
        store.Settings["Steward:MasterKey"] = Convert.ToBase64String(store.MasterKey);
        SeededAccount acme;
        await using (var core = store.OpenCore())
        {
            acme = await Seed.FullAccountAsync(core, "Acme");
        }

        var usage = await store.RunExpectingAsync(ExitCodes.Usage, "rotate-master-key");
        Assert.Contains("give --out <file>", usage.Error, StringComparison.Ordinal);

        var keyFile = Path.Combine(store.Directory, "keys", "steward.key");
        var rotated = await store.RunExpectingAsync(ExitCodes.Ok, "rotate-master-key", "--out", keyFile);
        Assert.Contains($"Steward__MasterKeyFile={keyFile}", rotated.Out, StringComparison.Ordinal);
        Assert.Contains("remove Steward__MasterKey", rotated.Out, StringComparison.Ordinal);
        Assert.False(File.Exists(store.MasterKeyFile));
        await store.RunExpectingAsync(ExitCodes.Refused, "rotate-master-key", "--out", keyFile);

        // Configured as printed, the new file reads every secret.
        store.Settings.Remove("Steward:MasterKey");
        store.Settings["Steward:MasterKeyFile"] = keyFile;
        await AssertSecretsAsync(store, acme, KeyRing.KeyId(KeyRing.ReadKeyFile(keyFile).Primary), null);
        await store.RunExpectingAsync(ExitCodes.Ok, "token", "--api-key", acme.ApiKey, "--api-secret", acme.ApiSecret);
    }

    [Fact]
    public async Task A_secret_no_key_can_decrypt_stops_the_rotation_and_nothing_changes()
    {
        await using var store = await TestStore.Sqlite().MigratedAsync();
        SeededAccount acme;
        await using (var core = store.OpenCore())
        {
            acme = await Seed.FullAccountAsync(core, "Acme");
            await using var db = await core.GetRequiredService<IDbContextFactory<StewardDb>>().CreateDbContextAsync();
            var alien = new SecretProtector(new KeyRing(RandomNumberGenerator.GetBytes(32))).Protect("AASalien");
            await db.Credentials.Where(c => c.ApiKey == acme.ApiKey).ExecuteUpdateAsync(s => s.SetProperty(c => c.SecretCipher, alien));
        }

        var refused = await store.RunExpectingAsync(ExitCodes.Refused, "rotate-master-key");
        Assert.Contains("credentials.secret_cipher cannot be decrypted", refused.Error, StringComparison.Ordinal);
        Assert.Contains("safe to use or to discard", refused.Error, StringComparison.Ordinal);

        await using (var core = store.OpenCore())
        {
            await using var db = await core.GetRequiredService<IDbContextFactory<StewardDb>>().CreateDbContextAsync();
            var oldId = KeyRing.KeyId(store.MasterKey);
            var others = await db.Credentials.Where(c => c.ApiKey != acme.ApiKey).Select(c => c.SecretCipher).ToListAsync();
            Assert.All(others, c => Assert.StartsWith($"v1.{oldId}.", c, StringComparison.Ordinal));
            Assert.False(await db.Events.AnyAsync(e => e.Type == "master_key.rotated"));
        }
    }

    /// <summary>Every stored secret is under <paramref name="keyId"/> and decrypts, with the configured keys, to what it was.</summary>
    private static async Task AssertSecretsAsync(TestStore store, SeededAccount acme, string keyId, string? rememberedSecret)
    {
        await using var core = store.OpenCore();
        await using var db = await core.GetRequiredService<IDbContextFactory<StewardDb>>().CreateDbContextAsync();
        var protector = core.GetRequiredService<SecretProtector>();
        Assert.All(await db.Credentials.Select(c => c.SecretCipher).ToListAsync(), c => Assert.StartsWith($"v1.{keyId}.", c, StringComparison.Ordinal));
        foreach (var (key, secret) in acme.Secrets)
        {
            Assert.Equal(secret, protector.Unprotect((await db.Credentials.SingleAsync(c => c.ApiKey == key)).SecretCipher));
        }

        var asset = await db.Set<Asset>().SingleAsync(a => a.Id == acme.SecretAsset.Id);
        Assert.StartsWith($"v1.{keyId}.", asset.SecretCipher, StringComparison.Ordinal);
        Assert.Equal(acme.SecretAsset.Content, protector.Unprotect(asset.SecretCipher!));

        if (rememberedSecret is not null)
        {
            var body = (await db.IdempotencyRecords.SingleAsync()).Body!;
            Assert.StartsWith($"v1.{keyId}.", body, StringComparison.Ordinal);
            Assert.Contains(rememberedSecret, protector.Unprotect(body), StringComparison.Ordinal);
        }
    }
}
