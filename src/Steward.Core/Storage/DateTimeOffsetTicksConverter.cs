using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Steward.Core.Storage;

/// <summary>Stores a <see cref="DateTimeOffset"/> as UTC ticks (a sortable integer) on SQLite.</summary>
public sealed class DateTimeOffsetTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
