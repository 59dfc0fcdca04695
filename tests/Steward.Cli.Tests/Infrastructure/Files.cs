namespace Steward.Cli.Tests.Infrastructure;

public static class Files
{
    /// <summary>Asserts that only the owner may read or write the file (mode 600), where the OS has modes.</summary>
    public static void AssertOwnerOnly(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }
}
