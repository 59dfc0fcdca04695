using System.Security.Cryptography;
using System.Text;

namespace Steward.Core.Security;

/// <summary>Generation and verification of API keys and secrets.</summary>
public static class Secrets
{
    /// <summary>A 128-bit random API key in lower-case hex behind a three-letter prefix (<c>AAK…</c>).</summary>
    public static string NewApiKey(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>A 256-bit random secret in lower-case hex behind a three-letter prefix (<c>AAS…</c>).</summary>
    public static string NewSecret(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>The lookup hash stored for a secret. Secrets are 256-bit random, so one SHA-256 round is enough.</summary>
    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>Constant-time comparison of a presented secret with a stored hash.</summary>
    public static bool Verify(string presented, byte[] storedHash)
    {
        Span<byte> hash = stackalloc byte[32];
        var bytes = Encoding.UTF8.GetBytes(presented);
        SHA256.HashData(bytes, hash);
        return CryptographicOperations.FixedTimeEquals(hash, storedHash);
    }
}
