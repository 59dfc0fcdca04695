using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Steward.Core.Security;
using Steward.Core.Storage;

namespace Steward.Core.Idempotency;

/// <summary>Stored answers to requests sent with an Idempotency-Key.</summary>
public static class IdempotencyArea
{
    extension(StewardDb db)
    {
        public DbSet<IdempotencyRecord> IdempotencyRecords => db.Set<IdempotencyRecord>();
    }

    /// <remarks>Stored answers are kept a day under the caller's id, not an account's: they are not exported.</remarks>
    public static IServiceCollection AddIdempotency(this IServiceCollection services) => services
        .AddSingleton<IdempotencyStore>()
        .AddProtectedColumn<IdempotencyRecord>("idempotency_records.body", r => r.Body);
}
