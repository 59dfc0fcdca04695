using Steward.Core.Access;
using Steward.Core.Identity;

namespace Steward.Core.Tests;

public sealed class RevocationListTests
{
    private static readonly DateTimeOffset Cutoff = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Expiry = Cutoff.AddHours(1);

    public static TheoryData<string> Keys => new() { "token", "credential", "subject", "account", "organisation" };

    [Fact]
    public void An_empty_list_revokes_nothing()
    {
        var list = new RevocationList();

        Assert.Equal(0, list.Count);
        Assert.False(list.IsRevoked(Claims(Cutoff)));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void A_token_issued_before_the_cutoff_is_revoked_and_one_issued_at_or_after_it_is_not(string which)
    {
        var before = Claims(Cutoff.AddTicks(-1));
        var at = SameIds(before, Cutoff);
        var after = SameIds(before, Cutoff.AddSeconds(1));
        var list = new RevocationList();

        list.Add(KeyOf(before, which), Cutoff, Expiry);

        Assert.True(list.IsRevoked(before));
        Assert.False(list.IsRevoked(at));
        Assert.False(list.IsRevoked(after));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void A_revocation_of_one_key_does_not_touch_other_tokens(string which)
    {
        var revoked = Claims(Cutoff.AddMinutes(-5));
        var other = Claims(Cutoff.AddMinutes(-5));
        var list = new RevocationList();

        list.Add(KeyOf(revoked, which), Cutoff, Expiry);

        Assert.True(list.IsRevoked(revoked));
        Assert.False(list.IsRevoked(other));
    }

    [Fact]
    public void Token_id_revocation_refuses_exactly_that_token()
    {
        var token = Claims(Cutoff.AddMinutes(-1));
        var sibling = token with { TokenId = Guid.NewGuid() };
        var list = new RevocationList();

        list.Add(token.TokenId, DateTimeOffset.MaxValue, token.ExpiresAt);

        Assert.True(list.IsRevoked(token));
        Assert.False(list.IsRevoked(sibling));
    }

    [Fact]
    public void No_organisation_is_not_a_revocation_key()
    {
        var claims = Claims(Cutoff.AddMinutes(-1)) with { OrganisationId = Guid.Empty };
        var list = new RevocationList();

        list.Add(Guid.Empty, Cutoff, Expiry);

        Assert.False(list.IsRevoked(claims));
    }

    [Fact]
    public void Adding_the_same_key_again_keeps_the_later_cutoff_and_expiry()
    {
        var claims = Claims(Cutoff.AddMinutes(-1));
        var list = new RevocationList();

        list.Add(claims.SubjectId, Cutoff, Expiry);
        list.Add(claims.SubjectId, Cutoff.AddMinutes(-10), Expiry.AddHours(-1));

        Assert.Equal(1, list.Count);
        Assert.True(list.IsRevoked(claims));

        list.Prune(Expiry.AddMinutes(-1));
        Assert.Equal(1, list.Count);

        var later = SameIds(claims, Cutoff.AddMinutes(5));
        Assert.False(list.IsRevoked(later));
        list.Add(claims.SubjectId, Cutoff.AddMinutes(10), Expiry);
        Assert.True(list.IsRevoked(later));
    }

    [Fact]
    public void Prune_removes_only_expired_entries()
    {
        var now = Cutoff.AddHours(2);
        var expired = Claims(Cutoff.AddMinutes(-1));
        var live = Claims(Cutoff.AddMinutes(-1));
        var boundary = Claims(Cutoff.AddMinutes(-1));
        var list = new RevocationList();

        list.Add(expired.AccountId, Cutoff, now.AddTicks(-1));
        list.Add(live.AccountId, Cutoff, now.AddHours(1));
        list.Add(boundary.AccountId, Cutoff, now);

        list.Prune(now);

        Assert.Equal(2, list.Count);
        Assert.False(list.IsRevoked(expired));
        Assert.True(list.IsRevoked(live));
        Assert.True(list.IsRevoked(boundary));

        list.Prune(now.AddHours(2));
        Assert.Equal(0, list.Count);
    }

    private static Guid KeyOf(TokenClaims claims, string which) => which switch
    {
        "token" => claims.TokenId,
        "credential" => claims.CredentialId,
        "subject" => claims.SubjectId,
        "account" => claims.AccountId,
        "organisation" => claims.OrganisationId,
        _ => throw new ArgumentOutOfRangeException(nameof(which)),
    };

    private static TokenClaims SameIds(TokenClaims claims, DateTimeOffset issuedAt) =>
        claims with { IssuedAt = issuedAt, ExpiresAt = issuedAt.AddMinutes(30) };

    private static TokenClaims Claims(DateTimeOffset issuedAt) => new(
        PrincipalKind.User,
        Guid.NewGuid(),
        issuedAt,
        issuedAt.AddMinutes(30),
        Guid.NewGuid(),
        Guid.NewGuid(),
        Guid.NewGuid(),
        Guid.NewGuid());
}
