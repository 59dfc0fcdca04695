using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using Steward.Cli.Commands;

namespace Steward.Cli;

/// <summary>The <c>steward</c> command line: its commands, and the mapping of outcomes to exit codes.</summary>
internal sealed class StewardCli(CliConsole console, CliSettings settings)
{
    /// <summary>
    /// The command tree. Its root is named <c>steward</c> whatever the executable is called (a tool, the
    /// dll under <c>dotnet</c>, a test host), so that help and messages always show the same usage.
    /// </summary>
    public Command Build(CliContext cli)
    {
        var root = new Command("steward",
            "Operates Steward: its database directly (with the server's configuration: Steward:Storage:Provider, "
            + "Steward:Storage:ConnectionString, Steward:DataDirectory, Steward:MasterKey, Steward:MasterKeyFile), "
            + "or a running server with --url. Exit codes: 0 ok, 1 failure, 2 usage, 3 not found, 4 refused (conflict).")
        {
            cli.ProviderOption,
            cli.ConnectionOption,
            new HelpOption(),
            new VersionOption(),
        };
        root.Subcommands.Add(MigrateCommand.Create(cli));
        root.Subcommands.Add(BootstrapCommand.Create(cli));
        root.Subcommands.Add(TokenCommand.Create(cli));
        foreach (var listing in ListCommands.Create(cli))
        {
            root.Subcommands.Add(listing);
        }

        root.Subcommands.Add(ExportCommand.Create(cli));
        root.Subcommands.Add(ImportCommand.Create(cli));
        root.Subcommands.Add(BackupCommands.CreateBackup(cli));
        root.Subcommands.Add(BackupCommands.CreateRestore(cli));
        root.Subcommands.Add(RotateMasterKeyCommand.Create(cli));
        return root;
    }

    public async Task<int> RunAsync(string[] args, CancellationToken ct = default)
    {
        var cli = new CliContext(console, settings);
        var parse = Build(cli).Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            foreach (var error in parse.Errors)
            {
                console.Message("steward: " + error.Message);
            }

            console.Message($"Run '{CommandPath(parse)} --help' for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                Output = console.Out,
                Error = console.Error,
                EnableDefaultExceptionHandler = false,
            }, ct);
        }
        catch (CliException ex)
        {
            console.Message("steward: " + ex.Message);
            return ex.ExitCode;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            console.Message("steward: cancelled.");
            return ExitCodes.Failure;
        }
        catch (Exception ex)
        {
            console.Message("steward: failed: " + Explain(ex));
            return ExitCodes.Failure;
        }
    }

    /// <summary>"steward accounts list" for the command the arguments reached.</summary>
    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = (System.CommandLine.Parsing.SymbolResult?)parse.CommandResult; result is not null; result = result.Parent)
        {
            if (result is System.CommandLine.Parsing.CommandResult command)
            {
                names.Add(command.Command.Name);
            }
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    /// <summary>The message and its causes, without a stack trace: an operator reads it, not a debugger.</summary>
    private static string Explain(Exception ex)
    {
        var parts = new List<string>();
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (!parts.Contains(e.Message))
            {
                parts.Add(e.Message);
            }
        }

        return string.Join(" ", parts);
    }
}
