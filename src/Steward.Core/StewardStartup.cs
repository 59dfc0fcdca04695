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
            await db.Database.MigrateAsync(ct);
            if (!db.IsPostgres)
            {
                // WAL is a property of the database file: readers never block the writer.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            }
        }

        await sync.LoadAsync(ct);
        return await bootstrap.EnsureRootAsync(rootKey, rootSecret, ct);
    }
}
