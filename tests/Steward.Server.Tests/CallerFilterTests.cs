using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Steward.Core.Access;
using Steward.Core.Results;
using Steward.Server.Auth;
using Steward.Server.Hosting;

namespace Steward.Server.Tests;

/// <summary>The caller filter on real minimal-API endpoints, invoked without a server.</summary>
public sealed class CallerFilterTests : IAsyncDisposable
{
    private static readonly Principal Someone = new(PrincipalKind.Account, Guid.NewGuid(), Guid.Empty, Guid.NewGuid(), Guid.NewGuid(), Guid.Empty, DateTimeOffset.MaxValue);

    private readonly WebApplication app = WebApplication.CreateSlimBuilder().Build();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task The_caller_reaches_the_handler()
    {
        var scheme = new Fixed(Someone);
        app.MapGroup("/g").WithMetadata(new Style()).RequireCaller(scheme).MapGet("/x", (HttpContext http) => http.GetPrincipal().SubjectId.ToString());

        var http = await InvokeAsync("/g/x");

        Assert.Equal(StatusCodes.Status200OK, http.Response.StatusCode);
        Assert.Equal(Someone.SubjectId.ToString(), Body(http));
        Assert.Equal(1, scheme.Calls);
    }

    [Fact]
    public async Task A_refusal_is_rendered_in_the_surfaces_style_and_the_handler_never_runs()
    {
        var handled = false;
        var style = new Style();
        app.MapGroup("/g").WithMetadata(style).RequireCaller(new Fixed(Error.Unauthorized("no")))
            .MapGet("/x", () => handled = true);

        var http = await InvokeAsync("/g/x");

        Assert.Equal(StatusCodes.Status418ImATeapot, http.Response.StatusCode);
        Assert.Equal("no", Assert.Single(style.Rendered).Message);
        Assert.False(handled);
    }

    [Fact]
    public async Task A_routes_scheme_overrides_its_groups_and_runs_once()
    {
        var group = new Fixed(Error.Unauthorized("group"));
        var route = new Fixed(Someone);
        var g = app.MapGroup("/g").WithMetadata(new Style()).RequireCaller(group);
        g.MapGet("/own", () => "own").RequireCaller(route);
        g.MapGet("/inherited", () => "inherited");

        Assert.Equal(StatusCodes.Status200OK, (await InvokeAsync("/g/own")).Response.StatusCode);
        Assert.Equal((0, 1), (group.Calls, route.Calls));

        Assert.Equal(StatusCodes.Status418ImATeapot, (await InvokeAsync("/g/inherited")).Response.StatusCode);
        Assert.Equal((1, 1), (group.Calls, route.Calls));
    }

    [Fact]
    public async Task An_optional_scheme_lets_a_request_through_without_a_caller()
    {
        app.MapGroup("/g").WithMetadata(new Style()).RequireCaller(new Fixed(Result<Principal?>.Ok(null)))
            .MapGet("/x", (HttpContext http) => http.FindPrincipal() is null ? "anonymous" : "someone");

        Assert.Equal("anonymous", Body(await InvokeAsync("/g/x")));
    }

    [Fact]
    public void An_endpoint_without_an_error_style_fails_at_start_up()
    {
        app.MapGet("/x", () => "x").RequireCaller(new Fixed(Someone));

        var failure = Assert.Throws<InvalidOperationException>(() => Endpoints().ToList());
        Assert.Contains("IErrorStyle", failure.Message, StringComparison.Ordinal);
    }

    private IEnumerable<RouteEndpoint> Endpoints() =>
        ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>();

    private async Task<HttpContext> InvokeAsync(string path)
    {
        var endpoint = Endpoints().Single(e => "/" + e.RoutePattern.RawText!.TrimStart('/') == path);
        var http = new DefaultHttpContext { RequestServices = app.Services };
        http.Request.Method = HttpMethods.Get;
        http.Request.Path = path;
        http.Response.Body = new MemoryStream();
        await endpoint.RequestDelegate!(http);
        return http;
    }

    private static string Body(HttpContext http)
    {
        http.Response.Body.Position = 0;
        return new StreamReader(http.Response.Body).ReadToEnd();
    }

    private sealed class Fixed(Result<Principal?> answer) : ICallerScheme
    {
        public int Calls { get; private set; }

        public ValueTask<Result<Principal?>> AuthenticateAsync(HttpContext http)
        {
            Calls++;
            return ValueTask.FromResult(answer);
        }
    }

    private sealed class Style : IErrorStyle
    {
        public List<Error> Rendered { get; } = [];

        public IResult Render(Error error)
        {
            Rendered.Add(error);
            return Results.StatusCode(StatusCodes.Status418ImATeapot);
        }
    }
}
