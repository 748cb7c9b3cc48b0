using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace PacificEdge.Silo.Health;

/// <summary>Ready only while PostgreSQL answers a trivial query.</summary>
public sealed class PostgresHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("Database reachable.");
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // The exception message can carry the host name; the detail stays in the server log.
            return HealthCheckResult.Unhealthy("Database unreachable.", ex);
        }
    }
}
