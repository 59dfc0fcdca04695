using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Steward.Core.Storage;

namespace Steward.Core.Webhooks;

/// <summary>Webhook endpoints, their delivery log, and the worker that delivers the event log to them.</summary>
public static class WebhooksArea
{
    extension(StewardDb db)
    {
        public DbSet<WebhookEndpoint> WebhookEndpoints => db.Set<WebhookEndpoint>();

        public DbSet<WebhookDelivery> WebhookDeliveries => db.Set<WebhookDelivery>();

        public DbSet<WebhookCursor> WebhookCursors => db.Set<WebhookCursor>();
    }

    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddSingleton<WebhookTargets>();
        services.AddSingleton<WebhookService>();
        services.AddSingleton<WebhookDeliveryService>();
        services.AddSingleton<WebhookFanOut>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService<WebhookWorker>();
        return services;
    }
}
