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

    /// <summary>
    /// Loads the key from configuration, or from a key file that is created (mode 600) on first start.
    /// The key file holds the current key on its first line and, after a rotation
    /// (<c>steward rotate-master-key</c>), older keys on the following lines, still accepted to decrypt.
    /// </summary>
    public static KeyRing Load(string? inlineBase64, string keyFile, IEnumerable<string> previousBase64)
    {
        byte[] primary;
        IEnumerable<byte[]> previous = [];
        if (!string.IsNullOrWhiteSpace(inlineBase64))
        {
            primary = Convert.FromBase64String(inlineBase64);
        }
        else if (File.Exists(keyFile))
        {
            (primary, previous) = ReadKeyFile(keyFile);
        }
        else
        {
            primary = RandomNumberGenerator.GetBytes(32);
            WriteKeyFile(keyFile, primary, [], replace: false);
        }

        return new KeyRing(primary, previous.Concat(previousBase64.Select(Convert.FromBase64String)));
    }

    /// <summary>The id a key is known by in stored secrets (<c>v1.&lt;id&gt;.…</c>): the first 4 bytes of its SHA-256.</summary>
    public static string KeyId(byte[] key) => Convert.ToHexStringLower(SHA256.HashData(key).AsSpan(0, 4));

    /// <summary>Reads a key file: base64 keys one per line, the current one first; blank lines and <c>#</c> comments are skipped.</summary>
    public static (byte[] Primary, IReadOnlyList<byte[]> Previous) ReadKeyFile(string keyFile)
    {
        var keys = File.ReadAllLines(keyFile)
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(Convert.FromBase64String)
            .ToList();
        if (keys.Count == 0)
        {
            throw new InvalidOperationException($"The master key file {keyFile} holds no key.");
        }

        return (keys[0], keys.Skip(1).ToList());
    }

    /// <summary>
    /// Writes a key file readable by its owner only (mode 600). With <paramref name="replace"/> the file is
    /// written beside the old one and renamed over it, so a crash leaves either the old file or the new one.
    /// </summary>
    public static void WriteKeyFile(string keyFile, byte[] primary, IEnumerable<byte[]> previous, bool replace)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(keyFile));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var lines = new List<string>();
        var older = previous.ToList();
        if (older.Count > 0)
        {
            lines.Add("# Steward master key. First key: the current one; the keys after it are older, kept to decrypt secrets stored before a rotation.");
        }

        lines.Add(Convert.ToBase64String(primary));
        lines.AddRange(older.Select(Convert.ToBase64String));

        var target = replace ? keyFile + ".new" : keyFile;
        if (replace)
        {
            // A left-over from an interrupted rotation: start afresh so the new file gets mode 600.
            File.Delete(target);
        }

        var options = new FileStreamOptions { Mode = replace ? FileMode.Create : FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(target, options))
        using (var writer = new StreamWriter(stream))
        {
            // A single key is written without a line break, exactly as before rotations existed.
            writer.Write(string.Join('\n', lines));
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        if (replace)
        {
            File.Move(target, keyFile, overwrite: true);
        }
    }
}
