using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Steward.Core.Storage;
using Steward.Functional.Infrastructure;
#if STEWARD_POSTGRES
using Steward.Storage.Postgres;
#else
using Steward.Storage.Sqlite;
#endif

namespace Steward.Functional.Catalog;

/// <summary>
/// Accounts made before slugs existed get <c>account-&lt;number&gt;</c> from the migration that adds
/// them (hand-written SQL in the Catalog migration: this fails if it is regenerated without it).
/// </summary>
public sealed class SlugMigrationTests
{
    private sealed record Row(long Number, string Slug);

    [StewardFact]
    public async Task Existing_accounts_get_unique_slugs_from_their_numbers()
    {
        var connectionString = TestDatabase.Create();
        try
        {
            var options = new DbContextOptionsBuilder<StewardDb>();
#if STEWARD_POSTGRES
            options.UseStewardPostgres(connectionString);
            object created = DateTimeOffset.UtcNow;
#else
            options.UseStewardSqlite(connectionString);
            object created = DateTimeOffset.UtcNow.UtcTicks;
#endif
            await using var db = new StewardDb(options.Options);
            var migrator = db.GetService<IMigrator>();
            var migrations = db.Database.GetMigrations().ToList();
            var catalog = migrations.FindIndex(m => m.EndsWith("_Catalog", StringComparison.Ordinal));
            Assert.True(catalog > 0, "the Catalog migration is not found");
            await migrator.MigrateAsync(migrations[catalog - 1]);

            foreach (var number in new[] { 1L, 2L })
            {
                await db.Database.ExecuteSqlRawAsync(
                    "INSERT INTO accounts (\"Id\", \"Number\", \"Name\", \"Email\", \"CreatedAt\", \"UpdatedAt\", \"Version\") VALUES ({0}, {1}, {2}, {3}, {4}, {4}, 1)",
                    Guid.CreateVersion7(), number, "Old " + number, "old@example.com", created);
            }

            await db.Database.MigrateAsync();

            var rows = await db.Database.SqlQueryRaw<Row>("SELECT \"Number\", \"Slug\" FROM accounts ORDER BY \"Number\"").ToListAsync();
            Assert.Equal([new Row(1, "account-1"), new Row(2, "account-2")], rows);
        }
        finally
        {
            TestDatabase.Drop(connectionString);
        }
    }
}
