using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steward.Core.Tenancy;

namespace Steward.Core.Billing;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public const int NameLength = 80;
    public const int TypeLength = 80;
    public const int FlavourLength = 40;
    public const int ClaimIdLength = 100;
    public const int ClaimNameLength = 80;

    public void Configure(EntityTypeBuilder<Product> b)
    {
        b.ToTable("products");
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(NameLength).IsRequired();
        b.Property(x => x.Type).HasMaxLength(TypeLength).IsRequired();
        b.Property(x => x.Flavour).HasMaxLength(FlavourLength);
        b.Property(x => x.Allowance).HasPrecision(28, Coins.Scale);
        b.Property(x => x.Limit).HasPrecision(28, Coins.Scale);
        b.Property(x => x.ClaimId).HasMaxLength(ClaimIdLength);
        b.Property(x => x.ClaimName).HasMaxLength(ClaimNameLength);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.IsClaimed);

        // Deleted products are hidden from every query; the ledger readers that must still name them
        // (a unit's charges) ask with IgnoreQueryFilters().
        b.HasQueryFilter(x => x.DeletedAt == null);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Merchant>().WithMany().HasForeignKey(x => x.ClaimMerchantId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(x => new { x.UnitId, x.Id });
        b.HasIndex(x => new { x.OrganisationId, x.Id });
        b.HasIndex(x => new { x.AccountId, x.Id });
    }
}
