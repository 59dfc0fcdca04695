using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using Steward.Core.Identity;
using Steward.Core.Security;
using Steward.Core.Tenancy;

namespace Steward.Core.Access;

/// <summary>
/// Self-contained access tokens: a readable three-letter prefix, then base64url of a fixed binary
/// payload and its HMAC-SHA256. Issuing one needs no database write, so issuance is not bounded by
/// the disk's commit rate; revocation is a list checked in memory (see <see cref="RevocationList"/>).
/// </summary>
public sealed class TokenCodec(KeyRing keys)
{
    private const byte FormatVersion = 1;
    private const int PayloadSize = 2 + 16 + 8 + 8 + (16 * 4);
    private const int MacSize = 32;
    private const int PrefixSize = 3;

    public static string Prefix(PrincipalKind kind) => PrincipalKinds.Prefixes(kind).Token;

    public string Encode(TokenClaims claims)
    {
        Span<byte> buffer = stackalloc byte[PayloadSize + MacSize];
        var payload = buffer[..PayloadSize];
        payload[0] = FormatVersion;
        payload[1] = (byte)claims.Kind;
        claims.TokenId.TryWriteBytes(payload.Slice(2, 16));
        BinaryPrimitives.WriteInt64BigEndian(payload.Slice(18, 8), claims.IssuedAt.UtcTicks);
        BinaryPrimitives.WriteInt64BigEndian(payload.Slice(26, 8), claims.ExpiresAt.UtcTicks);
        claims.AccountId.TryWriteBytes(payload.Slice(34, 16));
        claims.OrganisationId.TryWriteBytes(payload.Slice(50, 16));
        claims.SubjectId.TryWriteBytes(payload.Slice(66, 16));
        claims.CredentialId.TryWriteBytes(payload.Slice(82, 16));
        HMACSHA256.HashData(keys.TokenSigningKey, payload, buffer[PayloadSize..]);
        return Prefix(claims.Kind) + Base64Url.EncodeToString(buffer);
    }

    /// <summary>Checks format and signature (in constant time); expiry and revocation are the caller's business.</summary>
    public bool TryDecode(ReadOnlySpan<char> token, out TokenClaims? claims)
    {
        claims = null;
        const int encodedLength = ((PayloadSize + MacSize) * 4 + 2) / 3;
        if (token.Length != PrefixSize + encodedLength)
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[PayloadSize + MacSize];
        if (Base64Url.DecodeFromChars(token[PrefixSize..], buffer, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != buffer.Length)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[MacSize];
        var payload = buffer[..PayloadSize];
        HMACSHA256.HashData(keys.TokenSigningKey, payload, expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, buffer[PayloadSize..]) || payload[0] != FormatVersion || !PrincipalKinds.IsDefined((PrincipalKind)payload[1]))
        {
            return false;
        }

        var kind = (PrincipalKind)payload[1];
        if (!token[..PrefixSize].SequenceEqual(Prefix(kind)))
        {
            return false;
        }

        claims = new TokenClaims(
            kind,
            new Guid(payload.Slice(2, 16)),
            new DateTimeOffset(BinaryPrimitives.ReadInt64BigEndian(payload.Slice(18, 8)), TimeSpan.Zero),
            new DateTimeOffset(BinaryPrimitives.ReadInt64BigEndian(payload.Slice(26, 8)), TimeSpan.Zero),
            new Guid(payload.Slice(34, 16)),
            new Guid(payload.Slice(50, 16)),
            new Guid(payload.Slice(66, 16)),
            new Guid(payload.Slice(82, 16)));
        return true;
    }
}
