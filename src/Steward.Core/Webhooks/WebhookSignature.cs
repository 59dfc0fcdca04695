using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Steward.Core.Webhooks;

/// <summary>
/// Standard Webhooks signing: a secret is <c>whsec_</c> and the base64 of a 32-byte key; a signature is
/// <c>v1,</c> and the base64 of HMAC-SHA256 over <c>{webhook-id}.{webhook-timestamp}.{body}</c> with the
/// decoded key. Several valid secrets give several signatures, separated by spaces.
/// </summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    /// <summary>A new secret: 256 random bits.</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The <c>webhook-signature</c> value: one <c>v1,…</c> per secret, space-separated.</summary>
    public static string Sign(IEnumerable<string> secrets, string messageId, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(messageId + "." + timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));

        var signatures = new List<string>();
        foreach (var secret in secrets)
        {
            var key = Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
            signatures.Add("v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content)));
        }

        return string.Join(' ', signatures);
    }
}
