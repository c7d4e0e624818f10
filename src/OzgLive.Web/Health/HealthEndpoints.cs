using Dapper;
using OzgLive.Web.ScaleOut;
using OzgLive.Web.Storage;

namespace OzgLive.Web.Health;

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        // Liveness: the process answers. Nothing else is checked, so a slow disk never restarts it.
        app.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok" }));

        // Readiness: the database answers, every embedded migration is recorded and, with several
        // nodes, Redis is connected (without it this node refuses writes, so a balancer should skip it).
        app.MapGet("/readyz", IResult (Database database, Migrator migrator, ILoggerFactory loggers, HttpContext context) =>
        {
            if (context.RequestServices.GetService<RedisConnection>() is { IsConnected: false })
            {
                return TypedResults.Json(new { status = "redis-unavailable" }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            try
            {
                using var connection = database.Open();
                connection.ExecuteScalar<long>("SELECT 1");
                var pending = migrator.Pending();
                return pending.Count == 0
                    ? TypedResults.Ok(new { status = "ready" })
                    : TypedResults.Json(new { status = "migrations-pending", pending }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
            catch (Exception ex)
            {
                loggers.CreateLogger("OzgLive.Health").LogError(ex, "Readiness check failed");
                if (Database.IsUnavailable(ex))
                {
                    // So that the app is ready again as soon as the server is back, not one dead connection later.
                    database.ForgetPooledConnections();
                }

                return TypedResults.Json(new { status = "database-unavailable" }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
        return app;
    }
}
