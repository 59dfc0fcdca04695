using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Steward.Functional.Infrastructure;

namespace Steward.Functional.AdminConsole;

/// <summary>
/// A browser test of the console: runs where <see cref="ConsoleBrowser.SkipReason"/> is null (Chromium is
/// installed, or CI=true, where a missing Chromium fails the test instead), and where the database runs.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        Skip = TestDatabase.SkipReason ?? ConsoleBrowser.SkipReason;
    }
}

/// <summary>
/// Steward on a real port (Kestrel on 127.0.0.1, a free port) and the system's headless Chromium driven by
/// Playwright. Playwright never downloads a browser here: it launches <c>/usr/bin/chromium</c> (Debian's
/// <c>chromium</c> package; <c>.ci/run</c> installs it).
/// </summary>
public sealed class ConsoleBrowser : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    private IPlaywright? playwright;
    private IBrowser? browser;

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? SkipReason => File.Exists(Chromium) || InCi
        ? null
        : $"Chromium is not installed at {Chromium} (apt-get install -y chromium), so the console's browser tests are skipped; in CI they run.";

    public StewardFactory Server { get; } = new();

    /// <summary>Where the server listens, such as <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Where screenshots are kept: <c>TestResults/console/</c> under the test output (not committed).</summary>
    public static string ScreenshotDirectory => Path.Combine(AppContext.BaseDirectory, "TestResults", "console");

    public async Task InitializeAsync()
    {
        if (TestDatabase.SkipReason is not null || SkipReason is not null)
        {
            return;
        }

        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"CI=true but {Chromium} is missing: .ci/run installs Debian's chromium package before the tests.");
        }

        Server.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        Server.StartServer();
        BaseUrl = Server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>A fresh browser context (its own cookies: one signed-in person) at the server's address.</summary>
    public Task<IBrowserContext> NewContextAsync() =>
        browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = 1280, Height = 860 } });

    /// <summary>
    /// Keeps a screenshot under <see cref="ScreenshotDirectory"/>; with <c>STEWARD_UPDATE_SCREENSHOTS=1</c>
    /// the SQLite run also copies it to <c>docs/img/</c> for the documentation.
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, $"{TestDatabase.Provider.ToLowerInvariant()}-{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Assert.True(new FileInfo(path).Length > 1000, $"{path} is empty");
        if (Environment.GetEnvironmentVariable("STEWARD_UPDATE_SCREENSHOTS") == "1" && TestDatabase.Provider == "Sqlite")
        {
            var docs = Path.Combine(RepositoryRoot(), "docs", "img");
            Directory.CreateDirectory(docs);
            File.Copy(path, Path.Combine(docs, $"console-{name}.png"), overwrite: true);
        }
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        await Server.DisposeAsync();
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Steward.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("The repository root (Steward.slnx) was not found.");
    }
}
