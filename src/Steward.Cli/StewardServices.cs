using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Steward.Core;
using Steward.Core.Options;
using Steward.Core.Storage;
using Steward.Hosting;

namespace Steward.Cli;

/// <summary>
/// The core, wired to the configured database exactly as the server wires it (<c>AddStewardStorage</c>,
/// <c>AddStewardCore</c>), without the web host and without its background work.
/// </summary>
internal sealed class StewardServices : IAsyncDisposable
{
    private readonly ServiceProvider provider;

    private StewardServices(ServiceProvider provider, StorageTarget target, StewardOptions options)
    {
        this.provider = provider;
        Target = target;
        Options = options;
    }

    public StorageTarget Target { get; }

    public StewardOptions Options { get; }

    /// <summary>Where the master key file is: configured, or <c>master.key</c> in the data directory (as the server does).</summary>
    public string MasterKeyFile => Path.GetFullPath(Options.MasterKeyFile ?? Path.Combine(Options.DataDirectory, "master.key"));

    public bool HasInlineMasterKey => !string.IsNullOrWhiteSpace(Options.MasterKey);

    public T Get<T>() where T : notnull => provider.GetRequiredService<T>();

    public Task<StewardDb> DbAsync(CancellationToken ct) => Get<IDbContextFactory<StewardDb>>().CreateDbContextAsync(ct);

    public static async Task<StewardServices> OpenAsync(CliContext cli, IConfiguration configuration, StorageTarget target, Needs needs, CancellationToken ct)
    {
        if (needs.Existing && CliContext.SqliteFileOf(target) is { } file && !File.Exists(file))
        {
            throw new CliException(ExitCodes.Failure,
                $"There is no Steward database at {file}. Check Steward:Storage:ConnectionString (or --connection), or create it with 'steward migrate'.");
        }

        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Warning);
            logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Error);
            logging.AddProvider(new MessageLoggerProvider(cli.Console.Error));
        });
        services.Configure<StewardOptions>(configuration.GetSection(StewardOptions.Section));
        services.AddStewardStorage(configuration);
        services.AddStewardCore();
        var opened = new StewardServices(services.BuildServiceProvider(), target, StorageSetup.ReadOptions(configuration));
        try
        {
            await opened.CheckAsync(needs, ct);
            return opened;
        }
        catch
        {
            await opened.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Disposing the provider drains the write gate: every queued write has completed by then.
        await provider.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private async Task CheckAsync(Needs needs, CancellationToken ct)
    {
        // Checked before anything loads the key ring, which would create a new key file (right for a
        // first start, wrong for a command that must use the server's key).
        if (needs.MasterKey && !HasInlineMasterKey && !File.Exists(MasterKeyFile))
        {
            throw new CliException(ExitCodes.Failure,
                $"No master key: Steward:MasterKey is not set and {MasterKeyFile} does not exist. Run steward with the server's configuration (Steward:MasterKey, Steward:MasterKeyFile or Steward:DataDirectory).");
        }

        if (needs.Migrated)
        {
            await using var db = await DbAsync(ct);
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            if (pending.Count > 0)
            {
                throw new CliException(ExitCodes.Failure,
                    $"The database has {pending.Count} migration(s) not applied ({string.Join(", ", pending)}); run 'steward migrate' first.");
            }
        }
    }

    /// <summary>What a command needs of the database before it runs.</summary>
    public sealed record Needs(bool Existing, bool Migrated, bool MasterKey);

    /// <summary>Warnings of the core (a failed write, say) as plain lines on standard error.</summary>
    private sealed class MessageLoggerProvider(TextWriter error) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new MessageLogger(error);

        public void Dispose()
        {
        }

        private sealed class MessageLogger(TextWriter error) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var line = $"steward: {logLevel.ToString().ToLowerInvariant()}: {formatter(state, exception)}";
                error.WriteLine(exception is null ? line : line + " (" + exception.GetBaseException().Message + ")");
            }
        }
    }
}
