namespace Steward.Core.Options;

/// <summary>
/// Configuration under <c>Steward:BruteForce</c>: lockouts after failed sign-ins, the request rate of
/// sign-in endpoints, and how much CPU password checks may take. docs/security.md describes the rules.
/// </summary>
public sealed class BruteForceOptions
{
    /// <summary>Failed attempts for one name (an API key, a user name, a site) before it is locked; 0 turns the per-name lockout off.</summary>
    public int FailuresPerName { get; set; } = 5;

    /// <summary>Failed attempts from one client address (an IPv6 /64) before it is locked; 0 turns the per-address lockout off.</summary>
    public int FailuresPerAddress { get; set; } = 20;

    /// <summary>The first lockout; each further failure doubles it, up to <see cref="MaxLockoutSeconds"/>.</summary>
    public double FirstLockoutSeconds { get; set; } = 1;

    /// <summary>The longest lockout, counted from the last failure.</summary>
    public double MaxLockoutSeconds { get; set; } = 60;

    /// <summary>Failures are forgotten this long after the last one.</summary>
    public double ForgetAfterSeconds { get; set; } = 900;

    /// <summary>How many names, and how many addresses, are remembered at most; the least recently seen go first.</summary>
    public int MaxEntries { get; set; } = 100_000;

    /// <summary>Requests per second one client address may make to the sign-in endpoints (token bucket); 0 turns the limit off.</summary>
    public int RequestsPerSecond { get; set; } = 50;

    /// <summary>The bucket's size: how many sign-in requests one address may make at once before the rate applies.</summary>
    public int RequestBurst { get; set; } = 200;

    /// <summary>Password checks that may run at once; 0 means one less than the processor count, at least one.</summary>
    public int PasswordConcurrency { get; set; }

    /// <summary>How long a password check waits for its turn before it is refused (429).</summary>
    public int PasswordQueueMilliseconds { get; set; } = 1000;
}
