using Microsoft.Extensions.DependencyInjection;
using Steward.Core.Access;
using Steward.Server.Auth;

namespace Steward.Server.Tests;

/// <summary>HTTP Basic <c>token:key</c> (HSP): an account's API key and secret, checked against the real credential store.</summary>
public sealed class BasicTokenKeyTests(CoreFixture core) : IClassFixture<CoreFixture>
{
    private string Key => core.Account.Credential.Credential.ApiKey;

    private string Secret => core.Account.Credential.Secret;

    private ValueTask<Steward.Core.Results.Result<Principal?>> AuthenticateAsync(string? authorization) =>
        BasicTokenKey.Scheme.AuthenticateAsync(Requests.With(core.Services, authorization));

    [Fact]
    public async Task The_accounts_key_and_secret_give_the_account()
    {
        var caller = (await AuthenticateAsync(Requests.Basic(Key, Secret))).Caller();

        var account = core.Account.Account;
        Assert.Equal(PrincipalKind.Account, caller.Kind);
        Assert.Equal(account.Id, caller.AccountId);
        Assert.Equal(account.Id, caller.SubjectId);
        Assert.Equal(core.Account.Credential.Credential.Id, caller.CredentialId);
    }

    [Fact]
    public async Task The_scheme_word_is_case_insensitive()
    {
        (await AuthenticateAsync("basic " + Requests.Base64(Key + ":" + Secret))).Caller();
    }

    [Fact]
    public async Task A_wrong_secret_is_refused()
    {
        var message = (await AuthenticateAsync(Requests.Basic(Key, Secret + "x"))).Refused();
        Assert.Contains("wrong", message, StringComparison.Ordinal);
        (await AuthenticateAsync(Requests.Basic(Key, ""))).Refused();
        (await AuthenticateAsync(Requests.Basic("AAKnosuchkey", Secret))).Refused();
    }

    [Fact]
    public async Task A_missing_header_asks_for_basic_credentials()
    {
        Assert.Equal(BasicTokenKey.NoCredentials.Message, (await AuthenticateAsync(null)).Refused());
    }

    [Theory]
    [InlineData("Bearer AATsomething")]
    [InlineData("Digest username=\"x\"")]
    [InlineData("Basicx")]
    public async Task Another_scheme_word_is_no_credentials(string authorization)
    {
        Assert.Equal(BasicTokenKey.NoCredentials.Message, (await AuthenticateAsync(authorization)).Refused());
    }

    [Theory]
    [InlineData("Basic !!!not-base64!!!")]
    [InlineData("Basic QUFL")] // "AAK": no colon
    [InlineData("Basic OnNlY3JldA==")] // ":secret": no user name
    public async Task A_malformed_header_is_refused_as_such(string authorization)
    {
        Assert.Equal(BasicTokenKey.Malformed.Message, (await AuthenticateAsync(authorization)).Refused());
    }

    [Fact]
    public async Task Only_account_credentials_are_accepted()
    {
        var organisation = core.Organisation.Credential;
        var message = (await AuthenticateAsync(Requests.Basic(organisation.Credential.ApiKey, organisation.Secret))).Refused();
        Assert.Contains("account", message, StringComparison.Ordinal);
        (await AuthenticateAsync(Requests.Basic(CoreFixture.RootKey, CoreFixture.RootSecret))).Refused();
    }

    [Fact]
    public async Task A_revoked_key_is_refused()
    {
        var credentials = core.Services.GetRequiredService<CredentialService>();
        var owner = (await AuthenticateAsync(Requests.Basic(Key, Secret))).Caller();
        var extra = (await credentials.CreateAsync(owner, null, "extra")).Value;
        (await AuthenticateAsync(Requests.Basic(extra.Credential.ApiKey, extra.Secret))).Caller();

        Assert.True((await credentials.RevokeAsync(owner, extra.Credential.Id)).IsSuccess);

        (await AuthenticateAsync(Requests.Basic(extra.Credential.ApiKey, extra.Secret))).Refused();
    }
}
