using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Steward.Cli.Tests.Infrastructure;
using Steward.Core.Access;

namespace Steward.Cli.Tests;

public sealed class MigrateAndBootstrapTests
{
    [Fact]
    public Task Migrate_applies_the_migrations_then_finds_none_pending_on_sqlite() => MigrateTwiceAsync("Sqlite");

    [PostgresFact]
    public Task Migrate_applies_the_migrations_then_finds_none_pending_on_postgres() => MigrateTwiceAsync("Postgres");

    [Fact]
    public async Task Bootstrap_prints_the_root_credential_once_and_then_refuses()
    {
        await using var store = TestStore.Sqlite();
        var first = await store.RunExpectingAsync(ExitCodes.Ok, "bootstrap");
        Assert.Contains("Steward created the root credential. Store it now; it is not shown again.", first.Out, StringComparison.Ordinal);
        var key = Field(first.Out, "api key:");
        var secret = Field(first.Out, "api secret:");
        Assert.StartsWith("RAK", key, StringComparison.Ordinal);
        Assert.StartsWith("RAS", secret, StringComparison.Ordinal);
        Assert.Matches(@"Applied \d+ migration\(s\)", first.Error);

        var second = await store.RunExpectingAsync(ExitCodes.Refused, "bootstrap");
        Assert.Equal("", second.Out);
        Assert.Contains("already has a root credential", second.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, second.Error, StringComparison.Ordinal);

        // The printed credential is the root's: a token minted with it validates as root.
        var token = (await store.RunExpectingAsync(ExitCodes.Ok, "token", "--api-key", key, "--api-secret", secret)).Out.Trim();
        await using var core = store.OpenCore();
        var principal = core.GetRequiredService<TokenService>().Validate(token);
        Assert.True(principal.IsSuccess);
        Assert.Equal(PrincipalKind.Root, principal.Value.Kind);
    }

    [Fact]
    public async Task Bootstrap_takes_the_root_credential_from_the_environment()
    {
        await using var store = TestStore.Sqlite();
        store.Settings["STEWARD_BOOTSTRAP_ADMIN_KEY"] = "RAKoperatorchosen";
        store.Settings["STEWARD_BOOTSTRAP_ADMIN_SECRET"] = "RASoperator-chosen-secret-0123456789";
        var result = await store.RunExpectingAsync(ExitCodes.Ok, "bootstrap", "--json");
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal("RAKoperatorchosen", json.RootElement.GetProperty("api_key").GetString());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("api_secret").ValueKind);

        var token = await store.RunExpectingAsync(ExitCodes.Ok, "token", "--api-key", "RAKoperatorchosen", "--api-secret", "RASoperator-chosen-secret-0123456789", "--json");
        using var grant = JsonDocument.Parse(token.Out);
        Assert.StartsWith("RAT", grant.RootElement.GetProperty("access_token").GetString(), StringComparison.Ordinal);
        Assert.Equal("Bearer", grant.RootElement.GetProperty("token_type").GetString());
        Assert.InRange(grant.RootElement.GetProperty("expires_in").GetInt32(), 3590, 3600);
    }

    [Fact]
    public async Task Bootstrap_on_a_new_data_directory_creates_the_master_key_like_a_first_start()
    {
        await using var store = TestStore.Sqlite();
        File.Delete(store.MasterKeyFile);
        var result = await store.RunExpectingAsync(ExitCodes.Ok, "bootstrap");
        Assert.Contains("Created the master key " + store.MasterKeyFile, result.Error, StringComparison.Ordinal);
        Files.AssertOwnerOnly(store.MasterKeyFile);
    }

    [Fact]
    public async Task A_refused_bootstrap_leaves_no_key_file_behind()
    {
        await using var store = TestStore.Sqlite();
        await store.RunExpectingAsync(ExitCodes.Ok, "bootstrap");
        File.Move(store.MasterKeyFile, store.MasterKeyFile + ".elsewhere");
        await store.RunExpectingAsync(ExitCodes.Refused, "bootstrap");
        Assert.False(File.Exists(store.MasterKeyFile));
    }

    [Fact]
    public async Task Token_refuses_a_wrong_secret_and_needs_the_servers_master_key()
    {
        await using var store = TestStore.Sqlite();
        var root = await store.RunExpectingAsync(ExitCodes.Ok, "bootstrap");
        var wrong = await store.RunExpectingAsync(ExitCodes.Refused, "token", "--api-key", Field(root.Out, "api key:"), "--api-secret", "RASnope");
        Assert.Contains("The API key or secret is wrong", wrong.Error, StringComparison.Ordinal);

        // Without the master key a token would be signed with a key no server has: refused, and no key file is made up.
        File.Delete(store.MasterKeyFile);
        var keyless = await store.RunExpectingAsync(ExitCodes.Failure, "token", "--api-key", Field(root.Out, "api key:"), "--api-secret", Field(root.Out, "api secret:"));
        Assert.Contains("No master key", keyless.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(store.MasterKeyFile));
    }

    private static async Task MigrateTwiceAsync(string provider)
    {
        await using var store = TestStore.Create(provider);
        var first = await store.RunExpectingAsync(ExitCodes.Ok, "migrate");
        Assert.Contains("applied 2026", first.Out, StringComparison.Ordinal);
        Assert.Contains(provider == "Postgres" ? "PostgreSQL database" : "SQLite database", first.Out, StringComparison.Ordinal);

        var second = await store.RunExpectingAsync(ExitCodes.Ok, "migrate");
        Assert.StartsWith("No migrations pending;", second.Out, StringComparison.Ordinal);
    }

    private static string Field(string output, string label) =>
        output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith(label, StringComparison.Ordinal))[label.Length..].Trim();
}
