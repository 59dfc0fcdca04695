using System.Net;
using System.Text;
using Steward.Core.Results;
using Steward.Core.Webhooks;

namespace Steward.Core.Tests;

/// <summary>Signatures (against the Standard Webhooks test vector), the retry schedule, event type patterns, and the address guard.</summary>
public sealed class WebhookRulesTests
{
    [Fact]
    public void The_signature_matches_the_Standard_Webhooks_test_vector()
    {
        var signature = WebhookSignature.Sign(["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"], "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, Encoding.UTF8.GetBytes("{\"test\": 2432232314}"));

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Fact]
    public void Two_secrets_give_two_signatures_separated_by_a_space()
    {
        var a = WebhookSignature.NewSecret();
        var b = WebhookSignature.NewSecret();
        var body = "{}"u8.ToArray();

        var both = WebhookSignature.Sign([a, b], "msg-1", 1, body);

        Assert.Equal(WebhookSignature.Sign([a], "msg-1", 1, body) + " " + WebhookSignature.Sign([b], "msg-1", 1, body), both);
    }

    [Fact]
    public void A_secret_is_whsec_and_the_base64_of_32_random_bytes()
    {
        var secret = WebhookSignature.NewSecret();

        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(secret[6..]).Length);
        Assert.NotEqual(secret, WebhookSignature.NewSecret());
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 300)]
    [InlineData(3, 1800)]
    [InlineData(4, 7200)]
    [InlineData(5, 18000)]
    [InlineData(6, 36000)]
    [InlineData(7, 36000)]
    public void The_schedule_waits_5s_5m_30m_2h_5h_10h_10h_with_ten_percent_jitter(int attemptsMade, int seconds)
    {
        Assert.Equal(seconds, WebhookRules.NextDelay(attemptsMade, null, 0.5)!.Value.TotalSeconds, 3);
        Assert.Equal(seconds * 0.9, WebhookRules.NextDelay(attemptsMade, null, 0)!.Value.TotalSeconds, 3);
        Assert.Equal(seconds * 1.1, WebhookRules.NextDelay(attemptsMade, null, 1)!.Value.TotalSeconds, 3);
    }

    [Fact]
    public void After_the_eighth_attempt_there_is_no_next_one()
    {
        Assert.Equal(TimeSpan.Zero, WebhookRules.NextDelay(0, null, 0.5));
        Assert.Null(WebhookRules.NextDelay(8, null, 0.5));
        Assert.Null(WebhookRules.NextDelay(8, TimeSpan.FromSeconds(1), 0.5));
    }

    [Fact]
    public void Retry_After_is_a_floor_and_at_most_a_day()
    {
        Assert.Equal(TimeSpan.FromMinutes(2), WebhookRules.NextDelay(1, TimeSpan.FromMinutes(2), 0.5));
        Assert.Equal(TimeSpan.FromMinutes(5), WebhookRules.NextDelay(2, TimeSpan.FromSeconds(1), 0.5));
        Assert.Equal(TimeSpan.FromHours(24), WebhookRules.NextDelay(1, TimeSpan.FromDays(30), 0.5));
    }

    [Theory]
    [InlineData("*", "user.created", true)]
    [InlineData("user.*", "user.created", true)]
    [InlineData("user.*", "users.created", false)]
    [InlineData("user.*", "user", false)]
    [InlineData("user.created", "user.created", true)]
    [InlineData("user.created", "user.updated", false)]
    [InlineData("webhook.*", "webhook.delivery_replayed", true)]
    public void Patterns_match_a_type_exactly_or_by_prefix(string pattern, string type, bool matches) =>
        Assert.Equal(matches, WebhookRules.Matches([pattern], type));

    [Fact]
    public void Only_known_types_and_prefixes_are_accepted_and_duplicates_are_dropped()
    {
        var v = new Validator();
        var patterns = WebhookRules.EventTypes(v, ["*", "user.*", "organisation.created", "user.*"], required: true);
        Assert.True(v.IsValid);
        Assert.Equal(["*", "user.*", "organisation.created"], patterns);

        foreach (var bad in new[] { "user.exploded", "nothing.*", "user.", "*.created", "USER.CREATED", "user created", "" })
        {
            var check = new Validator();
            WebhookRules.EventTypes(check, [bad], required: true);
            Assert.False(check.IsValid, $"'{bad}' should be refused");
        }
    }

    [Theory]
    [InlineData("93.184.215.14", false, false)]
    [InlineData("8.8.8.8", false, false)]
    [InlineData("2606:4700::1111", false, false)]
    [InlineData("10.1.2.3", true, false)]
    [InlineData("172.31.255.255", true, false)]
    [InlineData("172.32.0.1", false, false)]
    [InlineData("192.168.0.1", true, false)]
    [InlineData("127.0.0.1", true, false)]
    [InlineData("127.255.0.9", true, false)]
    [InlineData("169.254.169.254", true, false)]
    [InlineData("100.64.0.1", true, false)]
    [InlineData("198.18.0.1", true, false)]
    [InlineData("0.0.0.0", true, true)]
    [InlineData("0.1.2.3", true, true)]
    [InlineData("224.0.0.251", true, true)]
    [InlineData("239.255.255.250", true, true)]
    [InlineData("255.255.255.255", true, true)]
    [InlineData("::", true, true)]
    [InlineData("::1", true, false)]
    [InlineData("fe80::1", true, false)]
    [InlineData("fc00::1", true, false)]
    [InlineData("fd12:3456::1", true, false)]
    [InlineData("ff02::1", true, true)]
    [InlineData("::ffff:127.0.0.1", true, false)]
    [InlineData("::ffff:10.0.0.1", true, false)]
    [InlineData("::ffff:8.8.8.8", false, false)]
    [InlineData("::ffff:0.0.0.0", true, true)]
    [InlineData("::127.0.0.1", true, false)]
    [InlineData("64:ff9b::a00:1", true, false)]
    [InlineData("64:ff9b::808:808", false, false)]
    [InlineData("2002:c0a8:0101::1", true, false)]
    [InlineData("2001:db8::1", true, false)]
    public void Addresses_are_judged_with_and_without_private_targets(string text, bool refusedByDefault, bool refusedEvenWhenAllowed)
    {
        var address = IPAddress.Parse(text);

        Assert.Equal(refusedByDefault, WebhookTargets.IsRefused(address, allowPrivate: false));
        Assert.Equal(refusedEvenWhenAllowed, WebhookTargets.IsRefused(address, allowPrivate: true));
    }
}
