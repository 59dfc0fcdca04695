namespace Steward.Core.Catalog;

/// <summary>
/// Times the catalog stores are whole microseconds: PostgreSQL keeps no finer, so the answer to a
/// write (made from the clock's 100 ns ticks) would otherwise differ from the same value read back,
/// and from what SQLite keeps. Periods are computed from these, so every later date agrees too.
/// </summary>
internal static class StoredTime
{
    public static DateTimeOffset Of(DateTimeOffset t) => t.AddTicks(-(t.Ticks % TimeSpan.TicksPerMicrosecond));
}
