using System.Globalization;
using System.Text.Json;
using Steward.Core.Billing;
using Steward.Core.Results;

namespace Steward.Core.Tests;

/// <summary>Coin amounts, billing periods by offset, charge windows and the rules of one charge line.</summary>
public sealed class BillingRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 15, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("1.25", "1.25")]
    [InlineData("1.250000000", "1.25")]
    [InlineData("0", "0")]
    [InlineData("1e3", "1000")]
    [InlineData("0.000000001", "0.000000001")]
    [InlineData("999999999999", "999999999999")]
    public void Amounts_parse_from_number_or_string_text_and_format_without_trailing_zeros(string text, string formatted)
    {
        var v = new Validator();
        var value = Coins.Read(v, "coins", text, required: true, positive: false);
        Assert.True(v.IsValid);
        Assert.Equal(formatted, Coins.Format(value!.Value));
    }

    [Theory]
    [InlineData("abc", FieldRule.Format)]
    [InlineData("1,5", FieldRule.Format)]
    [InlineData("0.0000000001", FieldRule.Format)]
    [InlineData("-0.5", FieldRule.OutOfRange)]
    [InlineData("1000000000001", FieldRule.OutOfRange)]
    [InlineData(null, FieldRule.Required)]
    public void Bad_amounts_are_refused_with_their_rule(string? text, FieldRule rule)
    {
        var v = new Validator();
        Assert.Null(Coins.Read(v, "coins", text, required: true, positive: false));
        Assert.Equal(rule, Assert.Single(v.ToError().Violations).Rule);
    }

    [Fact]
    public void A_positive_amount_refuses_zero()
    {
        var v = new Validator();
        Assert.Null(Coins.Read(v, "allowance", "0", required: true, positive: true));
        Assert.False(v.IsValid);
    }

    [Theory]
    [InlineData("2026-03-15", 10, 0, "2026-03-10", "2026-04-10")]
    [InlineData("2026-03-15", 10, -1, "2026-02-10", "2026-03-10")]
    [InlineData("2026-03-09", 10, 0, "2026-02-10", "2026-03-10")]
    [InlineData("2026-03-10", 10, 0, "2026-03-10", "2026-04-10")]
    [InlineData("2026-01-05", 28, -1, "2025-11-28", "2025-12-28")]
    [InlineData("2026-03-15", 1, -23, "2024-04-01", "2024-05-01")]
    public void Periods_by_offset_move_whole_months(string today, int billingDay, int offset, string from, string until)
    {
        var (f, u) = BillingDay.Period(DateOnly.Parse(today, CultureInfo.InvariantCulture), billingDay, offset);
        Assert.Equal(DateOnly.Parse(from, CultureInfo.InvariantCulture), f);
        Assert.Equal(DateOnly.Parse(until, CultureInfo.InvariantCulture), u);
        Assert.Equal(f, BillingDay.PeriodStart(f, billingDay));
        Assert.Equal(f, BillingDay.PeriodStart(u.AddDays(-1), billingDay));
    }

    [Fact]
    public void A_window_is_a_period_or_a_range_never_both()
    {
        var today = new DateOnly(2026, 3, 15);
        var current = new ChargeWindowInput().Validate(today).Value.For(today, 10);
        Assert.Equal((new DateOnly(2026, 3, 10), new DateOnly(2026, 4, 10), (int?)0), (current.From, current.Until, current.Pbp));

        var fromOnly = new ChargeWindowInput(From: new DateOnly(2026, 3, 1)).Validate(today).Value;
        Assert.Equal(today.AddDays(1), fromOnly.Until);
        var untilOnly = new ChargeWindowInput(Until: new DateOnly(2026, 3, 1)).Validate(today).Value;
        Assert.Equal(new DateOnly(2026, 2, 1), untilOnly.From);
        Assert.Null(untilOnly.For(today, 10).Pbp);

        Assert.Equal("pbp", Field(new ChargeWindowInput(Pbp: 1).Validate(today)));
        Assert.Equal("pbp", Field(new ChargeWindowInput(Pbp: -24).Validate(today)));
        Assert.Equal("pbp", Field(new ChargeWindowInput(From: today, Pbp: 0).Validate(today)));
        Assert.Equal("until", Field(new ChargeWindowInput(today, today).Validate(today)));
        Assert.Equal("until", Field(new ChargeWindowInput(today.AddDays(-800), today).Validate(today)));
    }

    [Fact]
    public void A_line_is_signed_by_kind_and_storage_burns_its_coins_by_default()
    {
        var product = "product-" + Guid.CreateVersion7();
        var parsed = ChargeLineRules.Parse(
        [
            new ChargeLineInput(product, "a", "credit", "2.5"),
            new ChargeLineInput(product, "b", "STORAGE", "3"),
            new ChargeLineInput(product, "c", "storage", "3", BurnRate: "4"),
            new ChargeLineInput(product, "d", "fee", "1", Name: "setup", Group: "once"),
        ], Now);
        Assert.True(parsed.IsSuccess);
        var lines = parsed.Value;
        Assert.Equal(-2.5m, lines[0].Coins);
        Assert.Equal(ChargeKind.Storage, lines[1].Kind);
        Assert.Equal(3m, lines[1].BurnRate);
        Assert.Equal(4m, lines[2].BurnRate);
        Assert.Null(lines[3].BurnRate);
        Assert.All(lines, l => Assert.Equal(Now, l.Timestamp));
    }

    [Fact]
    public void Every_broken_rule_names_its_line_and_field()
    {
        var product = "product-" + Guid.CreateVersion7();
        using var text = JsonDocument.Parse("\"not an object\"");
        var parsed = ChargeLineRules.Parse(
        [
            new ChargeLineInput(product, "ok", "processing", "1", Username: "u"),
            null,
            new ChargeLineInput("unit-" + Guid.CreateVersion7(), "", "bogus", "x", Sequence: -1, Timestamp: Now.AddMonths(-25), AdditionalData: text.RootElement),
        ], Now);
        var fields = parsed.Error!.Fields!.Keys.ToHashSet();
        Assert.Contains("lines[1]", fields);
        foreach (var field in new[] { "product_id", "external_id", "kind", "coins", "sqn", "timestamp", "additional_data" })
        {
            Assert.Contains("lines[2]." + field, fields);
        }

        Assert.DoesNotContain(fields, f => f.StartsWith("lines[0]", StringComparison.Ordinal));
    }

    [Fact]
    public void A_batch_holds_one_to_a_thousand_lines()
    {
        Assert.Equal("lines", Field(ChargeLineRules.Parse([], Now)));
        Assert.Equal("lines", Field(ChargeLineRules.Parse(null, Now)));
        var many = Enumerable.Range(0, 1001).Select(i => (ChargeLineInput?)new ChargeLineInput("product-" + Guid.CreateVersion7(), "x" + i, "fee", "1", Name: "n")).ToList();
        Assert.Equal("lines", Field(ChargeLineRules.Parse(many, Now)));
        Assert.True(ChargeLineRules.Parse(many[..1000], Now).IsSuccess);
    }

    private static string Field<T>(Result<T> result) => Assert.Single(result.Error!.Fields!).Key;
}
