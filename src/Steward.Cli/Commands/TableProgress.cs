using Spectre.Console;

namespace Steward.Cli.Commands;

/// <summary>
/// A progress bar per table, on standard error, for accounts large enough to wait for
/// (<see cref="ExportFormat.ProgressThreshold"/> rows); smaller ones run without one.
/// </summary>
internal static class TableProgress
{
    /// <param name="work">Does the job, calling its argument with a table's index for every row done.</param>
    public static async Task RunAsync(CliConsole console, string verb, IReadOnlyList<(string Name, int Rows)> tables, Func<Action<int>, Task> work)
    {
        if (tables.Sum(t => t.Rows) < ExportFormat.ProgressThreshold)
        {
            await work(_ => { });
            return;
        }

        await console.Progress.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var bars = tables.Select(t => ctx.AddTask($"{verb} {t.Name}", maxValue: Math.Max(1, t.Rows))).ToList();
                await work(i => bars[i].Increment(1));
                foreach (var bar in bars)
                {
                    bar.Value = bar.MaxValue;
                }
            });
    }

    /// <summary>A spinner with a status line while one long step runs (the import's single write), for as many rows.</summary>
    public static async Task<T> StatusAsync<T>(CliConsole console, int rows, string status, Func<Task<T>> work) =>
        rows < ExportFormat.ProgressThreshold
            ? await work()
            : await console.Progress.Status().StartAsync(status, _ => work());
}
