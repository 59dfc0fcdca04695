using System.Net;
using Steward.Functional.Infrastructure;
using Steward.Functional.Native;

namespace Steward.Functional.AdminConsole;

/// <summary>
/// The console's sign-in, session cookie, sign-out and anti-forgery, over HTTP: the same requests a
/// browser makes, with their literal cookies and statuses.
/// </summary>
public sealed class ConsoleSessionTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task Get_console_answers_an_html_sign_in_page()
    {
        using var client = ConsoleClient.Create(factory);
        var page = await client.GetAsync("/console");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("text/html", page.Response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<form method=\"post\" action=\"/console/sign-in\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("name=\"api_key\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("name=\"api_secret\" type=\"password\"", page.Html, StringComparison.Ordinal);
        Assert.NotNull(client.Token);
        Assert.True(page.Response.Headers.CacheControl?.NoStore);
        Assert.Contains("frame-ancestors 'none'", page.Response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [StewardFact]
    public async Task Session_cookie_is_httponly_samesite_strict_and_scoped_to_the_console()
    {
        var account = await factory.NewAccountAsync();
        using var client = ConsoleClient.Create(factory);
        var answer = await client.SignInAnswerAsync(account.ApiKey, account.ApiSecret);
        Assert.Equal(HttpStatusCode.Found, answer.Status);
        var cookie = SessionCookie(answer);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/console", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);

        var dashboard = await client.GetAsync("/console/dashboard");
        Assert.Equal(HttpStatusCode.OK, dashboard.Status);
        Assert.Contains(account.Name, dashboard.Html, StringComparison.Ordinal);
    }

    [StewardFact]
    public async Task Session_cookie_is_secure_over_https()
    {
        var account = await factory.NewAccountAsync();
        using var client = ConsoleClient.Create(factory, https: true);
        var answer = await client.SignInAnswerAsync(account.ApiKey, account.ApiSecret);
        Assert.Equal(HttpStatusCode.Found, answer.Status);
        var cookie = SessionCookie(answer);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/console/users")).Status);
    }

    [StewardFact]
    public async Task A_wrong_secret_is_refused_without_a_session()
    {
        var account = await factory.NewAccountAsync();
        using var client = ConsoleClient.Create(factory);
        var answer = await client.SignInAnswerAsync(account.ApiKey, account.ApiSecret + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Contains("class=\"alert\"", answer.Html, StringComparison.Ordinal);
        Assert.False(answer.Response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("steward_console=", StringComparison.Ordinal)));
        var users = await client.GetAsync("/console/users");
        Assert.Equal(HttpStatusCode.Found, users.Status);
        Assert.Equal("/console", users.Location);
    }

    [StewardFact]
    public async Task Organisation_and_user_keys_do_not_open_the_console()
    {
        using var tenant = await factory.NewTenantAsync();
        var org = await tenant.Http.NewOrganisationAsync();
        var user = await tenant.Http.NewUserAsync();
        foreach (var created in new[] { org, user })
        {
            using var client = ConsoleClient.Create(factory);
            var answer = await client.SignInAnswerAsync(created.Str("api_key"), created.Str("api_secret"));
            Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
            Assert.Contains("root key or an account", answer.Html, StringComparison.Ordinal);
        }
    }

    [StewardFact]
    public async Task Posts_without_the_anti_forgery_token_are_refused()
    {
        var account = await factory.NewAccountAsync();
        using (var anonymous = ConsoleClient.Create(factory))
        {
            await anonymous.GetAsync("/console");
            var signIn = await anonymous.PostAsync("/console/sign-in", new() { ["api_key"] = account.ApiKey, ["api_secret"] = account.ApiSecret }, withToken: false);
            Assert.Equal(HttpStatusCode.BadRequest, signIn.Status);
            Assert.Contains("reload it and try again", signIn.Html, StringComparison.Ordinal);
        }

        using var client = await ConsoleClient.SignInAsync(factory, account);
        var username = NativeKit.Unique("u");
        var refused = await client.PostAsync("/console/users", new() { ["username"] = username }, withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        var forged = await client.PostAsync("/console/users", new() { ["username"] = username, ["__csrf"] = "forged" }, withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);

        // Nothing was written.
        var list = await client.GetAsync("/console/users?q=" + username);
        Assert.Contains("No users match.", list.Html, StringComparison.Ordinal);
    }

    [StewardFact]
    public async Task Sign_out_revokes_the_session_so_a_copied_cookie_is_worthless()
    {
        var account = await factory.NewAccountAsync();
        using var client = await ConsoleClient.SignInAsync(factory, account);
        await client.GetAsync("/console/dashboard");
        var session = client.Session;
        Assert.NotNull(session);

        var signOut = await client.PostAsync("/console/sign-out", []);
        Assert.Equal(HttpStatusCode.Found, signOut.Status);
        Assert.Equal("/console", signOut.Location);
        Assert.Contains(signOut.Response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("steward_console=;", StringComparison.Ordinal));

        // Replaying the old cookie value is refused: its token was revoked.
        using var replay = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/console/dashboard");
        request.Headers.Add("Cookie", "steward_console=" + session);
        using var response = await replay.SendAsync(request);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/console", response.Headers.Location?.ToString());
    }

    [StewardFact]
    public async Task Rotating_the_signed_in_key_ends_the_session()
    {
        var account = await factory.NewAccountAsync();
        using var client = await ConsoleClient.SignInAsync(factory, account);
        var list = await client.GetAsync("/console/credentials?q=" + account.ApiKey);
        var id = System.Text.RegularExpressions.Regex.Match(list.Html, "/console/credentials/(cred-[0-9a-f-]+)/rotate").Groups[1].Value;
        Assert.NotEmpty(id);

        var rotated = await client.PostAsync($"/console/credentials/{id}/rotate", []);
        Assert.Equal(HttpStatusCode.OK, rotated.Status);
        var (key, secret) = ConsoleClient.ShownSecret(rotated);
        Assert.Equal(account.ApiKey, key);
        Assert.NotEqual(account.ApiSecret, secret);

        Assert.Equal(HttpStatusCode.Found, (await client.GetAsync("/console/dashboard")).Status);
        using var again = await ConsoleClient.SignInAsync(factory, key, secret);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/console/dashboard")).Status);
    }

    [StewardFact]
    public async Task Unknown_console_paths_answer_an_html_404()
    {
        using var client = ConsoleClient.Create(factory);
        var page = await client.GetAsync("/console/nothing/here");
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("text/html", page.Response.Content.Headers.ContentType?.MediaType);
    }

    private static string SessionCookie(ConsolePage page) =>
        page.Response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("steward_console=", StringComparison.Ordinal));
}
