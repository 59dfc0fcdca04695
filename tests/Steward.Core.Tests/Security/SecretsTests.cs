using Steward.Core.Security;

namespace Steward.Core.Tests;

public sealed class SecretsTests
{
    [Fact]
    public void NewApiKey_is_the_prefix_and_32_lower_case_hex_digits()
    {
        var key = Secrets.NewApiKey("AAK");

        Assert.StartsWith("AAK", key, StringComparison.Ordinal);
        Assert.Equal(3 + 32, key.Length);
        Assert.All(key[3..], c => Assert.True(char.IsAsciiHexDigitLower(c) || char.IsAsciiDigit(c), $"'{c}' is not lower-case hex"));
    }

    [Fact]
    public void NewSecret_is_the_prefix_and_64_lower_case_hex_digits()
    {
        var secret = Secrets.NewSecret("AAS");

        Assert.StartsWith("AAS", secret, StringComparison.Ordinal);
        Assert.Equal(3 + 64, secret.Length);
        Assert.All(secret[3..], c => Assert.True(char.IsAsciiHexDigitLower(c) || char.IsAsciiDigit(c), $"'{c}' is not lower-case hex"));
    }

    [Fact]
    public void Keys_and_secrets_are_random()
    {
        var keys = Enumerable.Range(0, 1000).Select(_ => Secrets.NewApiKey("AAK")).ToList();
        var secrets = Enumerable.Range(0, 1000).Select(_ => Secrets.NewSecret("AAS")).ToList();

        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(secrets.Count, secrets.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Hash_is_sha256_sized_and_Verify_accepts_the_same_secret()
    {
        var secret = Secrets.NewSecret("AAS");
        var hash = Secrets.Hash(secret);

        Assert.Equal(32, hash.Length);
        Assert.True(Secrets.Verify(secret, hash));
    }

    [Fact]
    public void Verify_rejects_a_different_secret()
    {
        var hash = Secrets.Hash(Secrets.NewSecret("AAS"));

        Assert.False(Secrets.Verify(Secrets.NewSecret("AAS"), hash));
        Assert.False(Secrets.Verify("", hash));
    }

    [Fact]
    public void Verify_rejects_a_secret_differing_only_in_its_last_character()
    {
        var secret = Secrets.NewSecret("AAS");
        var hash = Secrets.Hash(secret);
        var altered = secret[..^1] + (secret[^1] == '0' ? '1' : '0');

        Assert.False(Secrets.Verify(altered, hash));
        Assert.False(Secrets.Verify(secret[..^1], hash));
        Assert.False(Secrets.Verify(secret + "0", hash));
    }

    [Fact]
    public void Verify_rejects_a_stored_hash_of_the_wrong_length()
    {
        var secret = Secrets.NewSecret("AAS");

        Assert.False(Secrets.Verify(secret, Secrets.Hash(secret)[..16]));
        Assert.False(Secrets.Verify(secret, []));
    }
}
