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

    private readonly string connectionString = TestDatabase.SkipReason is null ? TestDatabase.Create() : "";

    /// <summary>Steward's clock. It moves forward a little on every read, so that events happen in order.</summary>
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Steward:Storage:Provider", TestDatabase.Provider);
        builder.UseSetting("Steward:Storage:ConnectionString", connectionString);
        builder.UseSetting("Steward:MasterKey", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
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
        if (disposing && connectionString.Length > 0)
        {
            TestDatabase.Drop(connectionString);
        }
    }
}
