using Steward.Core.Results;

namespace Steward.Cli;

/// <summary>The exit codes a script can rely on (listed in docs/operations.md). Never renumber one.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The command failed: the database or server could not be reached, a file is not what it should be, a bug.</summary>
    public const int Failure = 1;

    /// <summary>The command line (or the input it names) is wrong: unknown option, missing argument, invalid value.</summary>
    public const int Usage = 2;

    public const int NotFound = 3;

    /// <summary>Refused: it would conflict with what exists (a root credential, an account, a database in use, another master key).</summary>
    public const int Refused = 4;

    public static int Of(ErrorCode code) => code switch
    {
        ErrorCode.Validation or ErrorCode.PayloadTooLarge => Usage,
        ErrorCode.NotFound or ErrorCode.ReferenceMissing => NotFound,
        ErrorCode.Conflict or ErrorCode.VersionConflict or ErrorCode.Forbidden or ErrorCode.Unauthorized or ErrorCode.LimitReached => Refused,
        _ => Failure,
    };
}

/// <summary>A command's refusal or failure: its message goes to standard error and its code is the exit code.</summary>
internal sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    /// <summary>A core error, with its field messages.</summary>
    public static CliException From(Error error)
    {
        var fields = error.Fields is null or { Count: 0 }
            ? ""
            : Environment.NewLine + string.Join(Environment.NewLine, error.Fields.SelectMany(f => f.Value.Select(m => $"  {f.Key}: {m}")));
        return new CliException(ExitCodes.Of(error.Code), error.Message + fields);
    }
}
