using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Steward.Core.Events;

/// <summary>
/// The one row that hands out event sequence numbers. A write batch takes its numbers from it at the
/// very end, just before it commits (<c>UPDATE … RETURNING</c>): the row stays locked only for that
/// last step, so batches of several instances do their work in parallel, and a batch can only take
/// numbers after every batch that took lower ones has committed. A reader following <c>after=N</c>
/// therefore never sees N+2 before N+1, and never misses an event that commits late.
/// </summary>
public sealed class EventSequence
{
    public const int SingletonId = 1;

    public int Id { get; set; }

    /// <summary>The last sequence number handed out.</summary>
    public long Last { get; set; }
}

internal sealed class EventSequenceConfiguration : IEntityTypeConfiguration<EventSequence>
{
    public void Configure(EntityTypeBuilder<EventSequence> b)
    {
        b.ToTable("event_sequence");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.HasData(new EventSequence { Id = EventSequence.SingletonId, Last = 0 });
    }
}
