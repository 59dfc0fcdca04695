using System.CommandLine;
using System.Security.Cryptography;
using Steward.Core.Security;

namespace Steward.Cli.Commands;

/// <summary>
/// <c>steward rotate-master-key</c>: a new master key, every stored secret re-encrypted under it, and a
/// key file that lists the new key first and the older ones after it.
/// </summary>
internal static class RotateMasterKeyCommand
{
    public static Command Create(CliContext cli)
    {
        var output = new Option<string?>("--out")
        {
            Description = "Where to write the new key file; by default the configured key file is replaced. Required when the key is configured inline (Steward:MasterKey).",
        };
        var command = new Command("rotate-master-key",
            "Generate a new master key, re-encrypt every stored secret under it (all or nothing), and write a key file (mode 600) holding "
            + "the new key and, after it, the old ones, still accepted to decrypt. Prints what to configure; restart every server afterwards.")
        {
            output,
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var steward = await cli.OpenAsync(parse, ct, requireMasterKey: true);
            var configuredFile = steward.MasterKeyFile;
            var keyFile = parse.GetValue(output) is { } o ? Path.GetFullPath(o) : null;
            if (steward.HasInlineMasterKey && keyFile is null)
            {
                throw new CliException(ExitCodes.Usage,
                    "The master key is configured inline (Steward:MasterKey); give --out <file> for the new key file.");
            }

            keyFile ??= configuredFile;
            var replacing = string.Equals(keyFile, configuredFile, StringComparison.Ordinal) && !steward.HasInlineMasterKey;
            if (File.Exists(keyFile) && !replacing)
            {
                throw new CliException(ExitCodes.Refused, $"{keyFile} exists and is not the configured key file; choose another --out.");
            }

            // The current ring is loaded before the new file is written; the rotation decrypts with it.
            var rotation = steward.Get<MasterKeyRotation>();
            var current = steward.Get<KeyRing>();
            var (primary, fromFile) = steward.HasInlineMasterKey
                ? (Convert.FromBase64String(steward.Options.MasterKey!), (IReadOnlyList<byte[]>)[])
                : KeyRing.ReadKeyFile(configuredFile);
            var older = new[] { primary }
                .Concat(fromFile)
                .Concat(steward.Options.PreviousMasterKeys.Select(Convert.FromBase64String))
                .DistinctBy(KeyRing.KeyId)
                .ToList();
            var next = RandomNumberGenerator.GetBytes(32);

            // The file first: if the re-encryption then fails or is interrupted, the file still holds the
            // old keys (as previous ones), so every secret stays readable whichever key encrypted it.
            KeyRing.WriteKeyFile(keyFile, next, older, replace: File.Exists(keyFile));
            var nextRing = new KeyRing(next, older);
            var result = await rotation.ReencryptAsync(nextRing, ct);
            if (!result.IsSuccess)
            {
                throw new CliException(ExitCodes.Of(result.Error!.Code),
                    result.Error.Message + $" {keyFile} was written already; it lists the old keys too, so it is safe to use or to discard.");
            }

            cli.Console.Out.WriteLine($"Re-encrypted {result.Value} stored secret(s) under master key {nextRing.PrimaryId} (it was {current.PrimaryId}).");
            cli.Console.Out.WriteLine($"Wrote {keyFile} (mode 600): the new key, then {older.Count} older key(s) still accepted to decrypt.");
            if (replacing)
            {
                cli.Console.Out.WriteLine("Restart every Steward instance now; they must all read this key file.");
            }
            else
            {
                cli.Console.Out.WriteLine($"Configure every Steward instance with Steward__MasterKeyFile={keyFile} and remove Steward__MasterKey and "
                    + "Steward__PreviousMasterKeys (the file holds them), then restart them.");
            }

            cli.Console.Out.WriteLine("Until restarted, a running server encrypts new secrets with the old key (still readable). After the restart, "
                + "access tokens issued before it are no longer accepted (they were signed with the old key): clients ask for new ones.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
