using System.Net;
using System.Text.Json;
using Steward.Functional.Infrastructure;

namespace Steward.Functional.Native;

/// <summary>
/// Brute-force protection at <c>/oauth/token</c> with the default rules (docs/security.md): lockouts per API key,
/// per user name and per client address, growing, on the server's clock; answered 429 <c>slow_down</c> with
/// Retry-After. Each test sends from addresses of its own (<see cref="StewardFactory.ClientAddressHeader"/>).
/// </summary>
public sealed class SignInProtectionTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    private const string Password = "correct horse battery";

    [StewardFact]
    public async Task Wrong_client_secrets_lock_the_key_with_growing_delays_and_the_right_secret_works_after()
    {
        var a = await factory.NewAccountAsync();
        var attacker = NewAddress();

        for (var i = 0; i < 5; i++)
        {
            using var wrong = await ClientCredentialsAsync(a.ApiKey, "AASwrong" + i, attacker);
            Assert.Equal("invalid_client", (await wrong.ExpectJsonAsync(HttpStatusCode.Unauthorized)).Str("error"));
        }

        // Locked: even the right secret is refused untried, from any address that has not signed in with it.
        await ExpectSlowDownAsync(await ClientCredentialsAsync(a.ApiKey, a.ApiSecret, attacker), 1);
        await ExpectSlowDownAsync(await ClientCredentialsAsync(a.ApiKey, a.ApiSecret, NewAddress()), 1);

        // Each failure after a lockout doubles it.
        foreach (var seconds in new[] { 2, 4, 8 })
        {
            factory.Time.Advance(TimeSpan.FromSeconds(seconds / 2));
            using var wrong = await ClientCredentialsAsync(a.ApiKey, "AASwrong", attacker);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            await ExpectSlowDownAsync(await ClientCredentialsAsync(a.ApiKey, a.ApiSecret, attacker), seconds);
        }

        factory.Time.Advance(TimeSpan.FromSeconds(8));
        using var right = await ClientCredentialsAsync(a.ApiKey, a.ApiSecret, attacker);
        await right.ExpectJsonAsync(HttpStatusCode.OK);

        // The success forgot the failures: the next wrong secret is a plain 401 again.
        using var again = await ClientCredentialsAsync(a.ApiKey, "AASwrong", attacker);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
    }

    [StewardFact]
    public async Task Someone_guessing_a_key_does_not_lock_out_the_service_that_signs_in_with_it()
    {
        var a = await factory.NewAccountAsync();
        var service = NewAddress();
        using (var first = await ClientCredentialsAsync(a.ApiKey, a.ApiSecret, service))
        {
            await first.ExpectJsonAsync(HttpStatusCode.OK);
        }

        var attacker = NewAddress();
        for (var i = 0; i < 6; i++)
        {
            (await ClientCredentialsAsync(a.ApiKey, "AASwrong", attacker)).Dispose();
        }

        await ExpectSlowDownAsync(await ClientCredentialsAsync(a.ApiKey, a.ApiSecret, attacker), 1);
        using var stillWorks = await ClientCredentialsAsync(a.ApiKey, a.ApiSecret, service);
        await stillWorks.ExpectJsonAsync(HttpStatusCode.OK);
    }

    [StewardFact]
    public async Task An_address_is_locked_after_twenty_failures_whatever_the_keys()
    {
        var a = await factory.NewAccountAsync();
        var sprayer = NewAddress();
        for (var i = 0; i < 20; i++)
        {
            using var wrong = await ClientCredentialsAsync("AAKnosuchkey" + i, "AASwrong", sprayer);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        await ExpectSlowDownAsync(await ClientCredentialsAsync(a.ApiKey, a.ApiSecret, sprayer), 1);
        using var elsewhere = await ClientCredentialsAsync(a.ApiKey, a.ApiSecret, NewAddress());
        await elsewhere.ExpectJsonAsync(HttpStatusCode.OK);

        // A success from the address does not clear its failures: the lockout grows on.
        factory.Time.Advance(TimeSpan.FromSeconds(1));
        using (var right = await ClientCredentialsAsync(a.ApiKey, a.ApiSecret, sprayer))
        {
            await right.ExpectJsonAsync(HttpStatusCode.OK);
        }

        (await ClientCredentialsAsync("AAKnosuchkey", "AASwrong", sprayer)).Dispose();
        await ExpectSlowDownAsync(await ClientCredentialsAsync(a.ApiKey, a.ApiSecret, sprayer), 2);
    }

    [StewardFact]
    public async Task A_password_lockout_answers_alike_whether_or_not_the_user_exists()
    {
        using var a = await factory.NewTenantAsync();
        var domain = NativeKit.UniqueDomain();
        var orgId = (await a.Http.NewOrganisationAsync(domainName: domain)).Str("id");
        await a.Http.NewUserAsync("frank", orgId, Password);
        var known = NewAddress();
        var unknown = NewAddress();

        for (var i = 0; i < 7; i++)
        {
            using var forKnown = await PasswordAsync("frank@" + domain, "wrong password", known);
            using var forUnknown = await PasswordAsync("nobody@" + domain, "wrong password", unknown);
            Assert.Equal(i < 5 ? HttpStatusCode.BadRequest : HttpStatusCode.TooManyRequests, forKnown.StatusCode);
            Assert.Equal(forKnown.StatusCode, forUnknown.StatusCode);
            Assert.Equal(await forKnown.Content.ReadAsStringAsync(), await forUnknown.Content.ReadAsStringAsync());
            Assert.Equal(forKnown.Headers.RetryAfter?.Delta, forUnknown.Headers.RetryAfter?.Delta);
        }

        // The right password is refused while the name is locked, and works once the lockout has passed.
        await ExpectSlowDownAsync(await PasswordAsync("frank@" + domain, Password, NewAddress()), 1);
        factory.Time.Advance(TimeSpan.FromSeconds(1));
        using var right = await PasswordAsync("frank@" + domain, Password, known);
        await right.ExpectJsonAsync(HttpStatusCode.OK);
    }

    [StewardFact]
    public async Task A_user_name_is_counted_however_it_is_cased()
    {
        using var a = await factory.NewTenantAsync();
        var domain = NativeKit.UniqueDomain();
        var orgId = (await a.Http.NewOrganisationAsync(domainName: domain)).Str("id");
        await a.Http.NewUserAsync("grace", orgId, Password);

        var names = new[] { "grace@", "GRACE@", "Grace@", "gRace@", "graCE@" };
        foreach (var name in names)
        {
            (await PasswordAsync(name + domain.ToUpperInvariant(), "wrong password", NewAddress())).Dispose();
        }

        await ExpectSlowDownAsync(await PasswordAsync("grace@" + domain, Password, NewAddress()), 1);
    }

    /// <summary>A client address no other test uses (TEST-NET-2 and -3, RFC 5737, and a documentation IPv6 prefix).</summary>
    private static string NewAddress()
    {
        var n = Interlocked.Increment(ref next);
        return n % 2 == 0 ? $"198.51.{n / 256 % 256}.{n % 256}" : $"2001:db8:{n:x}::1";
    }

    private static int next = Random.Shared.Next(0, 1 << 15);

    private async Task<HttpResponseMessage> ClientCredentialsAsync(string key, string secret, string address) =>
        await PostAsync(new() { ["grant_type"] = "client_credentials", ["client_id"] = key, ["client_secret"] = secret }, address);

    private async Task<HttpResponseMessage> PasswordAsync(string username, string password, string address) =>
        await PostAsync(new() { ["grant_type"] = "password", ["username"] = username, ["password"] = password }, address);

    private async Task<HttpResponseMessage> PostAsync(Dictionary<string, string> form, string address)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add(StewardFactory.ClientAddressHeader, address);
        return await client.SendAsync(request);
    }

    /// <summary>429, RFC 6749's shape with <c>slow_down</c>, and Retry-After in whole seconds.</summary>
    private static async Task ExpectSlowDownAsync(HttpResponseMessage response, int retryAfter)
    {
        using (response)
        {
            var body = await response.ExpectJsonAsync(HttpStatusCode.TooManyRequests);
            Assert.Equal("slow_down", body.Str("error"));
            Assert.Contains($"try again in {retryAfter} s", body.Str("error_description"), StringComparison.Ordinal);
            Assert.Equal(TimeSpan.FromSeconds(retryAfter), response.Headers.RetryAfter?.Delta);
            Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
            Assert.Equal(JsonValueKind.Object, body.ValueKind);
        }
    }
}
