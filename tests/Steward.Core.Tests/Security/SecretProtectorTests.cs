using System.Buffers.Text;
using System.Security.Cryptography;
using Steward.Core.Security;

namespace Steward.Core.Tests;

public sealed class SecretProtectorTests : IDisposable
{
    private static readonly byte[] OldKey = FixedKey(0x11);
    private static readonly byte[] NewKey = FixedKey(0x22);

    private readonly string directory = Path.Combine(Path.GetTempPath(), "steward-keyring-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Protect_then_Unprotect_returns_the_plaintext()
    {
        var protector = new SecretProtector(new KeyRing(OldKey));

        foreach (var plain in new[] { "AAS0123456789abcdef", "", "ünïcödé ✓", new string('x', 10_000) })
        {
            Assert.Equal(plain, protector.Unprotect(protector.Protect(plain)));
        }
    }

    [Fact]
    public void Protected_form_names_the_version_and_key()
    {
        var ring = new KeyRing(OldKey);
        var protectedText = new SecretProtector(ring).Protect("secret");

        Assert.StartsWith("v1." + ring.PrimaryId + ".", protectedText, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", protectedText, StringComparison.Ordinal);
    }

    [Fact]
    public void Ciphertext_differs_each_time()
    {
        var protector = new SecretProtector(new KeyRing(OldKey));

        var values = Enumerable.Range(0, 100).Select(_ => protector.Protect("same secret")).ToList();

        Assert.Equal(values.Count, values.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Tampered_ciphertext_is_refused()
    {
        var protector = new SecretProtector(new KeyRing(OldKey));
        var protectedText = protector.Protect("a secret worth protecting");
        var dataStart = protectedText.LastIndexOf('.') + 1;

        // Every character of the payload but the last (which may carry unused bits) is significant.
        for (var i = dataStart; i < protectedText.Length - 1; i++)
        {
            var chars = protectedText.ToCharArray();
            chars[i] = chars[i] == 'A' ? 'B' : 'A';
            Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(new string(chars)));
        }
    }

    [Fact]
    public void Unknown_key_id_or_format_is_refused()
    {
        var protector = new SecretProtector(new KeyRing(OldKey));
        var parts = protector.Protect("secret").Split('.');

        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect($"v1.00000000.{parts[2]}"));
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect($"v2.{parts[1]}.{parts[2]}"));
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(parts[2]));
    }

    [Fact]
    public void Truncated_ciphertext_is_refused_with_a_cryptographic_exception()
    {
        var protector = new SecretProtector(new KeyRing(OldKey));
        var parts = protector.Protect("secret").Split('.');
        var payload = Base64Url.DecodeFromChars(parts[2]);

        foreach (var length in new[] { 27, 16, 1, 0 })
        {
            var truncated = $"{parts[0]}.{parts[1]}.{Base64Url.EncodeToString(payload.AsSpan(0, length))}";
            Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(truncated));
        }
    }

    [Fact]
    public void Corrupt_base64_is_refused_with_a_cryptographic_exception()
    {
        var protector = new SecretProtector(new KeyRing(OldKey));
        var parts = protector.Protect("secret").Split('.');

        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect($"{parts[0]}.{parts[1]}.{parts[2]}!"));
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect($"{parts[0]}.{parts[1]}.{parts[2][..^1]}"));
    }

    [Fact]
    public void Value_protected_under_an_old_key_decrypts_after_rotation_only_with_the_previous_key()
    {
        var protectedText = new SecretProtector(new KeyRing(OldKey)).Protect("rotated secret");

        var rotated = new SecretProtector(new KeyRing(NewKey, [OldKey]));
        Assert.Equal("rotated secret", rotated.Unprotect(protectedText));

        // New values use the new key.
        var reprotected = rotated.Protect("rotated secret");
        Assert.StartsWith("v1." + new KeyRing(NewKey).PrimaryId + ".", reprotected, StringComparison.Ordinal);

        var withoutOld = new SecretProtector(new KeyRing(NewKey));
        Assert.ThrowsAny<CryptographicException>(() => withoutOld.Unprotect(protectedText));
        Assert.Equal("rotated secret", withoutOld.Unprotect(reprotected));
    }

    [Fact]
    public void Load_creates_a_key_file_with_mode_600_and_reuses_it()
    {
        var keyFile = Path.Combine(directory, "nested", "master.key");

        var first = KeyRing.Load(null, keyFile, []);

        Assert.True(File.Exists(keyFile));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }

        Assert.Equal(32, Convert.FromBase64String(File.ReadAllText(keyFile).Trim()).Length);
        var contents = File.ReadAllText(keyFile);

        var second = KeyRing.Load(null, keyFile, []);

        Assert.Equal(contents, File.ReadAllText(keyFile));
        Assert.Equal(first.PrimaryId, second.PrimaryId);
        Assert.Equal(first.TokenSigningKey, second.TokenSigningKey);
        Assert.Equal("kept", new SecretProtector(second).Unprotect(new SecretProtector(first).Protect("kept")));
    }

    [Fact]
    public void Load_prefers_the_inline_key_and_accepts_previous_keys()
    {
        var keyFile = Path.Combine(directory, "unused.key");

        var ring = KeyRing.Load(Convert.ToBase64String(NewKey), keyFile, [Convert.ToBase64String(OldKey)]);

        Assert.False(File.Exists(keyFile));
        Assert.Equal(new KeyRing(NewKey).PrimaryId, ring.PrimaryId);
        var old = new SecretProtector(new KeyRing(OldKey)).Protect("old");
        Assert.Equal("old", new SecretProtector(ring).Unprotect(old));
    }

    [Fact]
    public void A_rotated_key_file_lists_the_new_key_first_and_the_older_keys_after_it()
    {
        var keyFile = Path.Combine(directory, "master.key");
        KeyRing.WriteKeyFile(keyFile, OldKey, [], replace: false);
        Assert.Equal(Convert.ToBase64String(OldKey), File.ReadAllText(keyFile));
        var old = new SecretProtector(KeyRing.Load(null, keyFile, [])).Protect("old");

        KeyRing.WriteKeyFile(keyFile, NewKey, [OldKey], replace: true);

        Assert.False(File.Exists(keyFile + ".new"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }

        var (primary, previous) = KeyRing.ReadKeyFile(keyFile);
        Assert.Equal(NewKey, primary);
        Assert.Equal(OldKey, Assert.Single(previous));
        var ring = KeyRing.Load(null, keyFile, []);
        Assert.Equal(KeyRing.KeyId(NewKey), ring.PrimaryId);
        Assert.Equal("old", new SecretProtector(ring).Unprotect(old));
        Assert.Equal(new KeyRing(NewKey).TokenSigningKey, ring.TokenSigningKey);
    }

    [Fact]
    public void A_key_file_without_a_key_is_refused()
    {
        Directory.CreateDirectory(directory);
        var keyFile = Path.Combine(directory, "empty.key");
        File.WriteAllText(keyFile, "# nothing here\n\n");
        Assert.Throws<InvalidOperationException>(() => KeyRing.Load(null, keyFile, []));
    }

    [Fact]
    public void A_key_of_the_wrong_length_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new KeyRing(new byte[16]));
        Assert.Throws<ArgumentException>(() => new KeyRing(new byte[33]));
        Assert.Throws<ArgumentException>(() => new KeyRing([]));
        Assert.Throws<ArgumentException>(() => KeyRing.Load(Convert.ToBase64String(new byte[31]), Path.Combine(directory, "k"), []));

        Directory.CreateDirectory(directory);
        var shortKeyFile = Path.Combine(directory, "short.key");
        File.WriteAllText(shortKeyFile, Convert.ToBase64String(new byte[24]));
        Assert.Throws<ArgumentException>(() => KeyRing.Load(null, shortKeyFile, []));
    }

    [Fact]
    public void Different_master_keys_give_different_ids_and_signing_keys()
    {
        var a = new KeyRing(OldKey);
        var b = new KeyRing(NewKey);

        Assert.NotEqual(a.PrimaryId, b.PrimaryId);
        Assert.NotEqual(a.TokenSigningKey, b.TokenSigningKey);
        Assert.Equal(a.PrimaryId, new KeyRing(FixedKey(0x11)).PrimaryId);
    }

    internal static byte[] FixedKey(byte seed) =>
        Enumerable.Range(0, 32).Select(i => (byte)(seed + (i * 7))).ToArray();
}
