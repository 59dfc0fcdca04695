using System.CommandLine;
using Steward.Core;

namespace Steward.Cli.Commands;

/// <summary><c>steward migrate</c>: what the server does at start, alone.</summary>
internal static class MigrateCommand
{
    public static Command Create(CliContext cli)
    {
        var command = new Command("migrate", "Apply pending migrations to the configured database (an SQLite file is created if missing) and say which were applied.");
        command.SetAction(async (parse, ct) =>
        {
            await using var steward = await cli.OpenAsync(parse, ct, requireExisting: false, requireMigrated: false);
            await using var db = await steward.DbAsync(ct);
            var applied = await StewardStartup.MigrateAsync(db, ct);
            if (applied.Count == 0)
            {
                cli.Console.Out.WriteLine($"No migrations pending; {Describe.Target(steward.Target)} is up to date.");
                return ExitCodes.Ok;
            }

            foreach (var name in applied)
            {
                cli.Console.Out.WriteLine($"applied {name}");
            }

            cli.Console.Out.WriteLine($"{applied.Count} migration(s) applied to {Describe.Target(steward.Target)}.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
