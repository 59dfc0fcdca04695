using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steward.Core.Identity;
using Steward.Core.Storage;

namespace Steward.Core.Tenancy;

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> b)
    {
        b.ToTable("units", t => t.HasCheckConstraint("ck_units_billing_day", "billing_day BETWEEN 1 AND 28"));
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(Limits.Name).IsRequired();
        b.Property(x => x.BillingDay).HasColumnName("billing_day");
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.OwnerUserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.OrganisationId, x.Name }).IsUnique();
        b.HasIndex(x => x.AccountId);
    }
}
