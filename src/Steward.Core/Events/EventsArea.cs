using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Steward.Core.Storage;

namespace Steward.Core.Events;

/// <summary>The event log (the outbox every write appends to) and its readers.</summary>
public static class EventsArea
{
    extension(StewardDb db)
    {
        public DbSet<EventRecord> Events => db.Set<EventRecord>();
    }

    public static IServiceCollection AddEvents(this IServiceCollection services)
    {
        services.AddSingleton<EventNotifier>();
        services.AddSingleton<EventService>();
        services.AddSingleton<ClusterSync>();
        services.AddHostedService(sp => sp.GetRequiredService<ClusterSync>());

        // An account's events travel with it; the target database numbers them afresh, after its own.
        services.AddAccountTable("events", (db, account) => db.Events.Where(x => x.AccountId == account).OrderBy(x => x.Sequence));
        return services;
    }
}
