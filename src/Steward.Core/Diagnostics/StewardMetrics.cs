using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Steward.Core.Diagnostics;

/// <summary>
/// Steward's own instruments: one <see cref="Meter"/> and one <see cref="ActivitySource"/>, both named
/// <c>Steward</c>. They cost next to nothing until someone listens: an instrument with no listener
/// returns at once from <c>Add</c>/<c>Record</c>, and <see cref="ActivitySource.StartActivity(string, ActivityKind)"/>
/// returns null. The server attaches a listener only when metrics or traces are configured.
/// </summary>
public static class StewardMetrics
{
    public const string Name = "Steward";

    public static readonly Meter Meter = new(Name);

    public static readonly ActivitySource Tracing = new(Name);

    /// <summary>Access tokens issued, by principal kind (tag <c>kind</c>).</summary>
    public static readonly Counter<long> TokensIssued = Meter.CreateCounter<long>("steward.tokens.issued", "{token}", "Access tokens issued.");

    /// <summary>Writes committed through the write gate.</summary>
    public static readonly Counter<long> Writes = Meter.CreateCounter<long>("steward.writes", "{write}", "Writes committed through the write gate.");

    /// <summary>Writes refused or rolled back (an error result, a conflict, a failure).</summary>
    public static readonly Counter<long> WritesRefused = Meter.CreateCounter<long>("steward.writes.refused", "{write}", "Writes the gate rolled back: refused by the core, a conflict, or a failure.");

    /// <summary>Writes per gate batch (one transaction, one durable commit).</summary>
    public static readonly Histogram<int> WriteBatchSize = Meter.CreateHistogram<int>(
        "steward.write_gate.batch_size", "{write}", "Writes per write-gate batch (one transaction).",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128] });

    /// <summary>Time a write waited in the gate's queue before its batch began.</summary>
    public static readonly Histogram<double> WriteWait = Meter.CreateHistogram<double>(
        "steward.write_gate.wait", "s", "Time a write waited in the write gate's queue before its batch began.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1] });

    /// <summary>Webhook delivery attempts, by outcome (tag <c>outcome</c>: <c>succeeded</c> or <c>failed</c>).</summary>
    public static readonly Counter<long> WebhookDeliveries = Meter.CreateCounter<long>("steward.webhook.deliveries", "{attempt}", "Webhook delivery attempts.");

    /// <summary>Failed webhook attempts, by reason (tag <c>reason</c>: <c>http_status</c>, <c>timeout</c>, <c>network</c>, <c>refused_target</c>).</summary>
    public static readonly Counter<long> WebhookFailures = Meter.CreateCounter<long>("steward.webhook.failures", "{attempt}", "Failed webhook delivery attempts.");

    /// <summary>Messages moved to the dead-letter list after their last attempt.</summary>
    public static readonly Counter<long> WebhookDeadLetters = Meter.CreateCounter<long>("steward.webhook.dead_letters", "{message}", "Webhook messages dead-lettered.");

    /// <summary>Duration of webhook attempts, from sending to the answer's headers.</summary>
    public static readonly Histogram<double> WebhookDuration = Meter.CreateHistogram<double>(
        "steward.webhook.duration", "s", "Duration of webhook delivery attempts.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15] });

    /// <summary>Usage charges ingested (ledger lines), for the billing area: <c>StewardMetrics.ChargesIngested.Add(n)</c>.</summary>
    public static readonly Counter<long> ChargesIngested = Meter.CreateCounter<long>("steward.charges.ingested", "{charge}", "Usage charges ingested.");
}
