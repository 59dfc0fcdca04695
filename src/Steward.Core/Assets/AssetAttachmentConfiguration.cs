using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steward.Core.Billing;

namespace Steward.Core.Assets;

internal sealed class AssetAttachmentConfiguration : IEntityTypeConfiguration<AssetAttachment>
{
    public void Configure(EntityTypeBuilder<AssetAttachment> b)
    {
        b.ToTable("asset_attachments");
        b.HasKey(x => new { x.AssetId, x.MerchantId });

        // Deleting an attached asset is refused (AssetService), and so is deleting an attached merchant
        // (MerchantService); the cascades only serve deletions of what holds both (an account, a scope).
        b.HasOne<Asset>().WithMany().HasForeignKey(x => x.AssetId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Merchant>().WithMany().HasForeignKey(x => x.MerchantId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.MerchantId, x.AssetId });
    }
}
