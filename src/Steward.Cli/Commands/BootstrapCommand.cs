using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Steward.Core;
using Steward.Core.Access;

namespace Steward.Cli.Commands;

/// <summary><c>steward bootstrap</c>: the root credential of a new database, as the server's first start makes it.</summary>
internal static class BootstrapCommand
{
    public static Command Create(CliContext cli)
    {
        var json = new Option<bool>("--json") { Description = "Print {\"api_key\", \"api_secret\"} as JSON." };
        var command = new Command("bootstrap",
            "Create the root credential on a database that has none (migrating it first), and print its key and secret once. "
            + "STEWARD_BOOTSTRAP_ADMIN_KEY and STEWARD_BOOTSTRAP_ADMIN_SECRET choose them. Refused (exit 4) if a root credential exists.")
        {
            json,
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var steward = await cli.OpenAsync(parse, ct, requireExisting: false, requireMigrated: false);
            await using (var db = await steward.DbAsync(ct))
            {
                var applied = await StewardStartup.MigrateAsync(db, ct);
                if (applied.Count > 0)
                {
                    cli.Console.Message($"Applied {applied.Count} migration(s) to {Describe.Target(steward.Target)}.");
                }

                // Asked before the key ring is loaded, so that a refusal leaves no new key file behind.
                if (await db.Credentials.AnyAsync(c => c.OwnerKind == PrincipalKind.Root, ct))
                {
                    throw new CliException(ExitCodes.Refused,
                        "This database already has a root credential; its secret is not shown again. "
                        + "To get a root token, use its key and secret (steward token); to replace it, rotate it through the API.");
                }
            }

            var newKeyFile = !steward.HasInlineMasterKey && !File.Exists(steward.MasterKeyFile);
            var configuration = cli.ConfigurationFor(parse);
            var outcome = await steward.Get<RootBootstrap>().EnsureRootAsync(
                configuration["STEWARD_BOOTSTRAP_ADMIN_KEY"], configuration["STEWARD_BOOTSTRAP_ADMIN_SECRET"], ct);
            if (!outcome.Created)
            {
                throw new CliException(ExitCodes.Refused, "Another process created the root credential meanwhile; its secret is not shown here.");
            }

            if (newKeyFile)
            {
                cli.Console.Message($"Created the master key {steward.MasterKeyFile} (mode 600). Back it up: without it, stored secrets cannot be read.");
            }

            if (parse.GetValue(json))
            {
                CliJson.Write(cli.Console.Out, new { api_key = outcome.ApiKey, api_secret = outcome.GeneratedSecret });
                return ExitCodes.Ok;
            }

            cli.Console.Out.WriteLine("Steward created the root credential. Store it now; it is not shown again.");
            cli.Console.Out.WriteLine($"  api key:    {outcome.ApiKey}");
            cli.Console.Out.WriteLine(outcome.GeneratedSecret is { } secret
                ? $"  api secret: {secret}"
                : "  api secret: the one given in STEWARD_BOOTSTRAP_ADMIN_SECRET");
            return ExitCodes.Ok;
        });
        return command;
    }
}
