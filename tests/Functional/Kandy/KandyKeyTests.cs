using System.Net;
using Steward.Client.Kandy;
using Steward.Functional.Infrastructure;
using static Steward.Functional.Kandy.KandyKit;

namespace Steward.Functional.Kandy;

/// <summary>Which key each call takes: the wrong kind, a wrong secret, a revoked or expired token are all a 401 envelope that says what to send.</summary>
public sealed class KandyKeyTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task A_token_of_the_wrong_kind_is_refused_with_the_kind_expected()
    {
        var s = await factory.NewKandySessionAsync();
        var domain = await s.NewDomainAsync();
        var user = await s.NewUserAsync(domain);
        var userToken = await s.UserTokenAsync(domain, user.UserId);

        var message = (await s.Account.GetDomainsAsync(domain.Token)).Fails(HttpStatusCode.Unauthorized, 4);
        Assert.Contains("account access token", message, StringComparison.Ordinal);
        (await s.Account.GetDomainsAsync(userToken)).Fails(HttpStatusCode.Unauthorized, 4);
        (await s.Account.CreateDomainAsync(domain.Token, UniqueDomainName())).Fails(HttpStatusCode.Unauthorized, 4);
        (await s.Account.DeleteDomainAsync(userToken, domain.Key)).Fails(HttpStatusCode.Unauthorized, 4);

        message = (await s.Domain.GetUsersAsync(s.AccountToken)).Fails(HttpStatusCode.Unauthorized, 4);
        Assert.Contains("domain access token", message, StringComparison.Ordinal);
        (await s.Domain.CreateUserByUserIdAsync(userToken, new KandyUserDetails { UserId = "x" })).Fails(HttpStatusCode.Unauthorized, 4);
        (await s.Domain.GetUserDetailsAsync(domain.Token, domain.Token)).Fails(HttpStatusCode.Unauthorized, 4);

        message = (await s.User.GetDevicesAsync(domain.Token)).Fails(HttpStatusCode.Unauthorized, 4);
        Assert.Contains("user access token", message, StringComparison.Ordinal);
        (await s.User.CreateDeviceAsync(s.AccountToken, new KandyDeviceDetails())).Fails(HttpStatusCode.Unauthorized, 4);

        // An API key where a token is needed: the message says so.
        message = (await s.Account.GetDomainsAsync(s.Native.ApiKey)).Fails(HttpStatusCode.Unauthorized, 4);
        Assert.Contains("API key", message, StringComparison.Ordinal);
        (await s.Account.GetDomainsAsync("not-a-token")).Fails(HttpStatusCode.Unauthorized, 4);
    }

    [StewardFact]
    public async Task A_key_of_the_wrong_kind_or_a_wrong_secret_is_refused()
    {
        var s = await factory.NewKandySessionAsync();
        var domain = await s.NewDomainAsync();
        var user = await s.NewUserAsync(domain);

        var message = (await s.Account.GetAccountAccessTokenAsync(domain.Key, domain.Secret)).Fails(HttpStatusCode.Unauthorized, 4);
        Assert.Contains("account API key", message, StringComparison.Ordinal);
        (await s.Domain.GetDomainAccessTokenAsync(s.Native.ApiKey, s.Native.ApiSecret)).Fails(HttpStatusCode.Unauthorized, 4);
        (await s.Domain.GetDomainAccessTokenAsync(user.UserApiKey, user.UserApiSecret)).Fails(HttpStatusCode.Unauthorized, 4);
        (await s.User.GetUserAccessTokenAsync(s.Native.ApiKey, s.Native.ApiSecret, user.UserId)).Fails(HttpStatusCode.Unauthorized, 4);

        (await s.Account.GetAccountAccessTokenAsync(s.Native.ApiKey, s.Native.ApiSecret + "x")).Fails(HttpStatusCode.Unauthorized, 4);
        (await s.Account.GetAccountAccessTokenAsync(s.Native.ApiKey, domain.Secret)).Fails(HttpStatusCode.Unauthorized, 4);
        (await s.Domain.GetDomainAccessTokenAsync(domain.Key, "DASwrong")).Fails(HttpStatusCode.Unauthorized, 4);
        (await s.User.GetUserAccessTokenAsync(domain.Key, "DASwrong", user.UserId)).Fails(HttpStatusCode.Unauthorized, 4);
        (await s.Account.DeleteAccountAccessTokenAsync(s.Native.ApiKey, "wrong", s.AccountToken)).Fails(HttpStatusCode.Unauthorized, 4);

        // The refusals revoked nothing.
        (await s.Account.GetDomainsAsync(s.AccountToken)).Ok();

        // delete_user by key takes the user's API key: another kind of key is refused.
        (await s.Domain.DeleteUserAsync(domain.Key)).Fails(HttpStatusCode.Unauthorized, 4);
        (await s.Domain.DeleteUserAsync(s.AccountToken)).Fails(HttpStatusCode.Unauthorized, 4);
        Assert.Single((await s.Domain.GetUsersAsync(domain.Token)).Ok().Users);
    }

    [StewardFact]
    public async Task Revoked_tokens_stop_working_at_once()
    {
        var s = await factory.NewKandySessionAsync();
        var domain = await s.NewDomainAsync();
        var other = (await s.Domain.GetDomainAccessTokenAsync(domain.Key, domain.Secret)).Ok().DomainAccessToken;

        (await s.Domain.DeleteDomainAccessTokenAsync(domain.Key, domain.Secret, domain.Token)).Done();
        var message = (await s.Domain.GetUsersAsync(domain.Token)).Fails(HttpStatusCode.Unauthorized, 4);
        Assert.Contains("revoked", message, StringComparison.Ordinal);
        (await s.Domain.GetUsersAsync(other)).Ok();

        // Revoking twice is fine; a token of another kind cannot be revoked through this call.
        (await s.Domain.DeleteDomainAccessTokenAsync(domain.Key, domain.Secret, domain.Token)).Done();
        (await s.Domain.DeleteDomainAccessTokenAsync(domain.Key, domain.Secret, s.AccountToken)).Fails(HttpStatusCode.BadRequest, 2);
        (await s.Account.DeleteAccountAccessTokenAsync(s.Native.ApiKey, s.Native.ApiSecret, other)).Fails(HttpStatusCode.BadRequest, 2);
        (await s.Domain.GetUsersAsync(other)).Ok();

        (await s.Account.DeleteAccountAccessTokenAsync(s.Native.ApiKey, s.Native.ApiSecret, s.AccountToken)).Done();
        (await s.Account.GetDomainsAsync(s.AccountToken)).Fails(HttpStatusCode.Unauthorized, 4);
    }

    [StewardFact]
    public async Task Another_accounts_token_cannot_be_revoked()
    {
        var a = await factory.NewKandySessionAsync();
        var b = await factory.NewKandySessionAsync();

        (await b.Account.DeleteAccountAccessTokenAsync(b.Native.ApiKey, b.Native.ApiSecret, a.AccountToken)).Fails(HttpStatusCode.Forbidden, 5);
        (await a.Account.GetDomainsAsync(a.AccountToken)).Ok();
    }

    [StewardFact]
    public async Task Tokens_expire_after_their_lifetime()
    {
        var s = await factory.NewKandySessionAsync();
        var domain = await s.NewDomainAsync();
        var user = await s.NewUserAsync(domain);
        var userToken = await s.UserTokenAsync(domain, user.UserId);

        factory.Time.Advance(TimeSpan.FromSeconds(3601));

        var message = (await s.Account.GetDomainsAsync(s.AccountToken)).Fails(HttpStatusCode.Unauthorized, 4);
        Assert.Contains("expired", message, StringComparison.Ordinal);
        (await s.Domain.GetUsersAsync(domain.Token)).Fails(HttpStatusCode.Unauthorized, 4);
        (await s.User.GetDevicesAsync(userToken)).Fails(HttpStatusCode.Unauthorized, 4);

        // Fresh tokens work.
        var fresh = (await s.Account.GetAccountAccessTokenAsync(s.Native.ApiKey, s.Native.ApiSecret)).Ok().AccountAccessToken;
        Assert.Single((await s.Account.GetDomainsAsync(fresh)).Ok().Domains);
    }

    [StewardFact]
    public async Task Limited_domain_detail_needs_a_token_of_the_same_domain()
    {
        var s = await factory.NewKandySessionAsync();
        var first = await s.NewDomainAsync();
        var second = await s.NewDomainAsync();

        var message = (await s.Domain.GetLimitedDomainDetailAsync(first.Key, first.Secret, second.Token)).Fails(HttpStatusCode.Unauthorized, 4);
        Assert.Contains("another domain", message, StringComparison.Ordinal);
        (await s.Domain.GetLimitedDomainDetailAsync(first.Key, second.Secret, first.Token)).Fails(HttpStatusCode.Unauthorized, 4);
        (await s.Domain.GetLimitedDomainDetailAsync(first.Key, first.Secret, s.AccountToken)).Fails(HttpStatusCode.Unauthorized, 4);
        Assert.Equal(first.Name, (await s.Domain.GetLimitedDomainDetailAsync(first.Key, first.Secret, first.Token)).Ok().Domain.DomainName);
    }

    [StewardFact]
    public async Task Deleting_a_domain_ends_its_keys_and_tokens()
    {
        var s = await factory.NewKandySessionAsync();
        var domain = await s.NewDomainAsync();
        var user = await s.NewUserAsync(domain);
        var userToken = await s.UserTokenAsync(domain, user.UserId);

        (await s.Account.DeleteDomainAsync(s.AccountToken, domain.Key)).Done("Domain Deleted");

        (await s.Domain.GetUsersAsync(domain.Token)).Fails(HttpStatusCode.Unauthorized, 4);
        (await s.User.GetDevicesAsync(userToken)).Fails(HttpStatusCode.Unauthorized, 4);
        (await s.User.GetUserAccessTokenAsync(domain.Key, domain.Secret, user.UserId)).Fails(HttpStatusCode.Unauthorized, 4);
        (await s.Domain.DeleteUserAsync(user.UserApiKey)).Fails(HttpStatusCode.Unauthorized, 4);
        (await s.Account.DeleteDomainAsync(s.AccountToken, domain.Key)).Fails(HttpStatusCode.NotFound, 6);
    }
}
