using System.Buffers.Text;
using System.Security.Cryptography;
using Steward.Core.Access;
using Steward.Core.Identity;
using Steward.Core.Security;
using Steward.Core.Tenancy;

namespace Steward.Core.Tests;

public sealed class TokenCodecTests
{
    private const string Base64UrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static readonly KeyRing Keys = new(SecretProtectorTests.FixedKey(0x31));
    private readonly TokenCodec codec = new(Keys);

    public static TheoryData<PrincipalKind, string> Kinds => new()
    {
        { PrincipalKind.Root, "RAT" },
        { PrincipalKind.Account, "AAT" },
        { PrincipalKind.Organisation, "DAT" },
        { PrincipalKind.User, "UAT" },
        { PrincipalKind.Merchant, "MAT" },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Encode_then_decode_returns_every_claim_and_the_kind_prefix(PrincipalKind kind, string prefix)
    {
        var claims = Claims(kind);

        var token = codec.Encode(claims);

        Assert.StartsWith(prefix, token, StringComparison.Ordinal);
        Assert.Equal(prefix, TokenCodec.Prefix(kind));
        Assert.True(codec.TryDecode(token, out var decoded));
        Assert.Equal(claims, decoded);
        Assert.Equal(claims.IssuedAt.UtcTicks, decoded!.IssuedAt.UtcTicks);
        Assert.Equal(claims.ExpiresAt.UtcTicks, decoded.ExpiresAt.UtcTicks);
    }

    [Fact]
    public void Times_with_an_offset_decode_to_the_same_instant_in_utc()
    {
        var claims = Claims(PrincipalKind.User) with
        {
            IssuedAt = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.FromHours(2)).AddTicks(1234),
        };

        Assert.True(codec.TryDecode(codec.Encode(claims), out var decoded));
        Assert.Equal(claims.IssuedAt, decoded!.IssuedAt);
        Assert.Equal(TimeSpan.Zero, decoded.IssuedAt.Offset);
    }

    [Fact]
    public void An_empty_organisation_round_trips()
    {
        var claims = Claims(PrincipalKind.Account) with { OrganisationId = Guid.Empty };

        Assert.True(codec.TryDecode(codec.Encode(claims), out var decoded));
        Assert.Equal(Guid.Empty, decoded!.OrganisationId);
    }

    [Fact]
    public void Unknown_kind_has_no_prefix()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TokenCodec.Prefix((PrincipalKind)5));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Any_single_changed_character_is_refused(PrincipalKind kind, string prefix)
    {
        var token = codec.Encode(Claims(kind));
        Assert.StartsWith(prefix, token, StringComparison.Ordinal);

        for (var i = 0; i < token.Length; i++)
        {
            foreach (var replacement in Base64UrlAlphabet)
            {
                if (replacement == token[i])
                {
                    continue;
                }

                var chars = token.ToCharArray();
                chars[i] = replacement;
                var altered = new string(chars);
                Assert.False(codec.TryDecode(altered, out var claims), $"accepted with '{replacement}' at {i}: {altered}");
                Assert.Null(claims);
            }
        }
    }

    [Fact]
    public void A_token_signed_with_another_key_is_refused()
    {
        var other = new TokenCodec(new KeyRing(SecretProtectorTests.FixedKey(0x32)));
        var token = other.Encode(Claims(PrincipalKind.User));

        Assert.True(other.TryDecode(token, out _));
        Assert.False(codec.TryDecode(token, out var claims));
        Assert.Null(claims);
    }

    [Fact]
    public void Wrong_length_is_refused()
    {
        var token = codec.Encode(Claims(PrincipalKind.User));

        Assert.False(codec.TryDecode("", out _));
        Assert.False(codec.TryDecode("UAT", out _));
        Assert.False(codec.TryDecode(token.AsSpan(0, token.Length - 1), out _));
        Assert.False(codec.TryDecode(token + "A", out _));
        Assert.False(codec.TryDecode(token + token, out _));
        Assert.False(codec.TryDecode(token.AsSpan(3), out _));
    }

    [Fact]
    public void Bad_base64_is_refused()
    {
        var token = codec.Encode(Claims(PrincipalKind.User));

        foreach (var bad in "+/=!. \n")
        {
            var chars = token.ToCharArray();
            chars[20] = bad;
            Assert.False(codec.TryDecode(new string(chars), out _), $"accepted '{bad}'");
        }

        Assert.False(codec.TryDecode("UAT" + new string('!', token.Length - 3), out _));
    }

    [Theory]
    [InlineData(PrincipalKind.Root)]
    [InlineData(PrincipalKind.Account)]
    [InlineData(PrincipalKind.Organisation)]
    [InlineData(PrincipalKind.User)]
    [InlineData(PrincipalKind.Merchant)]
    public void A_prefix_not_matching_the_kind_is_refused(PrincipalKind kind)
    {
        var token = codec.Encode(Claims(kind));

        foreach (var prefix in new[] { "RAT", "AAT", "DAT", "UAT", "MAT", "XAT", "uat", "aat" })
        {
            if (prefix == TokenCodec.Prefix(kind))
            {
                continue;
            }

            Assert.False(codec.TryDecode(prefix + token[3..], out _), $"accepted {prefix} for {kind}");
        }
    }

    [Fact]
    public void A_correctly_signed_payload_with_an_unknown_kind_or_version_is_refused()
    {
        var token = codec.Encode(Claims(PrincipalKind.User));
        var buffer = Base64Url.DecodeFromChars(token.AsSpan(3));

        foreach (var (offset, value) in new[] { (1, (byte)5), (1, (byte)255), (0, (byte)2), (0, (byte)0) })
        {
            var forged = (byte[])buffer.Clone();
            forged[offset] = value;
            HMACSHA256.HashData(Keys.TokenSigningKey, forged.AsSpan(0, 98), forged.AsSpan(98));
            Assert.False(codec.TryDecode("UAT" + Base64Url.EncodeToString(forged), out _), $"accepted byte {offset} = {value}");
        }
    }

    private static TokenClaims Claims(PrincipalKind kind) => new(
        kind,
        Guid.NewGuid(),
        new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(6789),
        new DateTimeOffset(2026, 1, 2, 4, 4, 5, TimeSpan.Zero),
        Guid.NewGuid(),
        Guid.NewGuid(),
        Guid.NewGuid(),
        Guid.NewGuid());
}
