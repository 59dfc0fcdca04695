using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Steward.Core.Security;

/// <summary>Encrypts secrets at rest with AES-256-GCM; the stored form names the key it was made with.</summary>
public sealed class SecretProtector(KeyRing keys)
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    /// <summary>Returns <c>v1.&lt;key id&gt;.&lt;base64url(nonce | ciphertext | tag)&gt;</c>.</summary>
    public string Protect(string plaintext)
    {
        keys.TryGetEncryptionKey(keys.PrimaryId, out var key);
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var buffer = new byte[NonceSize + plain.Length + TagSize];
        var nonce = buffer.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, buffer.AsSpan(NonceSize, plain.Length), buffer.AsSpan(NonceSize + plain.Length), Encoding.UTF8.GetBytes(keys.PrimaryId));
        return "v1." + keys.PrimaryId + "." + Base64Url.EncodeToString(buffer);
    }

    public string Unprotect(string protectedText)
    {
        var parts = protectedText.Split('.');
        if (parts.Length != 3 || parts[0] != "v1" || !keys.TryGetEncryptionKey(parts[1], out var key))
        {
            throw new CryptographicException("The secret was encrypted with an unknown key or format.");
        }

        byte[] buffer;
        try
        {
            buffer = Base64Url.DecodeFromChars(parts[2]);
        }
        catch (FormatException ex)
        {
            throw new CryptographicException("The stored secret is not valid base64url.", ex);
        }

        var plainLength = buffer.Length - NonceSize - TagSize;
        if (plainLength < 0)
        {
            throw new CryptographicException("The stored secret is too short to be a ciphertext.");
        }

        var plain = new byte[plainLength];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(buffer.AsSpan(0, NonceSize), buffer.AsSpan(NonceSize, plainLength), buffer.AsSpan(NonceSize + plainLength), plain, Encoding.UTF8.GetBytes(parts[1]));
        return Encoding.UTF8.GetString(plain);
    }
}
