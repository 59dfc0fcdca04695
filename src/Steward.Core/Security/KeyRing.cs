using System.Security.Cryptography;
using System.Text;

namespace Steward.Core.Security;

/// <summary>
/// The master key (and older keys kept for decryption after a rotation). Every other key is derived
/// from it with HKDF, so one secret protects stored API secrets and signs access tokens.
/// </summary>
public sealed class KeyRing
{
    private readonly Dictionary<string, byte[]> keys = new(StringComparer.Ordinal);

    public KeyRing(byte[] primary, IEnumerable<byte[]>? previous = null)
    {
        if (primary.Length != 32)
        {
            throw new ArgumentException("The master key must be 32 bytes (256 bits).", nameof(primary));
        }

        PrimaryId = KeyId(primary);
        keys[PrimaryId] = primary;
        foreach (var key in previous ?? [])
        {
            if (key.Length != 32)
            {
                throw new ArgumentException("Every previous master key must be 32 bytes (256 bits).", nameof(previous));
            }

            keys.TryAdd(KeyId(key), key);
        }

        TokenSigningKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, primary, 32, info: Encoding.UTF8.GetBytes("steward/token-signing/v1"));
    }

    public string PrimaryId { get; }

    public byte[] TokenSigningKey { get; }

    /// <summary>The encryption key for stored secrets, derived from the master key with the given id.</summary>
    public bool TryGetEncryptionKey(string keyId, out byte[] key)
    {
        if (keys.TryGetValue(keyId, out var master))
        {
            key = HKDF.DeriveKey(HashAlgorithmName.SHA256, master, 32, info: Encoding.UTF8.GetBytes("steward/secret-encryption/v1"));
            return true;
        }

        key = [];
        return false;
    }

    /// <summary>Loads the key from configuration, or from a key file that is created (mode 600) on first start.</summary>
    public static KeyRing Load(string? inlineBase64, string keyFile, IEnumerable<string> previousBase64)
    {
        byte[] primary;
        if (!string.IsNullOrWhiteSpace(inlineBase64))
        {
            primary = Convert.FromBase64String(inlineBase64);
        }
        else if (File.Exists(keyFile))
        {
            primary = Convert.FromBase64String(File.ReadAllText(keyFile).Trim());
        }
        else
        {
            primary = RandomNumberGenerator.GetBytes(32);
            var directory = Path.GetDirectoryName(Path.GetFullPath(keyFile));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var stream = new FileStream(keyFile, options);
            using var writer = new StreamWriter(stream);
            writer.Write(Convert.ToBase64String(primary));
        }

        return new KeyRing(primary, previousBase64.Select(Convert.FromBase64String));
    }

    private static string KeyId(byte[] key) => Convert.ToHexStringLower(SHA256.HashData(key).AsSpan(0, 4));
}
