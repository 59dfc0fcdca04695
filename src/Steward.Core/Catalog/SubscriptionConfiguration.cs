using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steward.Core.Identity;
using Steward.Core.Storage;
using Steward.Core.Tenancy;

namespace Steward.Core.Catalog;

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> b)
    {
        b.ToTable("subscriptions");
        b.HasKey(x => x.Id);
        b.Property(x => x.Status).HasConversion<int>();
        b.Property(x => x.FeatureLevel).HasMaxLength(Limits.ShortText);
        b.Property(x => x.StoreCredit).HasPrecision(PlanRules.MoneyPrecision, PlanRules.MoneyScale);
        b.Property(x => x.StoreCreditCurrencyCode).HasMaxLength(3);
        b.Property(x => x.PendingAmount).HasPrecision(PlanRules.MoneyPrecision, PlanRules.MoneyScale);
        b.Property(x => x.PendingCurrencyCode).HasMaxLength(3);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.IsActive);
        b.Ignore(x => x.ReadyToRenew);
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);

        // No action (checked at the end of the statement): an account's deletion removes plans and
        // subscriptions in one cascade; on its own, a plan with subscriptions is refused before deleting.
        b.HasOne<Plan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.NoAction);
        b.HasOne<PlanVersion>().WithMany().HasForeignKey(x => x.PlanVersionId).OnDelete(DeleteBehavior.NoAction);

        // One subscription per user; the worker finds what is due by time.
        b.HasIndex(x => x.UserId).IsUnique();
        b.HasIndex(x => new { x.AccountId, x.Id });
        b.HasIndex(x => x.DueAt);
        b.HasIndex(x => x.PlanId);
    }
}
