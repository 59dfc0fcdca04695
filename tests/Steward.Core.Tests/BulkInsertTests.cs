using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Steward.Core.Billing;
using Steward.Core.Storage;
using Steward.Core.Tenancy;
using Steward.Storage.Sqlite;

namespace Steward.Core.Tests;

/// <summary>Rows written by <see cref="BulkInsert"/> read back through EF exactly as SaveChanges would have stored them.</summary>
public sealed class BulkInsertTests : IAsyncLifetime
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "steward-bulk-" + Guid.NewGuid().ToString("N"));
    private DbContextOptions<StewardDb> options = null!;

    public async Task InitializeAsync()
    {
        var builder = new DbContextOptionsBuilder<StewardDb>();
        builder.UseStewardSqlite("Data Source=" + Path.Combine(directory, "steward.db"));
        options = builder.Options;
        await using var db = new StewardDb(options);
        await db.Database.MigrateAsync();
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Lines_round_trip_every_column_across_several_statements()
    {
        var now = new DateTimeOffset(2026, 3, 15, 10, 11, 12, TimeSpan.Zero).AddTicks(1234567);
        var (account, org, unit, product, merchant) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        await using (var db = new StewardDb(options))
        {
            db.Add(new Account { Id = account, Number = 1, Name = "a", Email = "a@example.com", CreatedAt = now, UpdatedAt = now });
            db.Add(new Organisation { Id = org, AccountId = account, Name = "o", CreatedAt = now, UpdatedAt = now });
            db.Add(new Unit { Id = unit, AccountId = account, OrganisationId = org, Name = "u", BillingDay = 1, CreatedAt = now, UpdatedAt = now });
            db.Add(new Merchant { Id = merchant, Number = 1, Name = "m", ApiHostname = "h", CreatedAt = now, UpdatedAt = now });
            db.Add(new Product { Id = product, AccountId = account, OrganisationId = org, UnitId = unit, Name = "p", Type = "T", Allowance = 1, Limit = 1, CreatedAt = now, UpdatedAt = now });
            await db.SaveChangesAsync();
        }

        var rows = Enumerable.Range(0, 21).Select(i => new ChargeLine
        {
            AccountId = account,
            OrganisationId = org,
            UnitId = unit,
            ProductId = product,
            MerchantId = merchant,
            ExternalId = "x" + i,
            Kind = (ChargeKind)(i % 4),
            Coins = i % 4 == 3 ? -0.000000001m * i : 123456789.123456789m + i,
            BurnRate = i % 2 == 0 ? 0.5m : null,
            Username = i % 3 == 0 ? null : "alice",
            AdditionalData = "{\"i\":" + i + "}",
            Sequence = long.MaxValue - i,
            Timestamp = now.AddMinutes(-i),
            RecordedAt = now,
            Day = new DateOnly(2026, 3, 15).AddDays(-i),
            PeriodStart = new DateOnly(2026, 3, 1),
            PostFinal = i % 5 == 0,
        }).ToList();

        await using (var db = new StewardDb(options))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await BulkInsert.InsertAsync(db, rows);
            await transaction.CommitAsync();
        }

        await using (var db = new StewardDb(options))
        {
            var stored = await db.ChargeLines.AsNoTracking().OrderBy(l => l.Id).ToListAsync();
            Assert.Equal(rows.Count, stored.Count);
            Assert.Equal(stored.Count, stored.Select(l => l.Id).Distinct().Count());
            foreach (var (expected, actual) in rows.Zip(stored))
            {
                Assert.Equal(expected, actual, LineComparer.Instance);
            }

            // The stored text compares as EF's own queries expect it to.
            Assert.Equal(21, await db.ChargeLines.CountAsync(l => l.ProductId == product && l.MerchantId == merchant && l.PeriodStart == new DateOnly(2026, 3, 1)));
            Assert.Equal(5, await db.ChargeLines.CountAsync(l => l.Timestamp > now.AddMinutes(-5)));
        }
    }

    /// <summary>Compares every mapped column (ChargeLine is a class, so equality is by value here).</summary>
    private sealed class LineComparer : IEqualityComparer<ChargeLine>
    {
        public static readonly LineComparer Instance = new();

        public bool Equals(ChargeLine? x, ChargeLine? y) =>
            x is not null && y is not null
            && (x.AccountId, x.OrganisationId, x.UnitId, x.ProductId, x.MerchantId, x.ExternalId, x.Kind, x.Coins, x.BurnRate, x.Username, x.Name, x.Description, x.Group)
                == (y.AccountId, y.OrganisationId, y.UnitId, y.ProductId, y.MerchantId, y.ExternalId, y.Kind, y.Coins, y.BurnRate, y.Username, y.Name, y.Description, y.Group)
            && (x.Sequence, x.AdditionalData, x.Timestamp.UtcTicks, x.RecordedAt.UtcTicks, x.Day, x.PeriodStart, x.PostFinal)
                == (y.Sequence, y.AdditionalData, y.Timestamp.UtcTicks, y.RecordedAt.UtcTicks, y.Day, y.PeriodStart, y.PostFinal);

        public int GetHashCode(ChargeLine obj) => obj.ExternalId.GetHashCode(StringComparison.Ordinal);
    }
}
