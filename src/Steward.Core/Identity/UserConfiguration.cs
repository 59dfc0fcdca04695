using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steward.Core.Storage;
using Steward.Core.Tenancy;

namespace Steward.Core.Identity;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> b)
    {
        b.ToTable("users");
        b.HasKey(x => x.Id);
        b.Property(x => x.Username).HasMaxLength(Limits.Username).IsRequired();
        b.Property(x => x.Email).HasMaxLength(Limits.Email);
        b.Property(x => x.FirstName).HasMaxLength(Limits.Name);
        b.Property(x => x.LastName).HasMaxLength(Limits.Name);
        b.Property(x => x.PhoneNumber).HasMaxLength(32);
        b.Property(x => x.CountryCode).HasMaxLength(8);
        b.Property(x => x.PasswordHash).HasMaxLength(200);
        b.Property(x => x.ExternalId).HasMaxLength(Limits.Name);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Cascade);

        // Usernames are unique per organisation (Kandy: per domain), or per account for account-level users.
        b.HasIndex(x => new { x.UsernameScope, x.Username }).IsUnique();
        b.HasIndex(x => new { x.AccountId, x.Id });
        b.HasIndex(x => x.OrganisationId);
    }
}
