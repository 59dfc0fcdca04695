using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steward.Core.Storage;

namespace Steward.Core.Billing;

internal sealed class ChargeLineConfiguration : IEntityTypeConfiguration<ChargeLine>
{
    public const int ExternalIdLength = 100;
    public const int NameLength = 200;
    public const int GroupLength = 80;
    public const int AdditionalDataLength = 4096;

    public void Configure(EntityTypeBuilder<ChargeLine> b)
    {
        b.ToTable("charge_lines");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedOnAdd();
        b.Property(x => x.Kind).HasConversion<int>();
        b.Property(x => x.ExternalId).HasMaxLength(ExternalIdLength).IsRequired();
        b.Property(x => x.Coins).HasPrecision(28, Coins.Scale);
        b.Property(x => x.BurnRate).HasPrecision(28, Coins.Scale);
        b.Property(x => x.Username).HasMaxLength(Limits.Username);
        b.Property(x => x.Name).HasMaxLength(NameLength);
        b.Property(x => x.Description).HasMaxLength(Limits.Description);
        b.Property(x => x.Group).HasMaxLength(GroupLength);
        b.Property(x => x.AdditionalData).HasMaxLength(AdditionalDataLength);

        // Lines go with their product (a unit or organisation deleted with everything in it). A
        // merchant with lines is never deleted alone (MerchantService refuses it); its key cascades
        // only when its account is deleted, when every line of that account's products goes too.
        // (A NO ACTION key fails there on PostgreSQL, whose cascades run one trigger at a time.)
        b.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Merchant>().WithMany().HasForeignKey(x => x.MerchantId).OnDelete(DeleteBehavior.Cascade);

        // Duplicates are found by this index, and it is the last word on them.
        b.HasIndex(x => new { x.MerchantId, x.ExternalId }).IsUnique();

        // A period's lines, in recording order, per product and per unit; and date ranges.
        b.HasIndex(x => new { x.ProductId, x.PeriodStart, x.Id });
        b.HasIndex(x => new { x.UnitId, x.PeriodStart, x.Id });
        b.HasIndex(x => new { x.ProductId, x.Day });
        b.HasIndex(x => new { x.UnitId, x.Day });
    }
}
