using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steward.Core.Tenancy;

namespace Steward.Core.Billing;

internal sealed class ChargeTotalConfiguration : IEntityTypeConfiguration<ChargeTotal>
{
    public void Configure(EntityTypeBuilder<ChargeTotal> b)
    {
        b.ToTable("charge_totals");

        // The key serves both readers: a period's rows (scope, period) and a date range (scope, day…).
        b.HasKey(x => new { x.ScopeId, x.PeriodStart, x.Day });
        foreach (var amount in new[] { nameof(ChargeTotal.Processing), nameof(ChargeTotal.Storage), nameof(ChargeTotal.Fees), nameof(ChargeTotal.Credits), nameof(ChargeTotal.PostFinalCoins), nameof(ChargeTotal.BurnRate) })
        {
            b.Property(amount).HasPrecision(28, Coins.Scale);
        }

        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.Coins);
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ScopeId, x.Day });
    }
}
