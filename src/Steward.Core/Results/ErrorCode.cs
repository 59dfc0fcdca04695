namespace Steward.Core.Results;

/// <summary>Stable error codes. Each surface (native API, each face) maps these to its own wire once.</summary>
public enum ErrorCode
{
    Validation,
    NotFound,
    Conflict,
    Forbidden,
    Unauthorized,
    VersionConflict,
    LimitReached,
}
