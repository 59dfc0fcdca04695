using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Steward.Core.Events;

internal sealed class EventRecordConfiguration : IEntityTypeConfiguration<EventRecord>
{
    public void Configure(EntityTypeBuilder<EventRecord> b)
    {
        b.ToTable("events");
        b.HasKey(x => x.Sequence);
        // Numbered by the write gate from event_sequence just before commit, so numbers appear in commit order.
        b.Property(x => x.Sequence).ValueGeneratedNever();
        b.Property(x => x.Type).HasMaxLength(64).IsRequired();
        b.Property(x => x.SubjectId).HasMaxLength(64).IsRequired();
        b.Property(x => x.ActorId).HasMaxLength(64).IsRequired();
        b.Property(x => x.Data).IsRequired();

        // No foreign key to accounts: the log outlives what it describes.
        b.HasIndex(x => new { x.AccountId, x.Sequence });

        // Finds the first event of a day (events per day, the console's chart) without a scan.
        b.HasIndex(x => x.OccurredAt);
    }
}
