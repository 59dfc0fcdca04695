using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Steward.Functional.Infrastructure;

namespace Steward.Functional.AdminConsole;

/// <summary>A page the console answered: its status, its HTML and its headers.</summary>
public sealed record ConsolePage(HttpStatusCode Status, string Html, HttpResponseMessage Response)
{
    public string? Location => Response.Headers.Location?.ToString();
}

/// <summary>
/// A browser-like client of the admin console over HTTP: keeps its cookies, follows no redirects (tests
/// look at them), and sends each form with the anti-forgery token of the last page it read.
/// </summary>
public sealed partial class ConsoleClient(HttpClient http) : IDisposable
{
    public HttpClient Http => http;

    /// <summary>The session cookie's value, as last set by the console.</summary>
    public string? Session { get; private set; }

    /// <summary>The anti-forgery token of the last page read (the hidden <c>__csrf</c> field).</summary>
    public string? Token { get; private set; }

    public static ConsoleClient Create(StewardFactory factory, bool https = false) =>
        new(factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
            BaseAddress = new Uri(https ? "https://localhost" : "http://localhost"),
        }));

    /// <summary>Opens the sign-in page and signs in; the test fails unless the console accepts the key.</summary>
    public static async Task<ConsoleClient> SignInAsync(StewardFactory factory, string key, string secret, bool https = false)
    {
        var client = Create(factory, https);
        var answer = await client.SignInAnswerAsync(key, secret);
        Assert.True(answer.Status == HttpStatusCode.Found && answer.Location == "/console/dashboard", $"sign-in answered {(int)answer.Status}: {answer.Html}");
        return client;
    }

    public static Task<ConsoleClient> SignInAsync(StewardFactory factory, TestAccount account) =>
        SignInAsync(factory, account.ApiKey, account.ApiSecret);

    public static Task<ConsoleClient> SignInAsRootAsync(StewardFactory factory) =>
        SignInAsync(factory, StewardFactory.RootKey, StewardFactory.RootSecret);

    public async Task<ConsolePage> SignInAnswerAsync(string key, string secret)
    {
        await GetAsync("/console");
        return await PostAsync("/console/sign-in", new() { ["api_key"] = key, ["api_secret"] = secret });
    }

    public async Task<ConsolePage> GetAsync(string path)
    {
        return await ReadAsync(await http.GetAsync(path));
    }

    /// <summary>Posts a form as the console's pages do: with the token, unless <paramref name="withToken"/> is false.</summary>
    public async Task<ConsolePage> PostAsync(string path, Dictionary<string, string> fields, bool withToken = true)
    {
        if (withToken)
        {
            Assert.NotNull(Token);
            fields["__csrf"] = Token!;
        }

        using var content = new FormUrlEncodedContent(fields);
        return await ReadAsync(await http.PostAsync(path, content));
    }

    private async Task<ConsolePage> ReadAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        if (TokenPattern().Match(html) is { Success: true } match)
        {
            Token = WebUtility.HtmlDecode(match.Groups[1].Value);
        }

        if (response.Headers.TryGetValues("Set-Cookie", out var cookies)
            && cookies.FirstOrDefault(c => c.StartsWith("steward_console=", StringComparison.Ordinal)) is { } cookie)
        {
            Session = cookie["steward_console=".Length..cookie.IndexOf(';', StringComparison.Ordinal)];
        }

        return new ConsolePage(response.StatusCode, html, response);
    }

    /// <summary>The API key and secret a create or rotate page shows once.</summary>
    public static (string Key, string Secret) ShownSecret(ConsolePage page)
    {
        var codes = SecretPattern().Matches(page.Html);
        Assert.True(codes.Count == 2, "the page shows no key and secret: " + page.Html);
        return (WebUtility.HtmlDecode(codes[0].Groups[1].Value), WebUtility.HtmlDecode(codes[1].Groups[1].Value));
    }

    public void Dispose() => http.Dispose();

    [GeneratedRegex("name=\"__csrf\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("<code data-copy>([^<]+)</code>")]
    private static partial Regex SecretPattern();
}
