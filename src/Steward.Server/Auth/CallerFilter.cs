using Steward.Core.Access;
using Steward.Core.Results;
using Steward.Core.Security;
using Steward.Server.Hosting;

namespace Steward.Server.Auth;

/// <summary>
/// The one place a request becomes a caller: runs the endpoint's <see cref="ICallerScheme"/>, keeps
/// the principal for the handler (<see cref="CallerContext"/>), or answers the scheme's error in the
/// surface's <see cref="IErrorStyle"/>. A scheme that checks a secret (<see cref="ISignInScheme"/>) is
/// run behind the <see cref="SignInGuard"/>'s lockouts. An endpoint filter rather than ASP.NET's authentication
/// middleware: it costs one call on the hot bearer path (no claims principal, no scheme provider),
/// and the scheme and style are looked up once, when the endpoint is built, not per request.
/// </summary>
public sealed class CallerFilter(ICallerScheme scheme, IErrorStyle style) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var caller = scheme is ISignInScheme signIn && signIn.AttemptName(http) is { } attempt
            ? await GuardedAsync(http, attempt)
            : await scheme.AuthenticateAsync(http);
        if (!caller.IsSuccess)
        {
            return style.Render(caller.Error!);
        }

        if (caller.Value is { } principal)
        {
            http.SetPrincipal(principal);
        }

        return await next(context);
    }

    /// <summary>A scheme that checks a secret runs only if the <see cref="SignInGuard"/> lets the attempt through, and tells it the outcome.</summary>
    private async ValueTask<Result<Principal?>> GuardedAsync(HttpContext http, string attempt)
    {
        var guard = http.RequestServices.GetRequiredService<SignInGuard>();
        var begun = guard.Begin(http, attempt);
        if (!begun.IsSuccess)
        {
            return begun.Error!;
        }

        var outcome = AttemptOutcome.Uncounted;
        try
        {
            var caller = await scheme.AuthenticateAsync(http);
            outcome = SignInEndpointExtensions.OutcomeOf(caller);
            return caller;
        }
        finally
        {
            guard.End(begun.Value, outcome);
        }
    }

    /// <summary>
    /// Builds the filter for one endpoint. A scheme declared on a route overrides its group's: only the
    /// last declaration in the endpoint's metadata installs a filter, so a request is authenticated once.
    /// </summary>
    internal static EndpointFilterDelegate Create(EndpointBuilder endpoint, CallerRequirement declared, EndpointFilterDelegate next)
    {
        if (!ReferenceEquals(endpoint.Metadata.OfType<CallerRequirement>().Last(), declared))
        {
            return next;
        }

        var style = endpoint.Metadata.OfType<IErrorStyle>().LastOrDefault()
            ?? throw new InvalidOperationException(
                $"{endpoint.DisplayName} requires a caller but has no IErrorStyle to refuse one in: add the surface's style to its route group.");
        var filter = new CallerFilter(declared.Scheme, style);
        return invocation => filter.InvokeAsync(invocation, next);
    }
}

/// <summary>Endpoint metadata: the scheme a route or group requires. A new one per declaration, so that declarations can be told apart.</summary>
public sealed class CallerRequirement(ICallerScheme scheme)
{
    public ICallerScheme Scheme => scheme;
}

public static class CallerEndpointExtensions
{
    /// <summary>
    /// Requires a caller authenticated by <paramref name="scheme"/> on a route or on every route of a group:
    /// <c>api.RequireCaller(NativeBearer.Scheme)</c>, <c>.RequireCaller(KandyKey.Token(PrincipalKind.Account))</c>.
    /// The endpoint (or its group) must also carry the surface's <see cref="IErrorStyle"/> as metadata.
    /// </summary>
    public static TBuilder RequireCaller<TBuilder>(this TBuilder builder, ICallerScheme scheme)
        where TBuilder : IEndpointConventionBuilder
    {
        var requirement = new CallerRequirement(scheme);
        builder.Add(endpoint =>
        {
            endpoint.Metadata.Add(requirement);

            // The factory runs when the endpoint's handler is built, after every group and route
            // convention, so it sees the endpoint's final metadata.
            endpoint.FilterFactories.Add((_, next) => CallerFilter.Create(endpoint, requirement, next));
        });
        return builder;
    }
}
