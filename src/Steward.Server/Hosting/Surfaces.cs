using Microsoft.AspNetCore.Routing.Patterns;
using Steward.Core.Results;

namespace Steward.Server.Hosting;

/// <summary>
/// The surfaces of this server (the native API, OAuth, each face), each a route group with its own
/// <see cref="IErrorStyle"/>. A request is owned by the surface whose endpoint it reached; a request that
/// reached no endpoint (an unknown path, a wrong method) by the surface whose group's route pattern its
/// path falls under, the most specific one winning: <c>/api/v4/{site}</c> (Spreedly) is not <c>/api/v1</c>
/// (native), whatever their common prefix.
/// </summary>
public sealed class Surfaces
{
    private readonly List<(RoutePattern Prefix, int Literals, IErrorStyle Style)> groups = [];

    /// <summary>Maps a surface's route group and declares its error style on it.</summary>
    internal RouteGroupBuilder Map(IEndpointRouteBuilder app, string prefix, IErrorStyle style)
    {
        var pattern = RoutePatternFactory.Parse(prefix);
        groups.Add((pattern, pattern.PathSegments.Count(s => s.IsSimple && s.Parts[0].IsLiteral), style));
        var group = app.MapGroup(pattern);
        group.WithMetadata(style);
        return group;
    }

    /// <summary>The style of the surface that owns this request, or null when no surface does.</summary>
    public IErrorStyle? StyleOf(HttpContext http)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<IErrorStyle>() is { } declared)
        {
            return declared;
        }

        var path = http.Request.Path.Value ?? "/";
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        IErrorStyle? best = null;
        var bestLiterals = -1;
        foreach (var (prefix, literals, style) in groups)
        {
            if (literals > bestLiterals && Covers(prefix, segments))
            {
                best = style;
                bestLiterals = literals;
            }
        }

        return best;
    }

    /// <summary>A refusal the framework made (no body yet), as a core error for the owning surface to word.</summary>
    public static Error FrameworkError(HttpContext http, int status) => status switch
    {
        StatusCodes.Status404NotFound => new Error(ErrorCode.NotFound, $"{http.Request.Path} is not a path of this API."),
        StatusCodes.Status405MethodNotAllowed => new Error(ErrorCode.NotFound, $"{http.Request.Path} does not answer {http.Request.Method}."),
        StatusCodes.Status413PayloadTooLarge => Error.PayloadTooLarge("The body is too large.", "body", "The body is too large."),
        StatusCodes.Status415UnsupportedMediaType => Error.Invalid("Content-Type", FieldRule.Format, "The body's content type is not one this call reads."),
        StatusCodes.Status401Unauthorized => Error.Unauthorized("Credentials are missing or wrong."),
        StatusCodes.Status403Forbidden => Error.Forbidden(),
        _ => Error.Invalid("request", "The request could not be read."),
    };

    private static bool Covers(RoutePattern prefix, string[] segments)
    {
        if (segments.Length < prefix.PathSegments.Count)
        {
            return false;
        }

        for (var i = 0; i < prefix.PathSegments.Count; i++)
        {
            var segment = prefix.PathSegments[i];
            if (segment.IsSimple && segment.Parts[0] is RoutePatternLiteralPart literal
                && !string.Equals(literal.Content, segments[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>A style that words the framework's own refusals (unknown path, wrong method) itself, keeping their status.</summary>
public interface IFrameworkErrorStyle : IErrorStyle
{
    IResult RenderFramework(HttpContext http, int status);
}

public static class SurfaceExtensions
{
    /// <summary>Maps the route group of a surface (the native API, OAuth, a face) with its error style.</summary>
    public static RouteGroupBuilder MapSurface(this IEndpointRouteBuilder app, string prefix, IErrorStyle style) =>
        app.ServiceProvider.GetRequiredService<Surfaces>().Map(app, prefix, style);

    /// <summary>
    /// Writes the framework's bodiless refusals (404, 405, 415...) in the style of the surface that owns the
    /// request; requests no surface owns, and the native API, get RFC 9457 problem details.
    /// </summary>
    public static IApplicationBuilder UseSurfaceStatusPages(this IApplicationBuilder app) =>
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            var style = http.RequestServices.GetRequiredService<Surfaces>().StyleOf(http);
            if (style is null || style is Api.NativeErrorStyle)
            {
                var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http });
                return;
            }

            var status = http.Response.StatusCode;
            var result = style is IFrameworkErrorStyle framework
                ? framework.RenderFramework(http, status)
                : style.Render(Surfaces.FrameworkError(http, status));
            await result.ExecuteAsync(http);
        });
}
