using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steward.Core.Identity;
using Steward.Core.Storage;
using Steward.Core.Tenancy;

namespace Steward.Core.Assets;

internal sealed class AssetConfiguration : IEntityTypeConfiguration<Asset>
{
    /// <summary>An RFC 1123 label is at most 63 characters.</summary>
    public const int NameLength = 63;

    public const int CreatedByLength = 60;

    public void Configure(EntityTypeBuilder<Asset> b)
    {
        b.ToTable("assets");
        b.HasKey(x => x.Id);
        b.Property(x => x.Scope).HasConversion<int>();
        b.Property(x => x.Name).HasMaxLength(NameLength).IsRequired();
        b.Property(x => x.Description).HasMaxLength(Limits.Description);

        // Content is bounded by Steward:Assets:MaxContentBytes, checked by AssetService, not by the column.
        b.Property(x => x.Content);
        b.Property(x => x.SecretCipher);
        b.Property(x => x.CreatedBy).HasMaxLength(CreatedByLength).IsRequired();
        b.Property(x => x.Version).IsConcurrencyToken();

        // An asset goes with its account and with its scope (as a unit's products go with the unit).
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);

        // The last word on "unique within its scope" (AssetService answers the conflict by name).
        b.HasIndex(x => new { x.AccountId, x.Scope, x.ScopeId, x.Name }).IsUnique();
        b.HasIndex(x => new { x.AccountId, x.Id });
        b.HasIndex(x => x.OrganisationId);
        b.HasIndex(x => x.UnitId);
        b.HasIndex(x => x.UserId);
    }
}
