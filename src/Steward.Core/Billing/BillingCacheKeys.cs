namespace Steward.Core.Billing;

/// <summary>
/// A product row, cached by id. The spend check keeps a product's budget in memory while this entry
/// lives: a product event drops it (here and, through the event log, on other instances), and the
/// budget's facts (limit, deleted) are read again.
/// </summary>
public sealed record ProductCacheKey(Guid Id);
