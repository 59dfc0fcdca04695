using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Steward.Core.Storage;

namespace Steward.Server.Api;

/// <summary><c>/healthz</c>: the process serves. <c>/readyz</c>: the database answers and is migrated.</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Ok(new HealthStatus("ok")))
            .WithName("Health").WithSummary("Liveness: answers 200 once Steward serves.").WithTags("Health");
        app.MapGet("/readyz", Ready)
            .WithName("Ready").WithSummary("Readiness: the database is reachable and fully migrated.").WithTags("Health");
        return app;
    }

    private static async Task<Results<Ok<HealthStatus>, ProblemHttpResult>> Ready(IDbContextFactory<StewardDb> dbs, CancellationToken ct)
    {
        try
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var pending = await db.Database.GetPendingMigrationsAsync(ct);
            return pending.Any()
                ? TypedResults.Problem("Database migrations are pending.", statusCode: StatusCodes.Status503ServiceUnavailable)
                : TypedResults.Ok(new HealthStatus("ready"));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return TypedResults.Problem("The database is not reachable.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    public sealed record HealthStatus(string Status);
}
