using System.CommandLine;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Steward.Hosting;

namespace Steward.Cli;

/// <summary>
/// One run of the command line: the console, the configuration, and the options every command
/// accepts (<c>--provider</c>, <c>--connection</c>), which override <c>Steward:Storage</c>.
/// </summary>
internal sealed class CliContext(CliConsole console, CliSettings settings)
{
    public CliConsole Console { get; } = console;

    public Option<string?> ProviderOption { get; } = new("--provider")
    {
        Description = "Sqlite or Postgres; overrides Steward:Storage:Provider.",
        Recursive = true,
    };

    public Option<string?> ConnectionOption { get; } = new("--connection")
    {
        Description = "The database connection string; overrides Steward:Storage:ConnectionString.",
        Recursive = true,
    };

    public IConfiguration ConfigurationFor(ParseResult parse)
    {
        var overrides = new Dictionary<string, string?>();
        if (parse.GetValue(ProviderOption) is { Length: > 0 } provider)
        {
            overrides["Steward:Storage:Provider"] = provider;
        }

        if (parse.GetValue(ConnectionOption) is { Length: > 0 } connection)
        {
            overrides["Steward:Storage:ConnectionString"] = connection;
        }

        return new ConfigurationBuilder()
            .AddConfiguration(settings.Configuration)
            .AddInMemoryCollection(overrides)
            .Build();
    }

    /// <summary>The configured database; a bad provider name is a usage error.</summary>
    public StorageTarget TargetFor(ParseResult parse)
    {
        try
        {
            return StorageSetup.Resolve(StorageSetup.ReadOptions(ConfigurationFor(parse)));
        }
        catch (InvalidOperationException ex)
        {
            throw new CliException(ExitCodes.Usage, ex.Message);
        }
    }

    /// <summary>The full path of an SQLite target's file; null for PostgreSQL.</summary>
    public static string? SqliteFileOf(StorageTarget target) =>
        target.IsPostgres ? null : Path.GetFullPath(new SqliteConnectionStringBuilder(target.ConnectionString).DataSource);

    /// <summary>Connects the core to the configured database.</summary>
    public Task<StewardServices> OpenAsync(ParseResult parse, CancellationToken ct, bool requireExisting = true, bool requireMigrated = true, bool requireMasterKey = false) =>
        StewardServices.OpenAsync(this, ConfigurationFor(parse), TargetFor(parse), new StewardServices.Needs(requireExisting, requireMigrated, requireMasterKey), ct);

    /// <summary>An HTTP client for a running server.</summary>
    public HttpClient HttpClientFor(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var address) || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliException(ExitCodes.Usage, $"--url must be an http:// or https:// address, not '{url}'.");
        }

        var handler = settings.HttpHandler?.Invoke() ?? new SocketsHttpHandler();
        return new HttpClient(handler, disposeHandler: true) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(100) };
    }
}
