using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steward.Core.Storage;

namespace Steward.Core.Billing;

internal sealed class ReservationConfiguration : IEntityTypeConfiguration<Reservation>
{
    public const int NameLength = ChargeLineConfiguration.NameLength;

    public void Configure(EntityTypeBuilder<Reservation> b)
    {
        b.ToTable("reservations");
        b.HasKey(x => x.Id);

        // Ids are made by the service (version 7, from the clock); the journal inserts them itself.
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Coins).HasPrecision(28, Coins.Scale);
        b.Property(x => x.SettledCoins).HasPrecision(28, Coins.Scale);
        b.Property(x => x.State).HasConversion<int>();
        b.Property(x => x.Username).HasMaxLength(Limits.Username);
        b.Property(x => x.Name).HasMaxLength(NameLength);
        b.Property(x => x.Version).IsConcurrencyToken();

        // Reservations go with their product (a unit, organisation or account deleted with everything
        // in it) and with their merchant (cascading, as charge lines do, for PostgreSQL's sake).
        b.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Merchant>().WithMany().HasForeignKey(x => x.MerchantId).OnDelete(DeleteBehavior.Cascade);

        // The sweeper finds due reservations; a product's open ones are summed for its coins, on load
        // and (rarely) when a lease is taken back. No more: every reservation updates each index.
        b.HasIndex(x => new { x.State, x.ExpiresAt });
        b.HasIndex(x => new { x.ProductId, x.State });
    }
}

internal sealed class SpendLeaseConfiguration : IEntityTypeConfiguration<SpendLease>
{
    public void Configure(EntityTypeBuilder<SpendLease> b)
    {
        b.ToTable("spend_leases");
        b.HasKey(x => new { x.ProductId, x.InstanceId });
        b.Property(x => x.Coins).HasPrecision(28, Coins.Scale);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.InstanceId);
        b.HasIndex(x => x.RenewedAt);
    }
}

internal sealed class SpendBudgetConfiguration : IEntityTypeConfiguration<SpendBudget>
{
    public void Configure(EntityTypeBuilder<SpendBudget> b)
    {
        b.ToTable("spend_budgets");
        b.HasKey(x => x.ProductId);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SpendNoticeConfiguration : IEntityTypeConfiguration<SpendNotice>
{
    public void Configure(EntityTypeBuilder<SpendNotice> b)
    {
        b.ToTable("spend_notices");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedOnAdd();
        b.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.InstanceId, x.Id });
    }
}
