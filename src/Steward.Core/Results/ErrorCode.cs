namespace Steward.Core.Results;

/// <summary>Stable error codes. Each surface (native API, each face) maps these to its own wire once.</summary>
public enum ErrorCode
{
    /// <summary>The input is wrong; <see cref="Error.Violations"/> says which field broke which rule.</summary>
    Validation,
    NotFound,

    /// <summary>The change clashes with the current state: a name that is taken, a state that forbids it.</summary>
    Conflict,
    Forbidden,
    Unauthorized,

    /// <summary>The caller's copy is stale (If-Match, or a concurrent update won).</summary>
    VersionConflict,

    /// <summary>A business limit: a spending limit, a quota, a count. Not the size of a request.</summary>
    LimitReached,

    /// <summary>The request itself is too large for the surface to read (a body over its limit).</summary>
    PayloadTooLarge,

    /// <summary>Something the change refers to no longer exists (a foreign key found no row).</summary>
    ReferenceMissing,

    /// <summary>
    /// Refused without being tried: too many failed sign-ins for this name or from this address, or the
    /// server is busy checking passwords. <see cref="Error.RetryAfterSeconds"/> says when to try again.
    /// </summary>
    TooManyAttempts,

    /// <summary>The request's body arrived too slowly and was given up on (not a business timeout).</summary>
    RequestTimeout,
}
