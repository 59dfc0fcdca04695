using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.Time.Testing;
using Steward.Core.Access;
using Steward.Core.Options;
using Steward.Core.Results;
using Steward.Server.Api;
using Steward.Server.Auth;
using Steward.Server.Hosting;

namespace Steward.Server.Tests;

/// <summary>The brute-force guard as the caller filter and the schemes use it, on a fake clock, without a server.</summary>
public sealed class SignInGuardTests : IAsyncDisposable
{
    private static readonly Principal Someone = new(PrincipalKind.Account, Guid.NewGuid(), Guid.Empty, Guid.NewGuid(), Guid.NewGuid(), Guid.Empty, DateTimeOffset.MaxValue);

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2030, 1, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly WebApplication app;

    public SignInGuardTests()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.Configure<StewardOptions>(o => o.BruteForce = new BruteForceOptions { FailuresPerName = 3, FailuresPerAddress = 10 });
        builder.Services.AddSingleton<SignInGuard>();
        app = builder.Build();
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task A_scheme_that_checks_secrets_is_locked_after_its_failures_and_not_run_while_locked()
    {
        var scheme = new Guessable("key:a", Error.Unauthorized("wrong"));
        Map(scheme);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(StatusCodes.Status401Unauthorized, (await InvokeAsync("10.0.0.1")).Response.StatusCode);
        }

        var refused = await InvokeAsync("10.0.0.1");
        Assert.Equal(StatusCodes.Status429TooManyRequests, refused.Response.StatusCode);
        Assert.Equal("1", refused.Response.Headers.RetryAfter.ToString());
        Assert.Equal(3, scheme.Calls);

        // From another address too: the lockout is the name's.
        Assert.Equal(StatusCodes.Status429TooManyRequests, (await InvokeAsync("10.0.0.2")).Response.StatusCode);
        Assert.Equal(3, scheme.Calls);

        time.Advance(TimeSpan.FromSeconds(1));
        scheme.Answer = Someone;
        Assert.Equal(StatusCodes.Status200OK, (await InvokeAsync("10.0.0.1")).Response.StatusCode);
        Assert.Equal(4, scheme.Calls);
    }

    [Fact]
    public async Task An_address_is_locked_after_its_failures_whatever_the_names()
    {
        var scheme = new Guessable("", Error.Unauthorized("wrong"));
        Map(scheme);
        for (var i = 0; i < 10; i++)
        {
            scheme.Name = "key:" + i;
            Assert.Equal(StatusCodes.Status401Unauthorized, (await InvokeAsync("192.0.2.1")).Response.StatusCode);
        }

        scheme.Name = "key:fresh";
        Assert.Equal(StatusCodes.Status429TooManyRequests, (await InvokeAsync("192.0.2.1")).Response.StatusCode);
        Assert.Equal(StatusCodes.Status401Unauthorized, (await InvokeAsync("192.0.2.2")).Response.StatusCode);
    }

    [Fact]
    public async Task A_request_that_presents_no_secret_and_a_refusal_other_than_unauthorized_are_not_counted()
    {
        var scheme = new Guessable(null, Error.Unauthorized("no credentials"));
        Map(scheme);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(StatusCodes.Status401Unauthorized, (await InvokeAsync("10.0.0.1")).Response.StatusCode);
        }

        scheme.Name = "key:a";
        scheme.Answer = Error.Invalid("key", "key is required.");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(StatusCodes.Status400BadRequest, (await InvokeAsync("10.0.0.1")).Response.StatusCode);
        }
    }

    [Fact]
    public void An_ipv6_address_is_counted_by_its_64_bit_prefix_and_a_mapped_ipv4_as_ipv4()
    {
        Assert.Equal("2001:db8:1:2::/64", SignInGuard.AddressOf(With("2001:db8:1:2:aaaa:bbbb:cccc:dddd")));
        Assert.Equal("2001:db8:1:2::/64", SignInGuard.AddressOf(With("2001:db8:1:2::1")));
        Assert.Equal("192.0.2.7", SignInGuard.AddressOf(With("::ffff:192.0.2.7")));
        Assert.Equal("-", SignInGuard.AddressOf(new DefaultHttpContext()));
    }

    [Fact]
    public void The_schemes_name_their_attempts_by_the_key_the_site_or_nothing()
    {
        var basic = With("10.0.0.1");
        basic.Request.Headers.Authorization = Requests.Basic("AAKkey", "secret");
        Assert.Equal("key:AAKkey", BasicTokenKey.Scheme.AttemptName(basic));
        Assert.Equal("", new BasicTokenX().AttemptName(basic));
        basic.Request.RouteValues[BasicTokenX.SiteRouteValue] = "Acme";
        Assert.Equal("site:acme", new BasicTokenX().AttemptName(basic));
        Assert.Null(BasicTokenKey.Scheme.AttemptName(With("10.0.0.1")));

        var form = With("10.0.0.1");
        form.Request.ContentType = "application/x-www-form-urlencoded";
        form.Request.Form = new FormCollection(new Dictionary<string, StringValues> { ["client_id"] = "AAKkey", ["client_secret"] = "s" });
        Assert.Equal("key:AAKkey", OAuthClient.Optional.AttemptName(form));
        form.Request.Headers.Authorization = "Bearer AATtoken";
        Assert.Null(OAuthClient.OrBearer.AttemptName(form));

        var kandy = With("10.0.0.1");
        kandy.Request.QueryString = new QueryString("?key=AAKkey&account_api_secret=s");
        Assert.Equal("key:AAKkey", KandyKey.WithSecret(PrincipalKind.Account, "account_api_secret").AttemptName(kandy));
        Assert.Null(KandyKey.Token(PrincipalKind.Account).AttemptName(kandy));
        Assert.Null(KandyKey.WithSecret(PrincipalKind.Account, "account_api_secret").Requiring("absent").AttemptName(kandy));
        Assert.Equal("", KandyKey.UserKeyOrToken(PrincipalKind.Organisation, "user_id").AttemptName(kandy));
    }

    [Fact]
    public async Task The_native_style_answers_429_with_its_code_and_retry_after()
    {
        var http = With("10.0.0.1");
        http.RequestServices = app.Services;
        http.Response.Body = new MemoryStream();

        await NativeErrorStyle.Instance.Render(Error.TooManyAttempts(TimeSpan.FromSeconds(2.2))).ExecuteAsync(http);

        Assert.Equal(StatusCodes.Status429TooManyRequests, http.Response.StatusCode);
        Assert.Equal("3", http.Response.Headers.RetryAfter.ToString());
        using var body = JsonDocument.Parse(Body(http));
        Assert.Equal("too-many-attempts", body.RootElement.GetProperty("code").GetString());
        Assert.Equal(3, body.RootElement.GetProperty("retry_after").GetInt32());
    }

    private void Map(ICallerScheme scheme) =>
        app.MapGroup("/g").WithMetadata(NativeErrorStyle.Instance).RequireCaller(scheme).MapGet("/x", () => "ok");

    private async Task<HttpContext> InvokeAsync(string address)
    {
        var endpoint = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>().Single();
        var http = With(address);
        http.RequestServices = app.Services;
        http.Request.Method = HttpMethods.Get;
        http.Request.Path = "/g/x";
        http.Response.Body = new MemoryStream();
        await endpoint.RequestDelegate!(http);
        return http;
    }

    private static DefaultHttpContext With(string address)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(address);
        return http;
    }

    private static string Body(HttpContext http)
    {
        http.Response.Body.Position = 0;
        return new StreamReader(http.Response.Body).ReadToEnd();
    }

    /// <summary>A scheme that checks a secret, answering what the test says.</summary>
    private sealed class Guessable(string? name, Result<Principal?> answer) : ISignInScheme
    {
        public string? Name { get; set; } = name;

        public Result<Principal?> Answer { get; set; } = answer;

        public int Calls { get; private set; }

        public string? AttemptName(HttpContext http) => Name;

        public ValueTask<Result<Principal?>> AuthenticateAsync(HttpContext http)
        {
            Calls++;
            return ValueTask.FromResult(Answer);
        }
    }
}
