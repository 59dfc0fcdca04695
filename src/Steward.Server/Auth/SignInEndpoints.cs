using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Steward.Core.Options;
using Steward.Core.Results;
using Steward.Core.Security;
using Steward.Server.Api;
using Steward.Server.Hosting;

namespace Steward.Server.Auth;

/// <summary>
/// How an endpoint declares itself a sign-in path: <see cref="LimitSignInRate{TBuilder}"/> (ASP.NET Core's rate
/// limiter, per client address) for every endpoint whose purpose is to exchange a secret for a token, and
/// <see cref="GuardSignIn{TBuilder}"/> for an endpoint that checks a secret itself rather than through its
/// scheme (the password grant, a realm's token endpoint, a sign-up form).
/// </summary>
public static class SignInEndpointExtensions
{
    /// <summary>The rate-limiter policy of sign-in endpoints: a token bucket per client address.</summary>
    public const string RatePolicy = "sign-in";

    /// <summary>
    /// At most <see cref="BruteForceOptions.RequestsPerSecond"/> requests per second from one client address
    /// (after a burst of <see cref="BruteForceOptions.RequestBurst"/>), over every sign-in endpoint together;
    /// the rest are answered 429 in the surface's style, with Retry-After.
    /// </summary>
    public static TBuilder LimitSignInRate<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        // With the rate off (RequestsPerSecond 0) the endpoint carries no policy at all: the rate limiter's
        // partition look-up takes a process-wide lock on every request, measurable on the token path.
        builder.Add(endpoint =>
        {
            var options = endpoint.ApplicationServices.GetService<IOptions<StewardOptions>>();
            if (options is null || options.Value.BruteForce.RequestsPerSecond > 0)
            {
                endpoint.Metadata.Add(new EnableRateLimitingAttribute(RatePolicy));
            }
        });
        return builder;
    }

    /// <summary>
    /// Guards an endpoint that checks a secret itself: <paramref name="attemptName"/> names the attempt (see
    /// <see cref="ISignInScheme.AttemptName"/>; null: this request is no attempt); a locked name or address is
    /// refused before the handler runs. The handler's answer is the outcome: 2xx a success, 400, 401 or 403 a
    /// failure, anything else (429, 5xx) not counted. Also limits the rate (<see cref="LimitSignInRate{TBuilder}"/>).
    /// The endpoint (or its group) must carry the surface's <see cref="IErrorStyle"/>.
    /// </summary>
    public static TBuilder GuardSignIn<TBuilder>(this TBuilder builder, Func<HttpContext, string?> attemptName)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint => endpoint.FilterFactories.Add((_, next) =>
        {
            var style = endpoint.Metadata.OfType<IErrorStyle>().LastOrDefault()
                ?? throw new InvalidOperationException($"{endpoint.DisplayName} guards a sign-in but has no IErrorStyle to refuse one in.");
            return invocation => attemptName(invocation.HttpContext) is { } name
                ? GuardAsync(invocation, next, name, style)
                : next(invocation); // no attempt (a client_credentials grant): no extra async step
        }));
        return builder.LimitSignInRate();
    }

    /// <summary>Registers the guard and the sign-in rate limit (<c>Steward:BruteForce:*</c>).</summary>
    public static IServiceCollection AddSignInGuard(this IServiceCollection services)
    {
        services.AddSingleton<SignInGuard>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy<string, SignInRatePolicy>(RatePolicy);
        });
        return services;
    }

    /// <summary>What a scheme's outcome means to the guard: a caller is a success, Unauthorized a failure.</summary>
    internal static AttemptOutcome OutcomeOf<T>(Result<T> result) =>
        result.IsSuccess ? AttemptOutcome.Succeeded
        : result.Error!.Code == ErrorCode.Unauthorized ? AttemptOutcome.Failed
        : AttemptOutcome.Uncounted;

    private static async ValueTask<object?> GuardAsync(
        EndpointFilterInvocationContext invocation, EndpointFilterDelegate next, string name, IErrorStyle style)
    {
        var http = invocation.HttpContext;
        var guard = http.RequestServices.GetRequiredService<SignInGuard>();
        var begun = guard.Begin(http, name);
        if (!begun.IsSuccess)
        {
            return style.Render(begun.Error!);
        }

        var outcome = AttemptOutcome.Uncounted;
        try
        {
            var result = await next(invocation);
            outcome = StatusOf(result) switch
            {
                >= 200 and < 300 => AttemptOutcome.Succeeded,
                400 or 401 or 403 => AttemptOutcome.Failed,
                _ => AttemptOutcome.Uncounted,
            };
            return result;
        }
        finally
        {
            guard.End(begun.Value, outcome);
        }
    }

    private static int? StatusOf(object? result)
    {
        while (result is INestedHttpResult nested)
        {
            result = nested.Result;
        }

        return (result as IStatusCodeHttpResult)?.StatusCode;
    }
}

/// <summary>
/// The sign-in rate: one token bucket per client address (<see cref="SignInGuard.AddressOf"/>), none when
/// <see cref="BruteForceOptions.RequestsPerSecond"/> is 0. A refusal is written in the style of the surface
/// that owns the endpoint, with Retry-After.
/// </summary>
internal sealed class SignInRatePolicy(IOptions<StewardOptions> options) : IRateLimiterPolicy<string>
{
    private readonly BruteForceOptions o = options.Value.BruteForce;

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => static async (context, _) =>
    {
        var http = context.HttpContext;
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
        var seconds = (int)Math.Max(1, Math.Ceiling(wait.TotalSeconds));
        var error = Error.TooManyAttempts(wait, $"Too many sign-in requests from this address; try again in {seconds} s.");
        var style = http.RequestServices.GetRequiredService<Surfaces>().StyleOf(http) ?? NativeErrorStyle.Instance;
        await style.Render(error).ExecuteAsync(http);
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var address = SignInGuard.AddressOf(httpContext);
        if (o.RequestsPerSecond <= 0)
        {
            return RateLimitPartition.GetNoLimiter(address);
        }

        // Replenished once a second: the partitioned limiter's own timer ticks every 100 ms, so a finer period buys nothing.
        return RateLimitPartition.GetTokenBucketLimiter(address, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, o.RequestBurst),
            TokensPerPeriod = o.RequestsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}
