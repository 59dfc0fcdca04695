using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Steward.Core;
using Steward.Core.Options;
using Steward.Core.Security;
using Steward.Hosting;

namespace Steward.Cli.Tests.Infrastructure;

/// <summary>The outcome of one run of the command line.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
}

/// <summary>
/// A Steward database owned by one test: a temporary SQLite file, or a fresh PostgreSQL database on the
/// server named by <c>STEWARD_TEST_POSTGRES</c>; a data directory holding its master key file; and the
/// configuration a server would have for it. Runs <c>steward</c> in-process against it.
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    public const string PostgresVariable = "STEWARD_TEST_POSTGRES";

    private TestStore(string provider, string connectionString, string directory, byte[] masterKey)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Directory = directory;
        MasterKey = masterKey;
        KeyRing.WriteKeyFile(MasterKeyFile, masterKey, [], replace: false);
        Settings = new Dictionary<string, string?>
        {
            ["Steward:Storage:Provider"] = provider,
            ["Steward:Storage:ConnectionString"] = connectionString,
            ["Steward:DataDirectory"] = directory,
        };
    }

    public static bool HasPostgres => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresVariable));

    public string Provider { get; }

    public bool IsPostgres => Provider == "Postgres";

    public string ConnectionString { get; }

    public string Directory { get; }

    public byte[] MasterKey { get; }

    public string MasterKeyFile => Path.Combine(Directory, "master.key");

    public string SqliteFile => new SqliteConnectionStringBuilder(ConnectionString).DataSource;

    /// <summary>Configuration as the server would read it; tests add to it (inline keys, bootstrap variables).</summary>
    public Dictionary<string, string?> Settings { get; }

    /// <summary>Render progress bars as a terminal would (live), instead of milestone lines.</summary>
    public bool LiveProgress { get; set; }

    /// <summary>How <c>--url</c> reaches a server (an in-memory test server).</summary>
    public Func<HttpMessageHandler>? HttpHandler { get; set; }

    public static TestStore Create(string provider, byte[]? masterKey = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "steward-cli-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var key = masterKey ?? RandomNumberGenerator.GetBytes(32);
        if (provider != "Postgres")
        {
            return new TestStore("Sqlite", "Data Source=" + Path.Combine(directory, "steward.db"), directory, key);
        }

        var admin = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(PostgresVariable));
        var name = "steward_cli_" + Guid.NewGuid().ToString("N")[..16];
        using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE {name}";
            command.ExecuteNonQuery();
        }

        return new TestStore("Postgres", new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = name }.ConnectionString, directory, key);
    }

    public static TestStore Sqlite(byte[]? masterKey = null) => Create("Sqlite", masterKey);

    public IConfiguration Configuration() => new ConfigurationBuilder().AddInMemoryCollection(Settings).Build();

    /// <summary>Runs <c>steward</c> with these arguments, as a process would, and captures what it prints.</summary>
    public async Task<CliResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var cli = new StewardCli(CliConsole.Plain(output, error, LiveProgress), new CliSettings(Configuration(), HttpHandler));
        var code = await cli.RunAsync(args);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs and asserts the exit code, showing the output when it differs.</summary>
    public async Task<CliResult> RunExpectingAsync(int exitCode, params string[] args)
    {
        var result = await RunAsync(args);
        Assert.True(result.ExitCode == exitCode, $"expected exit {exitCode} from steward {string.Join(' ', args)}; got {result}");
        return result;
    }

    /// <summary>The core over this database, wired as the server wires it (to seed and inspect data).</summary>
    public ServiceProvider OpenCore()
    {
        var configuration = Configuration();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.Configure<StewardOptions>(configuration.GetSection(StewardOptions.Section));
        services.AddStewardStorage(configuration);
        services.AddStewardCore();
        return services.BuildServiceProvider();
    }

    /// <summary>A migrated database with a root credential, as after the server's first start.</summary>
    public async Task<TestStore> MigratedAsync()
    {
        await RunExpectingAsync(ExitCodes.Ok, "migrate");
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (IsPostgres)
        {
            NpgsqlConnection.ClearAllPools();
            var admin = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(PostgresVariable));
            await using var connection = new NpgsqlConnection(admin.ConnectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(ConnectionString).Database} WITH (FORCE)";
            await command.ExecuteNonQueryAsync();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a slow shutdown stays in the temp folder; it is harmless.
        }
    }
}

/// <summary>A test that needs PostgreSQL: skipped unless <c>STEWARD_TEST_POSTGRES</c> is set.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!TestStore.HasPostgres)
        {
            Skip = $"{TestStore.PostgresVariable} is not set; the PostgreSQL runs of the command line are skipped.";
        }
    }
}
