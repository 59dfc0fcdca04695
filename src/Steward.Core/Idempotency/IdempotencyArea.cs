using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Steward.Core.Storage;

namespace Steward.Core.Idempotency;

/// <summary>Stored answers to requests sent with an Idempotency-Key.</summary>
public static class IdempotencyArea
{
    extension(StewardDb db)
    {
        public DbSet<IdempotencyRecord> IdempotencyRecords => db.Set<IdempotencyRecord>();
    }

    public static IServiceCollection AddIdempotency(this IServiceCollection services) => services.AddSingleton<IdempotencyStore>();
}
