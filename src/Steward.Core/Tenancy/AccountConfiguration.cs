using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steward.Core.Storage;

namespace Steward.Core.Tenancy;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> b)
    {
        b.ToTable("accounts");
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(Limits.Name).IsRequired();
        b.Property(x => x.Email).HasMaxLength(Limits.Email).IsRequired();
        b.Property(x => x.Slug).HasMaxLength(Ids.Slug.MaxLength).IsRequired();
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.Number).IsUnique();
        b.HasIndex(x => x.Slug).IsUnique();
    }
}
