using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steward.Core.Storage;

namespace Steward.Core.Tenancy;

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> b)
    {
        b.ToTable("organisations");
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(Limits.Name).IsRequired();
        b.Property(x => x.DomainName).HasMaxLength(Limits.DomainName);
        b.Property(x => x.Description).HasMaxLength(Limits.Description);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.AccountId, x.Name }).IsUnique();
        b.HasIndex(x => x.DomainName).IsUnique();
    }
}
