using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Steward.Core.Storage;

namespace Steward.Core.Catalog;

/// <summary>The catalog (product types, plans and their versions), users' subscriptions to plans, and subscription sites' subscribers with their invoices.</summary>
public static class CatalogArea
{
    extension(StewardDb db)
    {
        public DbSet<ProductType> ProductTypes => db.Set<ProductType>();

        public DbSet<Plan> Plans => db.Set<Plan>();

        public DbSet<PlanVersion> PlanVersions => db.Set<PlanVersion>();

        public DbSet<Subscription> Subscriptions => db.Set<Subscription>();

        public DbSet<Subscriber> Subscribers => db.Set<Subscriber>();

        public DbSet<SubscriberInvoice> SubscriberInvoices => db.Set<SubscriberInvoice>();

        public DbSet<SubscriberInvoiceLine> SubscriberInvoiceLines => db.Set<SubscriberInvoiceLine>();
    }

    public static IServiceCollection AddCatalog(this IServiceCollection services)
    {
        services.AddSingleton<ProductTypeCatalog>();
        services.AddSingleton<PlanService>();
        services.AddSingleton<SubscriptionService>();
        services.AddSingleton<SubscriberService>();
        services.AddHostedService<SubscriptionWorker>();
        return services;
    }
}
