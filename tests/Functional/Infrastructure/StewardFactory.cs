using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Steward.Functional.Infrastructure;

/// <summary>
/// The real Steward server, in-process, on its own fresh database (SQLite file or PostgreSQL
/// database), with a known root credential and a <see cref="FakeTimeProvider"/> that tests advance
/// to expire tokens. One per test class (<c>IClassFixture</c>); tests create their own accounts,
/// so they never depend on each other's data.
/// </summary>
public sealed class StewardFactory : WebApplicationFactory<Program>
{
    public const string RootKey = "RAKtestroot";
    public const string RootSecret = "RAStestroot-secret-0123456789abcdef";

    /// <summary>
    /// A request header that the test server, and only it, takes as the client's address: an in-memory
    /// request has none, and the brute-force tests need several. Requests without it all count as one
    /// address, locked after 20 failures (Steward:BruteForce:FailuresPerAddress): send wrong secrets with it.
    /// </summary>
    public const string ClientAddressHeader = "X-Test-Client-Address";

    private readonly string connectionString;
    private readonly bool ownsDatabase;
    private readonly IReadOnlyDictionary<string, string?> settings;

    public StewardFactory()
        : this(new Dictionary<string, string?>())
    {
    }

    private StewardFactory(IReadOnlyDictionary<string, string?> settings)
    {
        connectionString = TestDatabase.SkipReason is null ? TestDatabase.Create() : "";
        ownsDatabase = true;
        this.settings = settings;
    }

    /// <summary>A second instance on the same database and master key (several servers behind one load balancer).</summary>
    private StewardFactory(StewardFactory first, IEnumerable<(string Key, string? Value)> extra)
    {
        connectionString = first.connectionString;
        MasterKey = first.MasterKey;
        var merged = first.settings.ToDictionary();
        foreach (var (key, value) in extra)
        {
            merged[key] = value;
        }

        settings = merged;
        Time = new FakeTimeProvider(first.Time.GetUtcNow()) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };
    }

    /// <summary>A server on its own fresh database with extra configuration (<c>Steward:Metrics:Enabled</c>, say). The caller disposes it.</summary>
    public static StewardFactory With(params (string Key, string? Value)[] settings) =>
        new(settings.ToDictionary(s => s.Key, s => s.Value));

    /// <summary>The master key (base64): shared by instances of one deployment.</summary>
    public string MasterKey { get; } = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>Starts another Steward instance on this one's database. The caller disposes it.</summary>
    public StewardFactory Peer(params (string Key, string? Value)[] extraSettings) => new(this, extraSettings);

    /// <summary>A server with its own database and these settings; the caller disposes it.</summary>
    public static StewardFactory With(IReadOnlyDictionary<string, string?> settings) => new(settings);

    /// <summary>
    /// A server with its own database listening on a real loopback port (Kestrel, not the in-memory test
    /// server), for what only a real connection shows: a stalled body, malformed framing, the client's address.
    /// </summary>
    public static StewardFactory OnKestrel(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var factory = new StewardFactory(settings ?? new Dictionary<string, string?>());
        factory.UseKestrel(0);
        factory.StartServer();
        return factory;
    }

    /// <summary>Where a factory made by <see cref="OnKestrel"/> listens.</summary>
    public Uri ServerAddress =>
        new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>Everything the server logged.</summary>
    public LogCapture Logs { get; } = new();

    /// <summary>The data directory (the console's Data Protection keys); per factory, in the temp folder.</summary>
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "steward-tests", "data-" + Guid.NewGuid().ToString("N"));

    /// <summary>Steward's clock. It moves forward a little on every read, so that events happen in order.</summary>
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Steward:Storage:Provider", TestDatabase.Provider);
        builder.UseSetting("Steward:Storage:ConnectionString", connectionString);
        builder.UseSetting("Steward:MasterKey", MasterKey);
        builder.UseSetting("Steward:SyncIntervalMilliseconds", "100");
        builder.UseSetting("Steward:DataDirectory", DataDirectory);
        builder.UseSetting("STEWARD_BOOTSTRAP_ADMIN_KEY", RootKey);
        builder.UseSetting("STEWARD_BOOTSTRAP_ADMIN_SECRET", RootSecret);

        // Webhook tests deliver to a receiver on loopback; the SSRF tests turn this off again.
        builder.UseSetting("Steward:Webhooks:AllowPrivateTargets", "true");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
            services.AddSingleton<IStartupFilter, ClientAddressFromHeader>();
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && ownsDatabase && connectionString.Length > 0)
        {
            TestDatabase.Drop(connectionString);
        }

        if (disposing && Directory.Exists(DataDirectory))
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Left in the temp folder; harmless.
            }
        }
    }

    /// <summary>Takes <see cref="ClientAddressHeader"/> as the connection's address, before anything else runs.</summary>
    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, inner) =>
            {
                if (http.Request.Headers.TryGetValue(ClientAddressHeader, out var address))
                {
                    http.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                }

                return inner(http);
            });
            next(app);
        };
    }
}
