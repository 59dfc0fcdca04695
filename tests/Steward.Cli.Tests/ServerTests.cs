using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Steward.Cli.Tests.Infrastructure;
using Steward.Core.Identity;
using Steward.Core.Ids;
using Steward.Core.Tenancy;

namespace Steward.Cli.Tests;

/// <summary>The commands that can ask a running server (<c>--url</c>) instead of the database.</summary>
public sealed class ServerTests
{
    private const string RootKey = "RAKclitestroot";
    private const string RootSecret = "RASclitestroot-secret-0123456789abcdef";

    [Fact]
    public async Task Token_and_listings_ask_a_running_server_and_print_what_the_database_mode_prints()
    {
        await using var store = TestStore.Sqlite();
        await using var server = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            foreach (var (key, value) in store.Settings)
            {
                b.UseSetting(key, value);
            }

            b.UseSetting("STEWARD_BOOTSTRAP_ADMIN_KEY", RootKey);
            b.UseSetting("STEWARD_BOOTSTRAP_ADMIN_SECRET", RootSecret);
        });
        _ = server.Server;
        store.HttpHandler = () => server.Server.CreateHandler();
        const string url = "http://localhost";

        SeededAccount acme;
        await using (var core = store.OpenCore())
        {
            acme = await Seed.FullAccountAsync(core, "Acme");
        }

        var token = (await store.RunExpectingAsync(ExitCodes.Ok, "token", "--url", url, "--api-key", RootKey, "--api-secret", RootSecret)).Out.Trim();
        Assert.StartsWith("RAT", token, StringComparison.Ordinal);

        var remote = await store.RunExpectingAsync(ExitCodes.Ok, "accounts", "list", "--url", url, "--token", token, "--json");
        var local = await store.RunExpectingAsync(ExitCodes.Ok, "accounts", "list", "--json");
        Assert.Equal(local.Out, remote.Out);

        // An account's own key sees its own users; the answer is the same as the database's.
        var bob = PublicId.Of<User>(acme.UserId);
        var remoteBob = await store.RunExpectingAsync(ExitCodes.Ok, "users", "show", bob, "--url", url, "--api-key", acme.ApiKey, "--api-secret", acme.ApiSecret, "--json");
        Assert.Equal((await store.RunExpectingAsync(ExitCodes.Ok, "users", "show", bob, "--json")).Out, remoteBob.Out);
        var remoteUsers = await store.RunExpectingAsync(ExitCodes.Ok, "users", "list", "--all", "--url", url, "--api-key", acme.ApiKey, "--api-secret", acme.ApiSecret, "--json");
        Assert.Equal(2, ListingTests.Items(remoteUsers, out _).Count);

        var unknown = await store.RunExpectingAsync(ExitCodes.NotFound, "accounts", "show", PublicId.Of<Account>(Guid.CreateVersion7()), "--url", url, "--token", token);
        Assert.Contains("The server answered 404", unknown.Error, StringComparison.Ordinal);
        await store.RunExpectingAsync(ExitCodes.Refused, "token", "--url", url, "--api-key", RootKey, "--api-secret", "RASwrong");
        await store.RunExpectingAsync(ExitCodes.Refused, "accounts", "list", "--url", url, "--token", "RATforged");
        await store.RunExpectingAsync(ExitCodes.Usage, "organisations", "list", "--url", url, "--token", token, "--account", acme.PublicId);
        await store.RunExpectingAsync(ExitCodes.Usage, "accounts", "list", "--url", "ftp://example", "--token", token);
    }
}
