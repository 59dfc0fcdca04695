using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steward.Core.Identity;
using Steward.Core.Storage;
using Steward.Core.Tenancy;

namespace Steward.Core.Catalog;

internal sealed class SubscriberConfiguration : IEntityTypeConfiguration<Subscriber>
{
    public void Configure(EntityTypeBuilder<Subscriber> b)
    {
        b.ToTable("subscribers");
        b.HasKey(x => x.Id);
        b.Property(x => x.ScreenName).HasMaxLength(Limits.Name);
        b.Property(x => x.Token).HasMaxLength(SubscriberRules.TokenLength).IsRequired();
        b.Property(x => x.BillingFirstName).HasMaxLength(Limits.Name);
        b.Property(x => x.BillingLastName).HasMaxLength(Limits.Name);
        b.Property(x => x.BillingAddress1).HasMaxLength(Limits.Name);
        b.Property(x => x.BillingCity).HasMaxLength(Limits.ShortText);
        b.Property(x => x.BillingState).HasMaxLength(Limits.ShortText);
        b.Property(x => x.BillingZip).HasMaxLength(SubscriberRules.ShortField);
        b.Property(x => x.BillingCountry).HasMaxLength(Limits.ShortText);
        b.Property(x => x.BillingPhoneNumber).HasMaxLength(SubscriberRules.ShortField);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);

        // The index is the last word on a taken customer id (create, and update's new customer id).
        b.HasIndex(x => new { x.AccountId, x.CustomerId }).IsUnique();
        b.HasIndex(x => new { x.AccountId, x.Number }).IsUnique();
        b.HasIndex(x => x.UserId).IsUnique();
        b.HasIndex(x => x.Token).IsUnique();
    }
}

internal sealed class SubscriberInvoiceConfiguration : IEntityTypeConfiguration<SubscriberInvoice>
{
    public void Configure(EntityTypeBuilder<SubscriberInvoice> b)
    {
        b.ToTable("subscriber_invoices");
        b.HasKey(x => x.Id);
        b.Property(x => x.Token).HasMaxLength(SubscriberRules.TokenLength).IsRequired();
        b.Property(x => x.Kind).HasConversion<int>();
        b.Property(x => x.Amount).HasPrecision(PlanRules.MoneyPrecision, PlanRules.MoneyScale);
        b.Property(x => x.CurrencyCode).HasMaxLength(3).IsRequired();
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.InvoiceId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.Token).IsUnique();
        b.HasIndex(x => new { x.UserId, x.Kind, x.Closed });
    }
}

internal sealed class SubscriberInvoiceLineConfiguration : IEntityTypeConfiguration<SubscriberInvoiceLine>
{
    public void Configure(EntityTypeBuilder<SubscriberInvoiceLine> b)
    {
        b.ToTable("subscriber_invoice_lines");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedOnAdd();
        b.Property(x => x.Amount).HasPrecision(PlanRules.MoneyPrecision, PlanRules.MoneyScale);
        b.Property(x => x.CurrencyCode).HasMaxLength(3).IsRequired();
        b.Property(x => x.Description).HasMaxLength(Limits.Name).IsRequired();
        b.Property(x => x.Notes).HasMaxLength(Limits.Description);
        b.Property(x => x.Group).HasMaxLength(Limits.ShortText);
    }
}
