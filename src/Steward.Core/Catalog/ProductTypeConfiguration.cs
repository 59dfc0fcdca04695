using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steward.Core.Storage;
using Steward.Core.Tenancy;

namespace Steward.Core.Catalog;

internal sealed class ProductTypeConfiguration : IEntityTypeConfiguration<ProductType>
{
    public void Configure(EntityTypeBuilder<ProductType> b)
    {
        b.ToTable("product_types");
        b.HasKey(x => x.Id);
        b.Property(x => x.Code).HasMaxLength(ProductTypeCatalog.CodeLength).IsRequired();
        b.Property(x => x.Kind).HasConversion<int>();
        b.Property(x => x.Flavours).IsRequired();
        b.Property(x => x.ServiceKind).HasMaxLength(ProductTypeCatalog.CodeLength);
        b.Property(x => x.Description).HasMaxLength(Limits.Description);
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.AccountId, x.Code }).IsUnique();
    }
}
