using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Steward.Core;
using Steward.Core.Access;
using Steward.Core.Options;
using Steward.Core.Tenancy;
using Steward.Hosting;
using Steward.Server.Hosting;

namespace Steward.Server.Tests;

/// <summary>
/// The real core on a real, migrated SQLite file in a temporary directory, wired as the server wires it
/// (<see cref="StorageSetup"/>, <c>AddStewardCore</c>), with one account and one of its organisations.
/// </summary>
public sealed class CoreFixture : IAsyncLifetime
{
    public const string RootKey = "RAKunitroot";
    public const string RootSecret = "RASunitroot-secret-0123456789abcdef";

    private readonly string directory = Path.Combine(Path.GetTempPath(), "steward-server-tests-" + Guid.NewGuid().ToString("N"));

    public ServiceProvider Services { get; private set; } = null!;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2030, 1, 1, 9, 0, 0, TimeSpan.Zero));

    public CreatedAccount Account { get; private set; } = null!;

    public CreatedOrganisation Organisation { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(directory);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Steward:Storage:ConnectionString"] = "Data Source=" + Path.Combine(directory, "steward.db"),
            ["Steward:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Steward:DataDirectory"] = directory,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.Configure<StewardOptions>(configuration.GetSection(StewardOptions.Section));
        services.AddStewardStorage(configuration);
        services.AddSingleton<TimeProvider>(Time);
        services.AddStewardCore();
        Services = services.BuildServiceProvider();

        await Services.GetRequiredService<StewardStartup>().RunAsync(RootKey, RootSecret);
        Account = (await Services.GetRequiredService<AccountService>().CreateAsync(Principal.System, new AccountInput("acme", "acme@example.com"))).Value;
        var a = Account.Account;
        var owner = new Principal(PrincipalKind.Account, a.Id, Guid.Empty, a.Id, Account.Credential.Credential.Id, Guid.Empty, DateTimeOffset.MaxValue);
        Organisation = (await Services.GetRequiredService<OrganisationService>().CreateAsync(owner, new OrganisationInput("acme-eu", null, null))).Value;
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }
}
