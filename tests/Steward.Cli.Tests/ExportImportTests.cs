using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Steward.Cli.Commands;
using Steward.Cli.Tests.Infrastructure;
using Steward.Core.Access;
using Steward.Core.Events;
using Steward.Core.Security;
using Steward.Core.Storage;
using Steward.Core.Webhooks;

namespace Steward.Cli.Tests;

public sealed class ExportImportTests
{
    [Fact]
    public Task Export_then_import_reproduces_the_account_row_for_row_on_sqlite() => RoundTripAsync("Sqlite");

    [PostgresFact]
    public Task Export_then_import_reproduces_the_account_row_for_row_on_postgres() => RoundTripAsync("Postgres");

    [Fact]
    public async Task Import_under_another_master_key_is_refused_and_writes_nothing()
    {
        await using var source = await TestStore.Sqlite().MigratedAsync();
        var (acme, file) = await SeedAndExportAsync(source);
        await using var target = await TestStore.Sqlite().MigratedAsync();

        var refused = await target.RunExpectingAsync(ExitCodes.Refused, "import", file);
        Assert.Contains($"encrypted with master key {KeyRing.KeyId(source.MasterKey)}", refused.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was imported", refused.Error, StringComparison.Ordinal);
        Assert.Empty(ListingTests.Items(await target.RunExpectingAsync(ExitCodes.Ok, "accounts", "list", "--json"), out _));
        Assert.All((await Rows.OfAccountAsync(target, acme.AccountId, withoutGeneratedKeys: true)).Values, Assert.Empty);
    }

    [Fact]
    public async Task Import_is_refused_when_the_account_or_its_number_exists()
    {
        await using var source = await TestStore.Sqlite().MigratedAsync();
        var (acme, file) = await SeedAndExportAsync(source);

        // Into its own database: the account exists.
        var again = await source.RunExpectingAsync(ExitCodes.Refused, "import", file);
        Assert.Contains($"Account {acme.PublicId} already exists", again.Error, StringComparison.Ordinal);

        // Into a database whose account number 1 is another account's.
        await using var target = await TestStore.Sqlite(source.MasterKey).MigratedAsync();
        await using (var core = target.OpenCore())
        {
            await Seed.AccountAsync(core, "Initech");
        }

        var taken = await target.RunExpectingAsync(ExitCodes.Refused, "import", file);
        Assert.Contains("already has number 1", taken.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Damaged_or_foreign_files_are_refused()
    {
        await using var source = await TestStore.Sqlite().MigratedAsync();
        var (_, file) = await SeedAndExportAsync(source);
        await using var target = await TestStore.Sqlite(source.MasterKey).MigratedAsync();
        var original = JsonNode.Parse(await File.ReadAllTextAsync(file))!;

        async Task<CliResult> ImportEditedAsync(string name, Action<JsonNode> edit)
        {
            var copy = original.DeepClone();
            edit(copy);
            var path = Path.Combine(target.Directory, name);
            await File.WriteAllTextAsync(path, copy.ToJsonString());
            return await target.RunExpectingAsync(ExitCodes.Failure, "import", path);
        }

        var notJson = Path.Combine(target.Directory, "not.json");
        await File.WriteAllTextAsync(notJson, "accounts,users\n1,2\n");
        Assert.Contains("is not a JSON document", (await target.RunExpectingAsync(ExitCodes.Failure, "import", notJson)).Error, StringComparison.Ordinal);
        Assert.Contains("There is no file", (await target.RunExpectingAsync(ExitCodes.Failure, "import", notJson + ".missing")).Error, StringComparison.Ordinal);
        Assert.Contains("is not a Steward account export", (await ImportEditedAsync("format.json", j => j["format"] = "something-else")).Error, StringComparison.Ordinal);
        Assert.Contains("newer than this build reads", (await ImportEditedAsync("version.json", j => j["format_version"] = 99)).Error, StringComparison.Ordinal);
        Assert.Contains("the file is damaged", (await ImportEditedAsync("short.json", j => j["tables"]!["users"]!.AsArray().RemoveAt(0))).Error, StringComparison.Ordinal);
        Assert.Contains("table 'gadgets' that this build of Steward does not know",
            (await ImportEditedAsync("table.json", j => j["tables"]!["gadgets"] = new JsonArray())).Error, StringComparison.Ordinal);
        Assert.Contains("Row 1 of table 'users' cannot be read",
            (await ImportEditedAsync("column.json", j => j["tables"]!["users"]![0]!["shoe_size"] = 44)).Error, StringComparison.Ordinal);
        Assert.Empty(ListingTests.Items(await target.RunExpectingAsync(ExitCodes.Ok, "accounts", "list", "--json"), out _));
    }

    [Fact]
    public async Task Export_refuses_an_unknown_account_and_an_existing_file()
    {
        await using var store = await TestStore.Sqlite().MigratedAsync();
        var (acme, file) = await SeedAndExportAsync(store);
        await store.RunExpectingAsync(ExitCodes.NotFound, "export", "acct-" + Guid.CreateVersion7(), "--out", Path.Combine(store.Directory, "x.json"));
        await store.RunExpectingAsync(ExitCodes.NotFound, "export", "nonsense", "--out", Path.Combine(store.Directory, "x.json"));
        Assert.False(File.Exists(Path.Combine(store.Directory, "x.json")));

        var exists = await store.RunExpectingAsync(ExitCodes.Refused, "export", acme.PublicId, "--out", file);
        Assert.Contains("add --force", exists.Error, StringComparison.Ordinal);
        await store.RunExpectingAsync(ExitCodes.Ok, "export", acme.PublicId, "--out", file, "--force");
        Assert.Empty(Directory.GetFiles(store.Directory, "*.partial"));
    }

    [Fact]
    public async Task A_large_account_moves_with_progress_bars()
    {
        await using var source = await TestStore.Sqlite().MigratedAsync();
        SeededAccount acme;
        await using (var core = source.OpenCore())
        {
            acme = await Seed.FullAccountAsync(core, "Acme");
            await using var db = await core.GetRequiredService<IDbContextFactory<StewardDb>>().CreateDbContextAsync();
            var start = DateTimeOffset.UtcNow;

            // Written straight into the log, so numbered here and the sequence row moved past them.
            var last = await db.Events.MaxAsync(e => (long?)e.Sequence) ?? 0;
            for (var i = 0; i < ExportFormat.ProgressThreshold; i++)
            {
                db.Events.Add(new EventRecord
                {
                    Sequence = last + 1 + i,
                    Type = "user.updated", SubjectId = "user-" + i, AccountId = acme.AccountId, ActorId = "system",
                    Data = $$"""{"n":{{i}}}""", OccurredAt = start.AddTicks(i),
                });
            }

            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlAsync($"UPDATE event_sequence SET \"Last\" = {last + ExportFormat.ProgressThreshold}");
        }

        var file = Path.Combine(source.Directory, "large.json");
        source.LiveProgress = true;
        var exported = await source.RunExpectingAsync(ExitCodes.Ok, "export", acme.PublicId, "--out", file);
        Assert.Contains("exporting events", exported.Error, StringComparison.Ordinal);

        await using var target = await TestStore.Sqlite(source.MasterKey).MigratedAsync();
        target.LiveProgress = true;
        var imported = await target.RunExpectingAsync(ExitCodes.Ok, "import", file);
        Assert.Contains("reading events", imported.Error, StringComparison.Ordinal);
        var before = await Rows.OfAccountAsync(source, acme.AccountId, withoutGeneratedKeys: true);
        var after = await Rows.OfAccountAsync(target, acme.AccountId, withoutGeneratedKeys: true);
        Assert.Equal(before["events"], after["events"].Take(before["events"].Count));
    }

    private static async Task RoundTripAsync(string provider)
    {
        await using var source = await TestStore.Create(provider).MigratedAsync();
        await source.RunExpectingAsync(ExitCodes.Ok, "bootstrap");
        var (acme, file) = await SeedAndExportAsync(source);
        Files.AssertOwnerOnly(file);
        using (var document = JsonDocument.Parse(await File.ReadAllTextAsync(file)))
        {
            var root = document.RootElement;
            Assert.Equal("steward.account-export", root.GetProperty("format").GetString());
            Assert.Equal(1, root.GetProperty("format_version").GetInt32());
            Assert.Equal(acme.PublicId, root.GetProperty("account_id").GetString());
            Assert.Equal(1, root.GetProperty("counts").GetProperty("accounts").GetInt32());
            var credential = root.GetProperty("tables").GetProperty("credentials")[0];
            Assert.StartsWith("v1." + KeyRing.KeyId(source.MasterKey) + ".", credential.GetProperty("secret_cipher").GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain(acme.ApiSecret, root.GetRawText(), StringComparison.Ordinal);
        }

        // The target has a history of its own (its root credential), so the account's events are renumbered after it.
        await using var target = await TestStore.Create(provider, source.MasterKey).MigratedAsync();
        await target.RunExpectingAsync(ExitCodes.Ok, "bootstrap");
        var imported = await target.RunExpectingAsync(ExitCodes.Ok, "import", file);
        Assert.Contains($"Imported {acme.PublicId}: ", imported.Error, StringComparison.Ordinal);
        Assert.Contains(" 1 accounts, 2 organisations, 3 units, 3 memberships, 3 users, 1 devices", imported.Error, StringComparison.Ordinal);

        var before = await Rows.OfAccountAsync(source, acme.AccountId, withoutGeneratedKeys: true);
        var after = await Rows.OfAccountAsync(target, acme.AccountId, withoutGeneratedKeys: true);
        Assert.Equal(before.Keys, after.Keys);
        foreach (var (table, rows) in before)
        {
            Assert.NotEmpty(rows);
            if (table == "events")
            {
                // The account's events, in their order (numbered afresh: the source's numbers have gaps where other
                // accounts' events were), then the import itself.
                Assert.Equal(rows.Select(WithoutSequence), after[table].Take(rows.Count).Select(WithoutSequence));
                Assert.Contains("\"type\":\"account.imported\"", Assert.Single(after[table].Skip(rows.Count)), StringComparison.Ordinal);
            }
            else if (table == "webhook_endpoints")
            {
                // The same endpoint, waiting for account.imported to start: the history it came with is not delivered.
                var endpoint = JsonNode.Parse(Assert.Single(after[table]))!.AsObject();
                Assert.Equal(WebhookEndpoint.StartsAtImport, endpoint["start_sequence"]!.GetValue<long>());
                endpoint.Remove("start_sequence");
                var original = JsonNode.Parse(Assert.Single(rows))!.AsObject();
                original.Remove("start_sequence");
                Assert.Equal(original.ToJsonString(), endpoint.ToJsonString());
            }
            else
            {
                Assert.Equal(rows, after[table]);
            }
        }

        // The same secrets, still decryptable and still accepted.
        await using (var core = target.OpenCore())
        {
            await using var db = await core.GetRequiredService<IDbContextFactory<StewardDb>>().CreateDbContextAsync();
            var protector = core.GetRequiredService<SecretProtector>();
            foreach (var (key, secret) in acme.Secrets)
            {
                var stored = await db.Credentials.SingleAsync(c => c.ApiKey == key);
                Assert.Equal(secret, protector.Unprotect(stored.SecretCipher));
            }

            var importedEvents = await db.Events.Where(e => e.AccountId == acme.AccountId).OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync();
            Assert.True(importedEvents[0] > 1, "imported events come after the target's own");
        }

        var token = await target.RunExpectingAsync(ExitCodes.Ok, "token", "--api-key", acme.ApiKey, "--api-secret", acme.ApiSecret);
        Assert.StartsWith("AAT", token.Out, StringComparison.Ordinal);
        await target.RunExpectingAsync(ExitCodes.Refused, "import", file);
        await ImportedWebhookStartsAtTheImportAsync(target, acme);
    }

    /// <summary>
    /// The imported endpoint delivers nothing of the history it came with: the fan-out starts it at the account's
    /// account.imported event, and what happens after that is delivered.
    /// </summary>
    private static async Task ImportedWebhookStartsAtTheImportAsync(TestStore target, SeededAccount acme)
    {
        await using var core = target.OpenCore();
        var fanOut = core.GetRequiredService<WebhookFanOut>();
        while (await fanOut.RunOnceAsync(default))
        {
        }

        await using (var db = await core.GetRequiredService<IDbContextFactory<StewardDb>>().CreateDbContextAsync())
        {
            var importedAt = await db.Events.Where(e => e.AccountId == acme.AccountId && e.Type == "account.imported").Select(e => e.Sequence).SingleAsync();
            var endpoint = await db.WebhookEndpoints.SingleAsync(e => e.AccountId == acme.AccountId);
            Assert.Equal(importedAt, endpoint.StartSequence);
            Assert.Empty(await db.WebhookDeliveries.Where(d => d.AccountId == acme.AccountId).ToListAsync());
        }

        Seed.Ok(await core.GetRequiredService<Steward.Core.Identity.UserService>().CreateAsync(Principal.System,
            new Steward.Core.Identity.UserInput("carol", "carol@acme-imported.example", AccountId: acme.AccountId)));
        while (await fanOut.RunOnceAsync(default))
        {
        }

        await using (var db = await core.GetRequiredService<IDbContextFactory<StewardDb>>().CreateDbContextAsync())
        {
            var delivery = Assert.Single(await db.WebhookDeliveries.Where(d => d.AccountId == acme.AccountId).ToListAsync());
            Assert.Equal("user.created", delivery.EventType);
        }
    }

    /// <summary>A full account beside another one, exported to a file in the store's directory.</summary>
    private static string WithoutSequence(string row)
    {
        var json = JsonNode.Parse(row)!.AsObject();
        json.Remove("sequence");
        return json.ToJsonString();
    }

    private static async Task<(SeededAccount Account, string File)> SeedAndExportAsync(TestStore store)
    {
        SeededAccount acme;
        await using (var core = store.OpenCore())
        {
            acme = await Seed.FullAccountAsync(core, "Acme");
            await Seed.CommerceAsync(core, acme);
            await Seed.CommerceAsync(core, await Seed.FullAccountAsync(core, "Globex"));
        }

        var file = Path.Combine(store.Directory, "acme.json");
        var exported = await store.RunExpectingAsync(ExitCodes.Ok, "export", acme.PublicId, "--out", file);
        Assert.Contains($"Exported {acme.PublicId}", exported.Error, StringComparison.Ordinal);
        return (acme, file);
    }
}
