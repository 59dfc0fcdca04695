namespace Steward.Cli;

internal static class EntryPoint
{
    public static async Task<int> Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // The first Ctrl+C asks the command to stop cleanly (a write in progress completes or rolls back).
            e.Cancel = true;
            cancel.Cancel();
        };

        var cli = new StewardCli(CliConsole.FromProcess(), CliSettings.FromProcess());
        return await cli.RunAsync(args, cancel.Token);
    }
}
