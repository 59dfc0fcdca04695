using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
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

    private readonly string connectionString;
    private readonly bool ownsDatabase;

    public StewardFactory()
    {
        connectionString = TestDatabase.SkipReason is null ? TestDatabase.Create() : "";
        ownsDatabase = true;
    }

    /// <summary>A second instance on the same database and master key (several servers behind one load balancer).</summary>
    private StewardFactory(StewardFactory first)
    {
        connectionString = first.connectionString;
        MasterKey = first.MasterKey;
        Time = new FakeTimeProvider(first.Time.GetUtcNow()) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };
    }

    /// <summary>The master key (base64): shared by instances of one deployment.</summary>
    public string MasterKey { get; } = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>Starts another Steward instance on this one's database. The caller disposes it.</summary>
    public StewardFactory Peer() => new(this);

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
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
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
}
