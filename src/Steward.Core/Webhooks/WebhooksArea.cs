using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Steward.Core.Security;
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

        // Endpoints travel with their account; the delivery log does not, because it is bound to this database's
        // event numbers (an import numbers the account's events afresh). An imported endpoint delivers what
        // happens after the import, not the history it came with (WebhookFanOut starts it at account.imported).
        return services
            .AddProtectedColumn<WebhookEndpoint>("webhook_endpoints.secret", e => e.Secret)
            .AddProtectedColumn<WebhookEndpoint>("webhook_endpoints.previous_secret", e => e.PreviousSecret)
            .AddAccountTable("webhook_endpoints", (db, account) => db.WebhookEndpoints.Where(x => x.AccountId == account).OrderBy(x => x.Id),
                prepareImport: e => e.StartSequence = WebhookEndpoint.StartsAtImport);
    }
}
