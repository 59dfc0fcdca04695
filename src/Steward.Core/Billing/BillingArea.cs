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

        public DbSet<Reservation> Reservations => db.Set<Reservation>();

        public DbSet<SpendLease> SpendLeases => db.Set<SpendLease>();

        public DbSet<SpendBudget> SpendBudgets => db.Set<SpendBudget>();

        public DbSet<SpendNotice> SpendNotices => db.Set<SpendNotice>();
    }

    public static IServiceCollection AddBilling(this IServiceCollection services)
    {
        // A seam the catalog fills: product types.
        services.TryAddSingleton<IProductTypes, BuiltInProductTypes>();
        services.TryAddSingleton<IReservedCoins, StoredReservedCoins>();

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

        // The spend check: budgets in memory, reservations, and their sweeper.
        services.AddSingleton<SpendBook>();
        services.AddSingleton<ReservationJournal>();
        services.AddSingleton<ReservationService>();
        services.AddSingleton<ReservationSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<ReservationSweeper>());
        return services;
    }
}
