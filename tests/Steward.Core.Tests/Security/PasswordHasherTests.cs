using Steward.Core.Security;

namespace Steward.Core.Tests;

public sealed class PasswordHasherTests
{
    private static readonly string StoredHash = PasswordHasher.Hash("correct horse battery staple");

    [Fact]
    public void Hash_then_Verify_accepts_the_password()
    {
        Assert.StartsWith("pbkdf2-sha256$100000$", StoredHash, StringComparison.Ordinal);
        Assert.True(PasswordHasher.Verify("correct horse battery staple", StoredHash));
    }

    [Fact]
    public void A_wrong_password_fails()
    {
        Assert.False(PasswordHasher.Verify("correct horse battery stapler", StoredHash));
        Assert.False(PasswordHasher.Verify("Correct horse battery staple", StoredHash));
        Assert.False(PasswordHasher.Verify("", StoredHash));
    }

    [Fact]
    public void Two_hashes_of_one_password_differ()
    {
        var again = PasswordHasher.Hash("correct horse battery staple");

        Assert.NotEqual(StoredHash, again);
        Assert.NotEqual(StoredHash.Split('$')[2], again.Split('$')[2]);
        Assert.True(PasswordHasher.Verify("correct horse battery staple", again));
    }

    [Fact]
    public void Unicode_passwords_round_trip()
    {
        var hash = PasswordHasher.Hash("pässwörd ✓ 密码");

        Assert.True(PasswordHasher.Verify("pässwörd ✓ 密码", hash));
        Assert.False(PasswordHasher.Verify("passwörd ✓ 密码", hash));
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("pbkdf2-sha256")]
    [InlineData("pbkdf2-sha256$100000$c2FsdA==")]
    [InlineData("pbkdf2-sha256$100000$c2FsdA==$aGFzaA==$extra")]
    [InlineData("md5$100000$c2FsdA==$aGFzaA==")]
    [InlineData("pbkdf2-sha256$many$c2FsdA==$aGFzaA==")]
    public void A_malformed_stored_hash_returns_false(string stored)
    {
        Assert.False(PasswordHasher.Verify("password", stored));
    }

    [Fact]
    public void An_empty_hash_part_never_verifies()
    {
        var salt = StoredHash.Split('$')[2];

        Assert.False(PasswordHasher.Verify("any password at all", $"pbkdf2-sha256$100000${salt}$"));
    }

    [Theory]
    [InlineData("pbkdf2-sha256$100000$not base64!$aGFzaA==")]
    [InlineData("pbkdf2-sha256$100000$c2FsdA==$not base64!")]
    [InlineData("pbkdf2-sha256$0$c2FsdA==$aGFzaA==")]
    [InlineData("pbkdf2-sha256$-1$c2FsdA==$aGFzaA==")]
    public void A_corrupt_stored_hash_returns_false_and_does_not_throw(string stored)
    {
        Assert.False(PasswordHasher.Verify("password", stored));
    }
}
