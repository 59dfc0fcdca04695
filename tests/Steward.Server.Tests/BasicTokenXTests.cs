using Microsoft.AspNetCore.Http;
using Steward.Core.Access;
using Steward.Core.Results;
using Steward.Server.Auth;

namespace Steward.Server.Tests;

/// <summary>HTTP Basic <c>token:X</c> (Spreedly): the account's API secret alone names the account; the password is ignored.</summary>
public sealed class BasicTokenXTests(CoreFixture core) : IClassFixture<CoreFixture>
{
    private string Secret => core.Account.Credential.Secret;

    private async Task<Result<Principal?>> AuthenticateAsync(string? authorization, BasicTokenX? scheme = null, string? site = null)
    {
        var http = Requests.With(core.Services, authorization);
        if (site is not null)
        {
            http.Request.RouteValues[BasicTokenX.SiteRouteValue] = site;
        }

        return await (scheme ?? new BasicTokenX()).AuthenticateAsync(http);
    }

    [Theory]
    [InlineData("X")]
    [InlineData("")]
    [InlineData("anything at all")]
    public async Task The_accounts_secret_gives_the_account_whatever_the_password(string password)
    {
        var caller = (await AuthenticateAsync(Requests.Basic(Secret, password))).Caller();

        Assert.Equal(PrincipalKind.Account, caller.Kind);
        Assert.Equal(core.Account.Account.Id, caller.AccountId);
        Assert.Equal(core.Account.Credential.Credential.Id, caller.CredentialId);
    }

    [Fact]
    public async Task A_wrong_secret_is_refused()
    {
        var message = (await AuthenticateAsync(Requests.Basic(Secret + "x", "X"))).Refused();
        Assert.Contains("wrong", message, StringComparison.Ordinal);

        // The key is not the token.
        (await AuthenticateAsync(Requests.Basic(core.Account.Credential.Credential.ApiKey, "X"))).Refused();
    }

    [Fact]
    public async Task A_missing_header_asks_for_the_token()
    {
        Assert.Equal(BasicTokenX.NoCredentials.Message, (await AuthenticateAsync(null)).Refused());
    }

    [Theory]
    [InlineData("Bearer AASsomething")]
    [InlineData("Token token=abc")]
    public async Task Another_scheme_word_is_no_credentials(string authorization)
    {
        Assert.Equal(BasicTokenX.NoCredentials.Message, (await AuthenticateAsync(authorization)).Refused());
    }

    [Theory]
    [InlineData("Basic %%%")]
    [InlineData("Basic QUFT")] // "AAS": no colon
    [InlineData("Basic Olg=")] // ":X": no token
    public async Task A_malformed_header_is_refused_as_such(string authorization)
    {
        Assert.Equal(BasicTokenX.Malformed.Message, (await AuthenticateAsync(authorization)).Refused());
    }

    [Fact]
    public async Task Only_an_accounts_secret_is_a_site_token()
    {
        var message = (await AuthenticateAsync(Requests.Basic(core.Organisation.Credential.Secret, "X"))).Refused();
        Assert.Contains("account", message, StringComparison.Ordinal);
        (await AuthenticateAsync(Requests.Basic(CoreFixture.RootSecret, "X"))).Refused();
    }

    [Fact]
    public async Task With_a_site_lookup_the_token_must_be_the_sites()
    {
        var accountId = core.Account.Account.Id;
        var scheme = new BasicTokenX((site, _) => ValueTask.FromResult<Guid?>(site switch
        {
            "acme" => accountId,
            "globex" => Guid.NewGuid(),
            _ => null,
        }));

        Assert.Equal(accountId, (await AuthenticateAsync(Requests.Basic(Secret, "X"), scheme, "acme")).Caller().AccountId);
        Assert.Contains("globex", (await AuthenticateAsync(Requests.Basic(Secret, "X"), scheme, "globex")).Refused(), StringComparison.Ordinal);
        (await AuthenticateAsync(Requests.Basic(Secret, "X"), scheme, "nobody")).Refused();
        (await AuthenticateAsync(Requests.Basic(Secret, "X"), scheme)).Refused();
    }
}
