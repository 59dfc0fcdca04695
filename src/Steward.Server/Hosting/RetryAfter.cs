using System.Globalization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;
using Steward.Core.Results;

namespace Steward.Server.Hosting;

/// <summary>
/// <c>Retry-After</c> (RFC 9110 §10.2.3, with 429 as RFC 6585 §4 allows) on a refusal whose core error says when
/// to come back (<see cref="Error.RetryAfterSeconds"/>). Every surface's style wraps its answer with it.
/// </summary>
public static class RetryAfter
{
    /// <summary>The result, made to set Retry-After when it is written if the error carries one.</summary>
    public static IResult With(IResult result, Error error) =>
        error.RetryAfterSeconds is { } seconds ? new WithHeader(result, seconds) : result;

    /// <summary>Sets Retry-After now, for a handler whose typed result cannot be wrapped.</summary>
    public static void Set(HttpResponse response, Error error)
    {
        if (error.RetryAfterSeconds is { } seconds)
        {
            response.Headers[HeaderNames.RetryAfter] = seconds.ToString(CultureInfo.InvariantCulture);
        }
    }

    private sealed class WithHeader(IResult inner, int seconds) : IResult, INestedHttpResult, IStatusCodeHttpResult
    {
        public IResult Result => inner;

        public int? StatusCode => (inner as IStatusCodeHttpResult)?.StatusCode;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers[HeaderNames.RetryAfter] = seconds.ToString(CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
