using System.Net;
using Steward.Functional.Infrastructure;
using Steward.Functional.Native;

namespace Steward.Functional.Catalog;

/// <summary>The account's <c>slug</c> (a realm's, a Spreedly site's name) and <c>test</c> flag.</summary>
public sealed class AccountSlugTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task A_slug_is_taken_as_given_or_derived_from_the_name_and_made_unique()
    {
        using var root = await factory.RootClientAsync();
        var slug = NativeKit.Unique("site-");
        using (var given = await root.PostJsonAsync("/api/v1/accounts", new { name = "Given", email = "g@example.com", slug }))
        {
            var body = await given.ExpectJsonAsync(HttpStatusCode.Created);
            Assert.Equal(slug, body.Str("slug"));
            Assert.False(body.Flag("test"));
        }

        var name = "Ünïcode Café " + NativeKit.Unique("x");
        using var first = await root.PostJsonAsync("/api/v1/accounts", new { name, email = "a@example.com" });
        var derived = (await first.ExpectJsonAsync(HttpStatusCode.Created)).Str("slug");
        Assert.StartsWith("unicode-cafe-x", derived, StringComparison.Ordinal);

        using var second = await root.PostJsonAsync("/api/v1/accounts", new { name, email = "b@example.com" });
        Assert.Equal(derived + "-2", (await second.ExpectJsonAsync(HttpStatusCode.Created)).Str("slug"));

        using var taken = await root.PostJsonAsync("/api/v1/accounts", new { name = "Copy", email = "c@example.com", slug });
        await taken.ExpectFieldConflictAsync("slug");
    }

    [StewardTheory]
    [InlineData("Upper")]
    [InlineData("-lead")]
    [InlineData("trail-")]
    [InlineData("two--dashes")]
    [InlineData("under_score")]
    [InlineData("")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234")]
    public async Task A_malformed_slug_is_refused_naming_the_field(string slug)
    {
        using var root = await factory.RootClientAsync();
        using (var created = await root.PostJsonAsync("/api/v1/accounts", new { name = "Bad", email = "bad@example.com", slug }))
        {
            await created.ExpectValidationAsync("slug");
        }

        using var a = await factory.NewTenantAsync();
        using var patched = await a.Http.PatchJsonAsync("/api/v1/accounts/" + a.Id, new { slug });
        await patched.ExpectValidationAsync("slug");
    }

    [StewardFact]
    public async Task An_account_changes_its_slug_and_only_root_marks_it_a_test_account()
    {
        using var a = await factory.NewTenantAsync();
        var slug = NativeKit.Unique("renamed-");
        using (var renamed = await a.Http.PatchJsonAsync("/api/v1/accounts/" + a.Id, new { slug }))
        {
            Assert.Equal(slug, (await renamed.ExpectJsonAsync(HttpStatusCode.OK)).Str("slug"));
        }

        Assert.Equal(slug, (await a.Http.GetOkAsync("/api/v1/accounts/" + a.Id)).Str("slug"));
        await a.Http.ExpectProblemAsync(HttpMethod.Patch, "/api/v1/accounts/" + a.Id, HttpStatusCode.Forbidden, new { test = true }, "forbidden");
        Assert.False((await a.Http.GetOkAsync("/api/v1/accounts/" + a.Id)).Flag("test"));

        using var root = await factory.RootClientAsync();
        using (var marked = await root.PatchJsonAsync("/api/v1/accounts/" + a.Id, new { test = true }))
        {
            Assert.True((await marked.ExpectJsonAsync(HttpStatusCode.OK)).Flag("test"));
        }

        Assert.True((await a.Http.GetOkAsync("/api/v1/accounts/" + a.Id)).Flag("test"));
        Assert.Contains((await root.ListAllAsync("/api/v1/accounts")), x => x.Str("id") == a.Id && x.Flag("test") && x.Str("slug") == slug);

        using var b = await factory.NewTenantAsync();
        using var clash = await b.Http.PatchJsonAsync("/api/v1/accounts/" + b.Id, new { slug });
        await clash.ExpectFieldConflictAsync("slug");

        var updated = (await a.Http.EventsAsync()).Last(e => e.Str("type") == "account.updated");
        Assert.Equal(slug, updated.GetProperty("data").Str("slug"));
        Assert.True(updated.GetProperty("data").Flag("test"));
    }

    [StewardFact]
    public async Task The_core_finds_an_account_by_its_slug_and_forgets_an_old_one()
    {
        using var a = await factory.NewTenantAsync();
        var accounts = factory.Services.GetService(typeof(Steward.Core.Tenancy.AccountService)) as Steward.Core.Tenancy.AccountService;
        var slug = (await a.Http.GetOkAsync("/api/v1/accounts/" + a.Id)).Str("slug");

        var found = await accounts!.FindBySlugAsync(slug);
        Assert.Equal(a.Id, Steward.Core.Ids.PublicId.Of<Steward.Core.Tenancy.Account>(found!.Id));

        var next = NativeKit.Unique("moved-");
        await a.Http.ExpectAsync(HttpMethod.Patch, "/api/v1/accounts/" + a.Id, HttpStatusCode.OK, new { slug = next });
        Assert.Null(await accounts.FindBySlugAsync(slug));
        Assert.Equal(found.Id, (await accounts.FindBySlugAsync(next))!.Id);
        Assert.Null(await accounts.FindBySlugAsync("Not A Slug"));
    }
}
