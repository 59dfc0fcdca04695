using Steward.Cli.Tests.Infrastructure;

namespace Steward.Cli.Tests;

/// <summary>The command line's contract with scripts: help everywhere, usage errors, exit codes.</summary>
public sealed class CommandLineTests
{
    public static readonly TheoryData<string> Commands = new()
    {
        "migrate", "bootstrap", "token", "accounts", "accounts list", "accounts show", "organisations list", "organisations show",
        "users list", "users show", "export", "import", "backup", "restore", "rotate-master-key",
    };

    [Fact]
    public async Task Help_lists_every_command()
    {
        await using var store = TestStore.Sqlite();
        var help = await store.RunExpectingAsync(ExitCodes.Ok, "--help");
        foreach (var command in new[] { "migrate", "bootstrap", "token", "accounts", "organisations", "users", "export", "import", "backup", "restore", "rotate-master-key" })
        {
            Assert.Contains("  " + command, help.Out, StringComparison.Ordinal);
        }

        Assert.Contains("4 refused", help.Out, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Every_command_has_help(string command)
    {
        await using var store = TestStore.Sqlite();
        var help = await store.RunExpectingAsync(ExitCodes.Ok, [.. command.Split(' '), "--help"]);
        Assert.Contains("Usage:", help.Out, StringComparison.Ordinal);
        Assert.Contains("steward " + command, help.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("accounts")]
    [InlineData("accounts", "list", "--bogus")]
    [InlineData("accounts", "show")]
    [InlineData("export", "acct-x")]
    [InlineData("accounts", "list", "--limit", "0")]
    [InlineData("accounts", "list", "--limit", "many")]
    [InlineData("accounts", "list", "--all", "--limit", "5")]
    [InlineData("--provider", "Oracle", "migrate")]
    [InlineData("token")]
    [InlineData("token", "--api-key", "RAKx")]
    public async Task Wrong_usage_exits_2_with_a_message_on_stderr(params string[] args)
    {
        await using var store = TestStore.Sqlite();
        var result = await store.RunExpectingAsync(ExitCodes.Usage, args);
        Assert.Equal("", result.Out);
        Assert.StartsWith("steward: ", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(store.SqliteFile), "a usage error must not create a database");
    }

    [Fact]
    public async Task A_command_on_a_missing_database_fails_without_creating_one()
    {
        await using var store = TestStore.Sqlite();
        var result = await store.RunExpectingAsync(ExitCodes.Failure, "accounts", "list");
        Assert.Contains("There is no Steward database at " + store.SqliteFile, result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(store.SqliteFile));
    }

    [Fact]
    public async Task A_command_on_an_unmigrated_database_says_to_migrate()
    {
        await using var store = TestStore.Sqlite();
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + store.SqliteFile + ";Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE unrelated (id INTEGER);";
            await command.ExecuteNonQueryAsync();
        }

        var result = await store.RunExpectingAsync(ExitCodes.Failure, "users", "list");
        Assert.Contains("run 'steward migrate' first", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_connection_option_overrides_the_configuration()
    {
        await using var store = TestStore.Sqlite();
        var elsewhere = Path.Combine(store.Directory, "other", "steward.db");
        var result = await store.RunExpectingAsync(ExitCodes.Ok, "migrate", "--connection", "Data Source=" + elsewhere, "--provider", "Sqlite");
        Assert.Contains(elsewhere, result.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(elsewhere));
        Assert.False(File.Exists(store.SqliteFile));
    }
}
