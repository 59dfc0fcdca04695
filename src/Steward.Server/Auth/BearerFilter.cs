using Microsoft.Net.Http.Headers;
using Steward.Core.Access;
using Steward.Core.Results;
using Steward.Server.Api;

namespace Steward.Server.Auth;

/// <summary>
/// Authenticates the native API: <c>Authorization: Bearer &lt;token&gt;</c>. Validation is a signature
/// check and an in-memory revocation look-up, so it never touches the database.
/// </summary>
public sealed class BearerFilter(TokenService tokens) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            Challenge(http, null);
            return Problems.From(Error.Unauthorized("Send an access token: 'Authorization: Bearer <token>'. Get one from POST /oauth/token."));
        }

        var validated = tokens.Validate(header.AsSpan(7).Trim());
        if (!validated.IsSuccess)
        {
            Challenge(http, validated.Error!.Message);
            return Problems.From(validated.Error!);
        }

        http.SetPrincipal(validated.Value);
        return await next(context);
    }

    private static void Challenge(HttpContext http, string? description) =>
        http.Response.Headers[HeaderNames.WWWAuthenticate] = description is null
            ? "Bearer"
            : $"Bearer error=\"invalid_token\", error_description=\"{description}\"";
}
