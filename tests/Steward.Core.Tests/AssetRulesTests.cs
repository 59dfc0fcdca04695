using Steward.Core.Assets;
using Steward.Core.Events;
using Steward.Core.Results;

namespace Steward.Core.Tests;

/// <summary>Asset names (RFC 1123 labels), content checks, and asset event payloads (which never carry content).</summary>
public sealed class AssetRulesTests
{
    private static readonly Guid A = Guid.Parse("0193a6b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b");
    private static readonly Guid B = Guid.Parse("0193a6b2-7c4d-7e8f-9a0b-1c2d3e4f5a6c");
    private static readonly Guid M = Guid.Parse("0193a6b2-7c4d-7e8f-9a0b-1c2d3e4f5a6d");

    [Theory]
    [InlineData("a", true)]
    [InlineData("db-password", true)]
    [InlineData("0-9", true)]
    [InlineData("x123456789x123456789x123456789x123456789x123456789x123456789xyz", true)]
    [InlineData("x123456789x123456789x123456789x123456789x123456789x123456789xyz4", false)]
    [InlineData("", false)]
    [InlineData("-a", false)]
    [InlineData("a-", false)]
    [InlineData("A", false)]
    [InlineData("a_b", false)]
    [InlineData("a.b", false)]
    [InlineData("é", false)]
    public void A_name_is_an_rfc_1123_label(string name, bool valid) => Assert.Equal(valid, AssetRules.IsLabel(name));

    [Fact]
    public void Content_is_measured_in_utf8_bytes_and_must_be_storable_text()
    {
        var v = new Validator();
        Assert.Null(AssetRules.Content(v, "content", new string('é', 5), 10, out var length));
        Assert.Equal(10, length);
        Assert.Equal(ErrorCode.PayloadTooLarge, AssetRules.Content(v, "content", new string('é', 6), 10, out _)?.Code);
        Assert.Equal(ErrorCode.PayloadTooLarge, AssetRules.Content(v, "content_file", new string('x', 11), 10, out _)?.Code);
        Assert.True(v.IsValid);

        Assert.Null(AssetRules.Content(v, "content", "a\0b", 10, out _));
        Assert.Null(AssetRules.Content(v, "content", "\ud800", 10, out _));
        Assert.Equal(["content", "content"], v.ToError().Violations.Select(x => x.Field));
    }

    [Fact]
    public void Asset_events_name_the_asset_and_never_its_content()
    {
        var asset = new Asset
        {
            Id = A,
            AccountId = B,
            Scope = AssetScope.Unit,
            ScopeId = M,
            Name = "db",
            Secret = true,
            Content = "plain",
            SecretCipher = "v1.k.cipher",
            ContentLength = 6,
            Enabled = true,
            Version = 3,
        };

        var e = AssetEvent.Of<AssetRevealed>(asset) with { MerchantId = "merchant-" + M };
        Assert.Equal("asset.revealed", EventCatalog.NameOf(e));
        Assert.Equal("asset-" + A, e.SubjectId);
        Assert.Equal(
            $"{{\"merchant_id\":\"merchant-{M}\",\"id\":\"asset-{A}\",\"account_id\":\"acct-{B}\",\"name\":\"db\",\"scope\":\"unit\",\"scope_id\":\"unit-{M}\",\"secret\":true,\"enabled\":true,\"content_length\":6,\"version\":3}}",
            EventCatalog.Serialize(e));
        Assert.Null(AssetEvent.Of<AssetCreated>(new Asset { Scope = AssetScope.Global }).ScopeId);
    }
}
