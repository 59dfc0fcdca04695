using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steward.Core.Tenancy;

namespace Steward.Core.Billing;

internal sealed class BillingPeriodConfiguration : IEntityTypeConfiguration<BillingPeriod>
{
    public void Configure(EntityTypeBuilder<BillingPeriod> b)
    {
        b.ToTable("billing_periods");
        b.HasKey(x => new { x.UnitId, x.PeriodStart });
        b.Property(x => x.Coins).HasPrecision(28, Coins.Scale);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Cascade);

        // The closer looks for open periods that have ended: (closed_at IS NULL, period_end <= today).
        b.HasIndex(x => new { x.ClosedAt, x.PeriodEnd });
    }
}
