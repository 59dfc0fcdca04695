using Steward.Core.Access;

namespace Steward.Server.Auth;

/// <summary>Where the authenticated caller of a request is kept for the handlers.</summary>
public static class CallerContext
{
    private static readonly object Key = new();

    public static void SetPrincipal(this HttpContext http, Principal principal) => http.Items[Key] = principal;

    /// <summary>The caller; only call this behind an authenticating filter.</summary>
    public static Principal GetPrincipal(this HttpContext http) =>
        http.Items.TryGetValue(Key, out var p) && p is Principal principal
            ? principal
            : throw new InvalidOperationException("No authenticated caller: the endpoint is missing its authentication filter.");

    public static Principal? FindPrincipal(this HttpContext http) =>
        http.Items.TryGetValue(Key, out var p) ? p as Principal : null;
}
