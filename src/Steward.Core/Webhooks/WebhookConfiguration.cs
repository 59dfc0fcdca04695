using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steward.Core.Storage;
using Steward.Core.Tenancy;

namespace Steward.Core.Webhooks;

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> b)
    {
        b.ToTable("webhook_endpoints");
        b.HasKey(x => x.Id);
        b.Ignore(x => x.EventTypeList);
        b.Property(x => x.Url).HasMaxLength(WebhookRules.MaxUrlLength).IsRequired();
        b.Property(x => x.EventTypes).HasMaxLength(WebhookRules.MaxEventTypesLength).IsRequired();
        b.Property(x => x.Description).HasMaxLength(Limits.Description);
        b.Property(x => x.DisabledReason).HasMaxLength(32);
        b.Property(x => x.Secret).HasMaxLength(256).IsRequired();
        b.Property(x => x.PreviousSecret).HasMaxLength(256);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.AccountId, x.Id });
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> b)
    {
        b.ToTable("webhook_deliveries");
        b.HasKey(x => x.Id);
        b.Property(x => x.EventType).HasMaxLength(64).IsRequired();
        b.Property(x => x.Status).HasConversion<int>();
        b.Property(x => x.LastError).HasMaxLength(WebhookRules.MaxErrorLength);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(x => x.EndpointId).OnDelete(DeleteBehavior.Cascade);

        // One message per event and endpoint, whoever enqueues it and however often.
        b.HasIndex(x => new { x.EndpointId, x.EventSequence }).IsUnique();

        // The delivery log and the dead-letter list, oldest first (ids are UUID v7).
        b.HasIndex(x => new { x.EndpointId, x.Id });
        b.HasIndex(x => new { x.EndpointId, x.Status, x.Id });

        // What is due: pending rows by their next attempt.
        b.HasIndex(x => new { x.Status, x.NextAttemptAt });
    }
}

internal sealed class WebhookCursorConfiguration : IEntityTypeConfiguration<WebhookCursor>
{
    public void Configure(EntityTypeBuilder<WebhookCursor> b)
    {
        b.ToTable("webhook_cursor");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
    }
}
