using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Steward.Client;

/// <summary>
/// Checks a delivery on the receiving side, per Standard Webhooks: one of the <c>v1,</c> signatures in
/// <c>webhook-signature</c> must be the HMAC-SHA256 of <c>{webhook-id}.{webhook-timestamp}.{body}</c> under the
/// endpoint's secret, and the timestamp recent (a replayed old message is refused). Drop messages whose
/// <c>webhook-id</c> you have already processed: delivery is at least once.
/// </summary>
public static class WebhookSignatures
{
    /// <summary>True when the message is authentic and recent.</summary>
    /// <param name="secret">The endpoint's secret, <c>whsec_…</c> (during a rotation, call once per secret you hold).</param>
    /// <param name="webhookId">The <c>webhook-id</c> header.</param>
    /// <param name="webhookTimestamp">The <c>webhook-timestamp</c> header (unix seconds).</param>
    /// <param name="webhookSignature">The <c>webhook-signature</c> header.</param>
    /// <param name="body">The raw request body, exactly as received.</param>
    /// <param name="now">The receiver's clock.</param>
    /// <param name="tolerance">How far the timestamp may be from <paramref name="now"/>; 5 minutes when null.</param>
    public static bool Verify(string secret, string webhookId, string webhookTimestamp, string webhookSignature, string body, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        if (!long.TryParse(webhookTimestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(now.ToUnixTimeSeconds() - seconds) > (tolerance ?? TimeSpan.FromMinutes(5)).TotalSeconds)
        {
            return false;
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret[6..] : secret);
        }
        catch (FormatException)
        {
            return false;
        }

        var expected = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(webhookId + "." + webhookTimestamp + "." + body));
        foreach (var candidate in webhookSignature.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!candidate.StartsWith("v1,", StringComparison.Ordinal))
            {
                continue;
            }

            var signature = new byte[32];
            if (Convert.TryFromBase64String(candidate[3..], signature, out var written) && written == 32
                && CryptographicOperations.FixedTimeEquals(signature, expected))
            {
                return true;
            }
        }

        return false;
    }
}
