using Steward.Core.Access;

namespace Steward.Core.Idempotency;

/// <summary>A remembered answer to a POST that carried an Idempotency-Key.</summary>
public sealed class IdempotencyRecord
{
    public long Id { get; set; }

    /// <summary>Principal id + key: keys are per caller.</summary>
    public string Scope { get; set; } = "";

    public string RequestHash { get; set; } = "";

    /// <summary>0 while the first request is still running.</summary>
    public int StatusCode { get; set; }

    public string? ContentType { get; set; }

    public string? Body { get; set; }

    public string? Location { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
