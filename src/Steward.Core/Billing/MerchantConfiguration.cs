using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steward.Core.Tenancy;

namespace Steward.Core.Billing;

internal sealed class MerchantConfiguration : IEntityTypeConfiguration<Merchant>
{
    public const int NameLength = 80;
    public const int KindLength = 40;
    public const int HostnameLength = 253;

    public void Configure(EntityTypeBuilder<Merchant> b)
    {
        b.ToTable("merchants");
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(NameLength).IsRequired();
        b.Property(x => x.Kind).HasMaxLength(KindLength).IsRequired();
        b.Property(x => x.ApiHostname).HasMaxLength(HostnameLength).IsRequired();
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.IsPlatform);
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.Number).IsUnique();
        b.HasIndex(x => x.AccountId);
    }
}
