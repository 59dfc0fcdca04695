using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Steward.Core.Storage;
using Steward.Functional.Infrastructure;

namespace Steward.Functional;

/// <summary>The server's database was built by the provider's real migrations, and they match the model.</summary>
public sealed class MigrationTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task Migrations_are_applied_and_match_the_model()
    {
        using var client = factory.CreateClient();
        using var ready = await client.GetAsync("/readyz");
        Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);

        var dbs = factory.Services.GetRequiredService<IDbContextFactory<StewardDb>>();
        await using var db = await dbs.CreateDbContextAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());

        // A model change without a migration for this provider fails here: add one with tools/Steward.MigrationTool.
        Assert.False(db.Database.HasPendingModelChanges(), "The EF model has changes that no migration captures.");
    }
}
