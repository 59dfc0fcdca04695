using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Steward.Core.Billing;
using Steward.Core.Storage;

namespace Steward.Core.Catalog;

/// <summary>The catalog (product types, plans and their versions) and users' subscriptions to plans.</summary>
public static class CatalogArea
{
    extension(StewardDb db)
    {
        public DbSet<ProductType> ProductTypes => db.Set<ProductType>();

        public DbSet<Plan> Plans => db.Set<Plan>();

        public DbSet<PlanVersion> PlanVersions => db.Set<PlanVersion>();

        public DbSet<Subscription> Subscriptions => db.Set<Subscription>();
    }

    public static IServiceCollection AddCatalog(this IServiceCollection services)
    {
        services.AddSingleton<ProductTypeCatalog>();
        services.AddSingleton<IProductTypes>(sp => sp.GetRequiredService<ProductTypeCatalog>());
        services.AddSingleton<PlanService>();
        services.AddSingleton<SubscriptionService>();
        services.AddHostedService<SubscriptionWorker>();
        return services;
    }
}
