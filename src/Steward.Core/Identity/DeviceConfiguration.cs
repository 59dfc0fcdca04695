using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steward.Core.Storage;

namespace Steward.Core.Identity;

internal sealed class DeviceConfiguration : IEntityTypeConfiguration<Device>
{
    public void Configure(EntityTypeBuilder<Device> b)
    {
        b.ToTable("devices");
        b.HasKey(x => x.Id);
        b.Property(x => x.NativeId).HasMaxLength(Limits.ShortText);
        b.Property(x => x.Family).HasMaxLength(Limits.ShortText);
        b.Property(x => x.Name).HasMaxLength(Limits.ShortText);
        b.Property(x => x.ClientSoftwareVersion).HasMaxLength(Limits.ShortText);
        b.Property(x => x.OsVersion).HasMaxLength(Limits.ShortText);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.UserId);
    }
}
