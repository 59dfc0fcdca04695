using System.Buffers.Text;
using Steward.Core.Results;
using Steward.Core.Storage;

namespace Steward.Core.Tests;

public sealed class PagingTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(50)]
    [InlineData(500)]
    public void Limits_from_1_to_500_are_accepted(int limit)
    {
        var result = Paging.Parse(limit, null);

        Assert.True(result.IsSuccess);
        Assert.Equal(limit, result.Value.Limit);
        Assert.Null(result.Value.After);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(501)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void Limits_outside_1_to_500_are_refused(int limit)
    {
        var result = Paging.Parse(limit, null);

        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorCode.Validation, result.Error!.Code);
        Assert.True(result.Error.Fields!.ContainsKey("limit"));
    }

    [Fact]
    public void No_limit_means_the_default()
    {
        var result = Paging.Parse(null, "");

        Assert.True(result.IsSuccess);
        Assert.Equal(Paging.DefaultLimit, result.Value.Limit);
        Assert.Null(result.Value.After);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAA")] // 21 characters
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAA")] // 23 characters
    [InlineData("AAAAAAAAAAAAAAAAAAAA!!")]
    [InlineData("AAAAAAAAAAAAAAAAAAAA==")]
    [InlineData("AAAAAAAAAAAAAAAAAAAA+/")]
    [InlineData("0193a6b2-7c4d-7e8f-9a0b")]
    [InlineData("                      ")]
    public void A_bad_cursor_is_refused(string cursor)
    {
        var result = Paging.Parse(10, cursor);

        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorCode.Validation, result.Error!.Code);
        Assert.True(result.Error.Fields!.ContainsKey("cursor"));
    }

    [Fact]
    public void A_bad_limit_and_a_bad_cursor_are_both_reported()
    {
        var result = Paging.Parse(0, "nope");

        Assert.Equal(["cursor", "limit"], result.Error!.Fields!.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(9)]
    [InlineData(10)]
    public void Build_gives_no_cursor_when_there_is_no_next_page(int count)
    {
        var rows = Rows(count);

        var page = Paging.Build(rows.ToList(), 10, r => r);

        Assert.Equal(rows, page.Items);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public void Build_drops_the_lookahead_row_and_the_cursor_parses_back_to_the_last_key()
    {
        var rows = Rows(11);

        var page = Paging.Build(rows.ToList(), 10, r => r);

        Assert.Equal(rows.Take(10), page.Items);
        Assert.NotNull(page.NextCursor);
        Assert.Equal(22, page.NextCursor.Length);

        var parsed = Paging.Parse(10, page.NextCursor);
        Assert.True(parsed.IsSuccess);
        Assert.Equal(rows[9], parsed.Value.After);
    }

    [Fact]
    public void Walking_pages_visits_every_row_once_in_order()
    {
        var all = Rows(23);
        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var (limit, after) = Paging.Parse(5, cursor).Value;
            var rows = all.Where(r => after is null || Compare(r, after.Value) > 0).Take(limit + 1).ToList();
            var page = Paging.Build(rows, limit, r => r);
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(all, seen);
    }

    [Fact]
    public void Cursor_is_the_key_in_big_endian_base64url()
    {
        var key = Guid.Parse("0193a6b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b");

        var page = Paging.Build([Guid.Empty, key, Guid.Empty], 2, r => r);

        Assert.Equal(Base64Url.EncodeToString(Convert.FromHexString("0193a6b27c4d7e8f9a0b1c2d3e4f5a6b")), page.NextCursor);
    }

    private static List<Guid> Rows(int count)
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        return Enumerable.Range(0, count).Select(i => Guid.CreateVersion7(start.AddMilliseconds(i))).ToList();
    }

    private static int Compare(Guid a, Guid b) =>
        string.CompareOrdinal(a.ToString("N"), b.ToString("N"));
}
