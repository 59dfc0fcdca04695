using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steward.Core.Storage;
using Steward.Core.Tenancy;

namespace Steward.Core.Access;

internal sealed class CredentialConfiguration : IEntityTypeConfiguration<Credential>
{
    public void Configure(EntityTypeBuilder<Credential> b)
    {
        b.ToTable("credentials");
        b.HasKey(x => x.Id);
        b.Property(x => x.OwnerKind).HasConversion<int>();
        b.Property(x => x.ApiKey).HasMaxLength(64).IsRequired();
        b.Property(x => x.SecretHash).HasMaxLength(32).IsRequired();
        b.Property(x => x.SecretCipher).HasMaxLength(400).IsRequired();
        b.Property(x => x.Label).HasMaxLength(Limits.Name);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.ApiKey).IsUnique();
        b.HasIndex(x => x.OwnerId);
    }
}
