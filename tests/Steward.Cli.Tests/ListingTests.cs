using System.Text.Json;
using Steward.Cli.Tests.Infrastructure;
using Steward.Core.Identity;
using Steward.Core.Ids;
using Steward.Core.Tenancy;

namespace Steward.Cli.Tests;

public sealed class ListingTests
{
    [Fact]
    public async Task Accounts_are_listed_page_by_page_and_shown_one_by_one()
    {
        await using var store = await TestStore.Sqlite().MigratedAsync();
        List<Guid> ids;
        await using (var core = store.OpenCore())
        {
            ids = [await Seed.AccountAsync(core, "Acme"), await Seed.AccountAsync(core, "Globex"), await Seed.AccountAsync(core, "Initech")];
        }

        var all = Items(await store.RunExpectingAsync(ExitCodes.Ok, "accounts", "list", "--json"), out var cursor);
        Assert.Equal(ids.Select(PublicId.Of<Account>), all.Select(a => a.GetProperty("id").GetString()));
        Assert.Null(cursor);
        Assert.Equal([1L, 2L, 3L], all.Select(a => a.GetProperty("number").GetInt64()));

        var first = Items(await store.RunExpectingAsync(ExitCodes.Ok, "accounts", "list", "--limit", "2", "--json"), out cursor);
        Assert.Equal(2, first.Count);
        Assert.NotNull(cursor);
        var rest = Items(await store.RunExpectingAsync(ExitCodes.Ok, "accounts", "list", "--limit", "2", "--cursor", cursor!, "--json"), out var end);
        Assert.Equal("Initech", Assert.Single(rest).GetProperty("name").GetString());
        Assert.Null(end);
        Assert.Equal(3, Items(await store.RunExpectingAsync(ExitCodes.Ok, "accounts", "list", "--all", "--json"), out _).Count);

        var table = await store.RunExpectingAsync(ExitCodes.Ok, "accounts", "list", "--limit", "2");
        Assert.Contains("Acme", table.Out, StringComparison.Ordinal);
        Assert.Contains("ops@globex.example", table.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Initech", table.Out, StringComparison.Ordinal);
        Assert.Contains("2 accounts shown; more with --cursor", table.Error, StringComparison.Ordinal);

        var shown = await store.RunExpectingAsync(ExitCodes.Ok, "accounts", "show", PublicId.Of<Account>(ids[1]), "--json");
        using (var json = JsonDocument.Parse(shown.Out))
        {
            Assert.Equal("Globex", json.RootElement.GetProperty("name").GetString());
            Assert.Equal(2, json.RootElement.GetProperty("number").GetInt64());
            Assert.Equal(1, json.RootElement.GetProperty("version").GetInt32());
        }

        var vertical = await store.RunExpectingAsync(ExitCodes.Ok, "accounts", "show", PublicId.Of<Account>(ids[1]));
        Assert.Contains("ops@globex.example", vertical.Out, StringComparison.Ordinal);

        var unknown = await store.RunExpectingAsync(ExitCodes.NotFound, "accounts", "show", PublicId.Of<Account>(Guid.CreateVersion7()));
        Assert.Contains("There is no account acct-", unknown.Error, StringComparison.Ordinal);
        await store.RunExpectingAsync(ExitCodes.NotFound, "accounts", "show", "acct-nonsense");
        await store.RunExpectingAsync(ExitCodes.NotFound, "accounts", "show", PublicId.Of<User>(ids[0]));
    }

    [Fact]
    public async Task Organisations_and_users_are_filtered_by_account_and_organisation()
    {
        await using var store = await TestStore.Sqlite().MigratedAsync();
        SeededAccount acme;
        await using (var core = store.OpenCore())
        {
            acme = await Seed.FullAccountAsync(core, "Acme");
            await Seed.FullAccountAsync(core, "Globex");
        }

        var organisations = Items(await store.RunExpectingAsync(ExitCodes.Ok, "organisations", "list", "--account", acme.PublicId, "--json"), out _);
        Assert.Equal(["Engineering", "Sales"], organisations.Select(o => o.GetProperty("name").GetString()));
        Assert.All(organisations, o => Assert.Equal(acme.PublicId, o.GetProperty("account_id").GetString()));
        Assert.Equal(4, Items(await store.RunExpectingAsync(ExitCodes.Ok, "organisations", "list", "--json"), out _).Count);

        var users = Items(await store.RunExpectingAsync(ExitCodes.Ok, "users", "list", "--account", acme.PublicId, "--json"), out _);
        Assert.Equal(["bob", "alice"], users.Select(u => u.GetProperty("username").GetString()));
        var homed = Items(await store.RunExpectingAsync(ExitCodes.Ok, "users", "list", "--organisation", PublicId.Of<Organisation>(acme.OrganisationId), "--json"), out _);
        Assert.Equal("bob", Assert.Single(homed).GetProperty("username").GetString());

        var bob = await store.RunExpectingAsync(ExitCodes.Ok, "users", "show", PublicId.Of<User>(acme.UserId), "--json");
        using (var json = JsonDocument.Parse(bob.Out))
        {
            Assert.True(json.RootElement.GetProperty("has_password").GetBoolean());
            Assert.Equal("+441234567890", json.RootElement.GetProperty("phone_number").GetString());
            Assert.False(json.RootElement.TryGetProperty("password_hash", out _), "a listing never shows a password hash");
        }

        var table = await store.RunExpectingAsync(ExitCodes.Ok, "organisations", "list", "--account", acme.PublicId);
        Assert.Contains("Engineering", table.Out, StringComparison.Ordinal);
        Assert.Contains("2 organisations.", table.Error, StringComparison.Ordinal);

        Assert.Empty(Items(await store.RunExpectingAsync(ExitCodes.Ok, "users", "list", "--account", PublicId.Of<Account>(Guid.CreateVersion7()), "--json"), out _));
        await store.RunExpectingAsync(ExitCodes.NotFound, "users", "list", "--account", "garbage");
    }

    internal static List<JsonElement> Items(CliResult result, out string? nextCursor)
    {
        using var json = JsonDocument.Parse(result.Out);
        var cursor = json.RootElement.GetProperty("next_cursor");
        nextCursor = cursor.ValueKind == JsonValueKind.Null ? null : cursor.GetString();
        return json.RootElement.GetProperty("items").EnumerateArray().Select(e => e.Clone()).ToList();
    }
}
