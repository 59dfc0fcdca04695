using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Steward.Core.Access;
using Steward.Core.Storage;

namespace Steward.Core.Billing;

/// <summary>Merchants, products in units, the ledger of charges, its summaries and billing periods.</summary>
public static class BillingArea
{
    extension(StewardDb db)
    {
        public DbSet<Merchant> Merchants => db.Set<Merchant>();

        public DbSet<Product> Products => db.Set<Product>();

        public DbSet<ChargeLine> ChargeLines => db.Set<ChargeLine>();

        public DbSet<ChargeTotal> ChargeTotals => db.Set<ChargeTotal>();

        public DbSet<BillingPeriod> BillingPeriods => db.Set<BillingPeriod>();
    }

    public static IServiceCollection AddBilling(this IServiceCollection services)
    {
        // Seams other areas fill: the reservations' held coins. (The product types, IProductTypes, are
        // the catalog's, registered by AddCatalog.)
        services.TryAddSingleton<IReservedCoins, NoReservedCoins>();

        services.AddSingleton<ICredentialOwner, MerchantCredentialOwner>();
        services.AddSingleton<MerchantService>();
        services.AddSingleton<ProductAccess>();
        services.AddSingleton<CoinsCalculator>();
        services.AddSingleton<ProductService>();
        services.AddSingleton<ProductClaims>();
        services.AddSingleton<ChargeService>();
        services.AddSingleton<ChargeQueries>();
        services.AddSingleton<PeriodCloser>();
        services.AddHostedService(sp => sp.GetRequiredService<PeriodCloser>());
        return services;
    }
}
