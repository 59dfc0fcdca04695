using System.Net;
using System.Text.Json;
using Steward.Functional.Infrastructure;

namespace Steward.Functional.Native;

/// <summary>Cursor pagination: <c>?limit=</c> (1..500) and an opaque <c>?cursor=</c>, answered as <c>{items, next_cursor}</c>.</summary>
public sealed class PaginationTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task Walking_pages_of_two_sees_every_organisation_once()
    {
        using var a = await factory.NewTenantAsync();
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            created.Add((await a.Http.NewOrganisationAsync()).Str("id"));
        }

        var seen = new List<string>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var page = await a.Http.GetOkAsync("/api/v1/organisations?limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            var ids = page.Ids();
            Assert.InRange(ids.Count, 1, 2);
            seen.AddRange(ids);
            pages++;
            var next = page.GetProperty("next_cursor");
            cursor = next.ValueKind == JsonValueKind.Null ? null : next.GetString();
            Assert.True(cursor is null || cursor.Length > 0);
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(created.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
    }

    [StewardFact]
    public async Task The_first_page_has_a_cursor_only_when_more_remain()
    {
        using var a = await factory.NewTenantAsync();
        await a.Http.NewOrganisationAsync();
        await a.Http.NewOrganisationAsync();

        var exact = await a.Http.GetOkAsync("/api/v1/organisations?limit=2");
        Assert.Equal(2, exact.Items().Count);
        Assert.Equal(JsonValueKind.Null, exact.GetProperty("next_cursor").ValueKind);

        var shorter = await a.Http.GetOkAsync("/api/v1/organisations?limit=1");
        Assert.Single(shorter.Items());
        Assert.Equal(JsonValueKind.String, shorter.GetProperty("next_cursor").ValueKind);
    }

    [StewardFact]
    public async Task Users_and_units_page_the_same_way()
    {
        using var a = await factory.NewTenantAsync();
        var orgId = (await a.Http.NewOrganisationAsync()).Str("id");
        for (var i = 0; i < 3; i++)
        {
            await a.Http.NewUserAsync();
            await a.Http.NewUnitAsync(orgId);
        }

        var users = await a.Http.ListAllAsync("/api/v1/users", limit: 1);
        Assert.Equal(3, users.Select(u => u.Str("id")).Distinct().Count());
        var units = await a.Http.ListAllAsync($"/api/v1/organisations/{orgId}/units", limit: 2);
        Assert.Equal(3, units.Select(u => u.Str("id")).Distinct().Count());
    }

    [StewardTheory]
    [InlineData("/api/v1/organisations?limit=0", "limit")]
    [InlineData("/api/v1/organisations?limit=501", "limit")]
    [InlineData("/api/v1/organisations?limit=-5", "limit")]
    [InlineData("/api/v1/organisations?cursor=garbage", "cursor")]
    [InlineData("/api/v1/organisations?cursor=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "cursor")]
    [InlineData("/api/v1/organisations?cursor=%21%21%21%21%21%21%21%21%21%21%21%21%21%21%21%21%21%21%21%21%21%21", "cursor")]
    [InlineData("/api/v1/users?limit=501", "limit")]
    [InlineData("/api/v1/users?cursor=garbage", "cursor")]
    [InlineData("/api/v1/accounts?limit=0", "limit")]
    public async Task Bad_limits_and_cursors_are_400(string url, string field)
    {
        using var a = await factory.NewTenantAsync();
        using var response = await a.Http.GetAsync(new Uri(url, UriKind.Relative));
        await response.ExpectValidationAsync(field);
    }

    [StewardFact]
    public async Task Bad_limit_on_units_is_400()
    {
        using var a = await factory.NewTenantAsync();
        var orgId = (await a.Http.NewOrganisationAsync()).Str("id");
        using var response = await a.Http.GetAsync(new Uri($"/api/v1/organisations/{orgId}/units?limit=501", UriKind.Relative));
        await response.ExpectValidationAsync("limit");
    }

    [StewardFact]
    public async Task Limit_500_is_allowed()
    {
        using var a = await factory.NewTenantAsync();
        await a.Http.NewOrganisationAsync();
        Assert.Single((await a.Http.GetOkAsync("/api/v1/organisations?limit=500")).Items());
    }
}
