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
        // The product types (IProductTypes) are the catalog's, registered by AddCatalog.
        services.TryAddSingleton<IReservedCoins, StoredReservedCoins>();

        services.AddSingleton<ICredentialOwner, MerchantCredentialOwner>();
        services.AddSingleton<MerchantService>();
        services.AddSingleton<ProductAccess>();
        services.AddSingleton<CoinsCalculator>();
        services.AddSingleton<ProductService>();
        services.AddSingleton<ProductClaims>();
        services.AddSingleton<ChargeService>();
        services.AddSingleton<ChargeQueries>();
        services.AddSingleton<ChargeDayQueries>();
        services.AddSingleton<PeriodCloser>();
        services.AddHostedService(sp => sp.GetRequiredService<PeriodCloser>());

        // The spend check: budgets in memory, reservations, and their sweeper.
        services.AddSingleton<SpendBook>();
        services.AddSingleton<ReservationJournal>();
        services.AddSingleton<ReservationService>();
        services.AddSingleton<ReservationSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<ReservationSweeper>());

        // What travels with an account in `steward export` / `steward import`. Platform merchants belong to no
        // account, but its charges and claims name them: they travel too, and are added only where missing.
        return services
            .AddSharedAccountTable("platform_merchants", (db, account) => db.Merchants
                .Where(m => m.AccountId == null
                    && (db.Set<ChargeLine>().Any(c => c.AccountId == account && c.MerchantId == m.Id)
                        || db.Set<Product>().Any(p => p.AccountId == account && p.ClaimMerchantId == m.Id)))
                .OrderBy(m => m.Number))
            .AddAccountTable("merchants", (db, account) => db.Merchants.Where(x => x.AccountId == account).OrderBy(x => x.Number))
            .AddAccountTable("products", (db, account) => db.Products.Where(x => x.AccountId == account).OrderBy(x => x.Id))
            .AddAccountTable("charge_lines", (db, account) => db.ChargeLines.Where(x => x.AccountId == account).OrderBy(x => x.Id))
            .AddAccountTable("charge_totals", (db, account) => db.ChargeTotals.Where(x => x.AccountId == account)
                .OrderBy(x => x.ScopeId).ThenBy(x => x.PeriodStart).ThenBy(x => x.Day))
            .AddAccountTable("billing_periods", (db, account) => db.BillingPeriods.Where(x => x.AccountId == account)
                .OrderBy(x => x.UnitId).ThenBy(x => x.PeriodStart));
    }
}
