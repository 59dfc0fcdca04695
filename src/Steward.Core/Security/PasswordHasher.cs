using System.Security.Cryptography;

namespace Steward.Core.Security;

/// <summary>PBKDF2-SHA256 password hashes: <c>pbkdf2-sha256$iterations$salt$hash</c>.</summary>
public static class PasswordHasher
{
    private const int Iterations = 100_000;
    private const int HashSize = 32;

    // A stored hash may come from an import or a restored backup: bound the work it can ask for.
    private const int MaxIterations = 10_000_000;

    public static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, Iterations, HashAlgorithmName.SHA256, HashSize);
        return $"pbkdf2-sha256${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    /// <summary>True only for the right password and a well-formed stored hash; never throws on a corrupt one.</summary>
    public static bool Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != "pbkdf2-sha256"
            || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var iterations)
            || iterations is < 1 or > MaxIterations)
        {
            return false;
        }

        var salt = new byte[parts[2].Length];
        var expected = new byte[parts[3].Length];
        if (!Convert.TryFromBase64String(parts[2], salt, out var saltLength) || saltLength < 8
            || !Convert.TryFromBase64String(parts[3], expected, out var hashLength) || hashLength != HashSize)
        {
            return false;
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(password, salt.AsSpan(0, saltLength), iterations, HashAlgorithmName.SHA256, HashSize);
        return CryptographicOperations.FixedTimeEquals(actual, expected.AsSpan(0, HashSize));
    }
}
