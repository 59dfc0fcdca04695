using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Steward.Core.Options;
using Steward.Core.Results;
using Steward.Core.Security;

namespace Steward.Server.Auth;

/// <summary>An attempt <see cref="SignInGuard.Begin"/> let through; end it once with <see cref="SignInGuard.End"/>.</summary>
public sealed record SignInAttempt(string Name, string Address);

/// <summary>
/// Brute-force protection for every place a secret is checked: failed attempts are counted per name (an
/// API key, a user name, a site) and per client address in two <see cref="LockoutTable"/>s, and an attempt
/// on a locked name or from a locked address is refused untried with <see cref="ErrorCode.TooManyAttempts"/>.
/// A scheme opts in by implementing <see cref="ISignInScheme"/>; an endpoint that checks a secret itself
/// (the password grant) by declaring <see cref="SignInEndpointExtensions.GuardSignIn{TBuilder}"/>. The rules
/// and their defaults are <c>Steward:BruteForce:*</c> (<see cref="BruteForceOptions"/>, docs/security.md).
/// State is per instance, in memory.
/// </summary>
public sealed class SignInGuard
{
    /// <summary>A source that signed in with the right secret stays exempt from that name's lockout this long.</summary>
    public static readonly TimeSpan TrustFor = TimeSpan.FromDays(1);

    /// <summary>Names longer than this are kept as their hash, so that a long name costs no more memory than a short one.</summary>
    private const int MaxNameLength = 96;

    private readonly LockoutTable? names;
    private readonly LockoutTable? addresses;

    public SignInGuard(IOptions<StewardOptions> options, TimeProvider time)
    {
        var o = options.Value.BruteForce;
        names = Table(o.FailuresPerName, o, time);
        addresses = Table(o.FailuresPerAddress, o, time);
    }

    /// <summary>The name an API key's attempts are counted under, whichever surface it is sent to.</summary>
    public static string KeyName(string apiKey) => "key:" + apiKey.Trim();

    /// <summary>The name a user name's password attempts are counted under, within the scope it is looked up in.</summary>
    public static string UserName(string scope, string username) => "user:" + scope + ":" + username.Trim().ToLowerInvariant();

    /// <summary>The name a site's API-token attempts are counted under (the token alone names nothing else).</summary>
    public static string SiteName(string site) => "site:" + site.Trim().ToLowerInvariant();

    /// <summary>
    /// Lets an attempt for <paramref name="name"/> (empty: only the address is counted) through, or refuses it.
    /// Known and unknown names are treated alike, so the answer never tells whether a name exists.
    /// </summary>
    public Result<SignInAttempt> Begin(HttpContext http, string name)
    {
        var address = AddressOf(http);
        if (addresses?.TryBegin(address) is { } addressWait)
        {
            return Refused(addressWait);
        }

        var key = Compact(name);
        if (key.Length > 0 && names?.TryBegin(key, address) is { } nameWait)
        {
            addresses?.End(address, AttemptOutcome.Uncounted);
            return Refused(nameWait);
        }

        return new SignInAttempt(key, address);
    }

    /// <summary>
    /// Records the outcome. A success clears the name's failures and trusts the address for it; it does not
    /// clear the address's, or one valid credential would buy unlimited guesses at every other.
    /// </summary>
    public void End(SignInAttempt attempt, AttemptOutcome outcome)
    {
        addresses?.End(attempt.Address, outcome == AttemptOutcome.Succeeded ? AttemptOutcome.Uncounted : outcome);
        if (attempt.Name.Length > 0)
        {
            names?.End(attempt.Name, outcome, attempt.Address);
        }
    }

    /// <summary>
    /// The client's address as counted: IPv4, or the /64 an IPv6 address is in (one host usually has a whole
    /// /64). Behind a reverse proxy this is the proxy's, unless forwarded headers are applied before Steward.
    /// </summary>
    public static string AddressOf(HttpContext http)
    {
        var ip = http.Connection.RemoteIpAddress;
        if (ip is null)
        {
            return "-";
        }

        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }

        if (ip.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return ip.ToString();
        }

        var bytes = ip.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static Error Refused(TimeSpan wait)
    {
        var seconds = (int)Math.Max(1, Math.Ceiling(wait.TotalSeconds));
        return Error.TooManyAttempts(wait, $"Too many failed sign-in attempts; try again in {seconds} s.");
    }

    private static string Compact(string name) =>
        name.Length <= MaxNameLength ? name : "sha256:" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(name)));

    private static LockoutTable? Table(int freeFailures, BruteForceOptions o, TimeProvider time) =>
        freeFailures <= 0
            ? null
            : new LockoutTable(
                new LockoutRules(
                    freeFailures,
                    TimeSpan.FromSeconds(Math.Max(0, o.FirstLockoutSeconds)),
                    TimeSpan.FromSeconds(Math.Max(0, o.MaxLockoutSeconds)),
                    TimeSpan.FromSeconds(Math.Max(1, o.ForgetAfterSeconds)),
                    Math.Max(1, o.MaxEntries),
                    TrustFor),
                time);
}

/// <summary>
/// A scheme that checks a secret someone could guess (an API secret, a password). Implementing this is the
/// scheme's opt-in to brute-force protection: <see cref="CallerFilter"/> then asks the <see cref="SignInGuard"/>
/// before running it and tells it the outcome (an Unauthorized error is a failure, a caller a success,
/// anything else is not counted).
/// </summary>
public interface ISignInScheme : ICallerScheme
{
    /// <summary>
    /// The name this request's attempt is counted under (<see cref="SignInGuard.KeyName"/>...); "" when the
    /// credential names nothing but itself (only the address is counted); null when the request presents
    /// no secret at all, which is not an attempt (nothing is counted or refused).
    /// </summary>
    string? AttemptName(HttpContext http);
}
