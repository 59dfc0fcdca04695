using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Steward.Functional.Infrastructure;

/// <summary>
/// The real Steward server as its own process (the <c>Steward.Server.dll</c> built beside the tests) on
/// a given database, on a free loopback port, with the known root credential. <see cref="Kill"/> ends
/// it the way a crash does (SIGKILL: no shutdown, nothing flushed); disposing kills it if still running.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process process;
    private readonly string dataDirectory;

    private ServerProcess(Process process, Uri address, string dataDirectory)
    {
        this.process = process;
        Address = address;
        this.dataDirectory = dataDirectory;
    }

    public Uri Address { get; }

    /// <summary>Starts the server on <paramref name="connectionString"/> and waits until it answers <c>/healthz</c>.</summary>
    public static async Task<ServerProcess> StartAsync(string connectionString, string masterKey, string dataDirectory)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Steward.Server.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(address.ToString().TrimEnd('/'));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Steward__Storage__Provider"] = TestDatabase.Provider;
        start.Environment["Steward__Storage__ConnectionString"] = connectionString;
        start.Environment["Steward__MasterKey"] = masterKey;
        start.Environment["Steward__DataDirectory"] = dataDirectory;
        start.Environment["STEWARD_BOOTSTRAP_ADMIN_KEY"] = StewardFactory.RootKey;
        start.Environment["STEWARD_BOOTSTRAP_ADMIN_SECRET"] = StewardFactory.RootSecret;
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var log = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new ServerProcess(process, address, dataDirectory);
        using var http = server.CreateClient();
        for (var i = 0; i < 240; i++)
        {
            if (process.HasExited)
            {
                break;
            }

            try
            {
                using var health = await http.GetAsync("/healthz");
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        server.Dispose();
        lock (log)
        {
            throw new InvalidOperationException("The server did not start:\n" + log);
        }
    }

    public HttpClient CreateClient() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Ends the process at once (SIGKILL) and waits for it to be gone.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(30_000);
        }
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
