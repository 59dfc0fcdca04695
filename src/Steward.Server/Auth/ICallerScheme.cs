using Steward.Core.Access;
using Steward.Core.Results;

namespace Steward.Server.Auth;

/// <summary>
/// One credential style (a bearer token, Kandy's <c>?key=</c>, HTTP Basic...): reads the request and
/// answers who is calling, or the core error that refuses it. A route or group declares its scheme
/// with <c>RequireCaller</c> (<see cref="CallerEndpointExtensions"/>); the schemes in this folder are the only code that
/// turns a request into a <see cref="Principal"/>. Schemes are declarations made at start-up, so
/// they take the services they call from <see cref="HttpContext.RequestServices"/>.
/// </summary>
public interface ICallerScheme
{
    /// <summary>
    /// The caller, or the error to answer instead. A null caller lets the request through without one:
    /// only a scheme whose credentials are optional (an OAuth client at the token endpoint) answers that.
    /// </summary>
    ValueTask<Result<Principal?>> AuthenticateAsync(HttpContext http);
}
