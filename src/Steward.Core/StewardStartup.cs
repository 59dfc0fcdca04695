using Microsoft.EntityFrameworkCore;
using Steward.Core.Access;
using Steward.Core.Events;
using Steward.Core.Storage;

namespace Steward.Core;

/// <summary>What must happen before Steward serves: migrations, the revocation list, the root credential.</summary>
public sealed class StewardStartup(IDbContextFactory<StewardDb> dbs, ClusterSync sync, RootBootstrap bootstrap)
{
    public async Task<BootstrapOutcome> RunAsync(string? rootKey, string? rootSecret, CancellationToken ct = default)
    {
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            await MigrateAsync(db, ct);
        }

        await sync.LoadAsync(ct);
        return await bootstrap.EnsureRootAsync(rootKey, rootSecret, ct);
    }

    /// <summary>Applies pending migrations (the server at start, <c>steward migrate</c>) and returns their names.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(StewardDb db, CancellationToken ct = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        await db.Database.MigrateAsync(ct);
        if (!db.IsPostgres)
        {
            // WAL is a property of the database file: readers never block the writer.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }

        return pending;
    }
}
