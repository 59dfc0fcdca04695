using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Steward.Core.Billing;
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
        services.AddSingleton<IProductTypes>(sp => sp.GetRequiredService<ProductTypeCatalog>());
        services.AddSingleton<PlanService>();
        services.AddSingleton<SubscriptionService>();
        services.AddSingleton<SubscriberService>();
        services.AddHostedService<SubscriptionWorker>();

        // What travels with an account in `steward export` / `steward import`. Built-in product types are not
        // rows (every account has them), so only the account's own are exported.
        return services
            .AddAccountTable("product_types", (db, account) => db.ProductTypes.Where(x => x.AccountId == account).OrderBy(x => x.Id))
            .AddAccountTable("plans", (db, account) => db.Plans.Where(x => x.AccountId == account).OrderBy(x => x.Number))
            .AddAccountTable("plan_features", (db, account) => db.Set<PlanFeature>()
                .Where(f => db.Set<Plan>().Any(p => p.Id == f.PlanId && p.AccountId == account)).OrderBy(f => f.Id))
            .AddAccountTable("plan_tags", (db, account) => db.Set<PlanTag>().Where(x => x.AccountId == account).OrderBy(x => x.PlanId).ThenBy(x => x.Tag))
            .AddAccountTable("plan_versions", (db, account) => db.PlanVersions.Where(x => x.AccountId == account).OrderBy(x => x.Id))
            .AddAccountTable("subscriptions", (db, account) => db.Subscriptions.Where(x => x.AccountId == account).OrderBy(x => x.Id))
            .AddAccountTable("subscribers", (db, account) => db.Set<Subscriber>().Where(x => x.AccountId == account).OrderBy(x => x.CustomerId))
            .AddAccountTable("subscriber_invoices", (db, account) => db.Set<SubscriberInvoice>().Where(x => x.AccountId == account).OrderBy(x => x.Id))
            .AddAccountTable("subscriber_invoice_lines", (db, account) => db.Set<SubscriberInvoiceLine>().Where(x => x.AccountId == account).OrderBy(x => x.Id));
    }
}
