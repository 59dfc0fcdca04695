using Microsoft.Net.Http.Headers;
using Steward.Core.Results;
using Steward.Server.Auth;
using Steward.Server.Hosting;

namespace Steward.Server.Api;

/// <summary>
/// The native API's error style: RFC 9457 problem details (<see cref="Problems"/>). A 401 also carries
/// the RFC 6750 <c>WWW-Authenticate</c> challenge: bare when no token was sent, <c>invalid_token</c>
/// with the reason when one was refused. A refusal that says when to retry carries <c>Retry-After</c>.
/// </summary>
public sealed class NativeErrorStyle : IErrorStyle
{
    public static readonly NativeErrorStyle Instance = new();

    public IResult Render(Error error)
    {
        var problem = Problems.From(error);
        if (error.Code != ErrorCode.Unauthorized)
        {
            return RetryAfter.With(problem, error);
        }

        var challenge = error == NativeBearer.NoToken
            ? "Bearer"
            : $"Bearer error=\"invalid_token\", error_description=\"{error.Message}\"";
        return new Challenged(problem, challenge);
    }

    /// <summary>A result with its challenge header, set when the result is written.</summary>
    private sealed class Challenged(IResult inner, string challenge) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers[HeaderNames.WWWAuthenticate] = challenge;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
