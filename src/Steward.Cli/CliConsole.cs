using Spectre.Console;

namespace Steward.Cli;

/// <summary>
/// Where the command line writes: results (tables, JSON, keys) on standard output, so that scripts can
/// capture them; messages, warnings and progress bars on standard error.
/// </summary>
internal sealed class CliConsole
{
    private CliConsole(TextWriter output, TextWriter error, IAnsiConsole results, IAnsiConsole progress)
    {
        Out = output;
        Error = error;
        Results = results;
        Progress = progress;
    }

    private const int WideWidth = 240;

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    /// <summary>Spectre console over standard output, for tables.</summary>
    public IAnsiConsole Results { get; }

    /// <summary>Spectre console over standard error, for progress bars.</summary>
    public IAnsiConsole Progress { get; }

    public static CliConsole FromProcess()
    {
        var results = AnsiConsole.Console;
        if (Console.IsOutputRedirected)
        {
            // Piped into a file or another program: no terminal width to fit, so rows stay whole.
            results.Profile.Width = WideWidth;
        }

        return new(Console.Out, Console.Error, results, AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }));
    }

    /// <summary>
    /// Plain text into the given writers (no colours), as when output is redirected. Progress bars then
    /// print a line at milestones only, unless <paramref name="liveProgress"/> asks for the terminal's live rendering.
    /// </summary>
    public static CliConsole Plain(TextWriter output, TextWriter error, bool liveProgress = false) =>
        new(output, error, PlainConsole(output, false), PlainConsole(error, liveProgress));

    public void Message(string text) => Error.WriteLine(text);

    private static IAnsiConsole PlainConsole(TextWriter writer, bool live)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = live ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = live ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = WideWidth;
        return console;
    }
}
