using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace PacificEdge.Silo.Health.Detail;

/// <summary>
/// Stored webhook events not processed yet (received, or failed and waiting for a retry) and those given up
/// (abandoned, an admin can replay them): how many, and how long the oldest pending one has waited.
/// </summary>
public sealed class WebhookBacklogHealthCheck(NpgsqlDataSource dataSource, IOptions<HealthDetailOptions> options) : IHealthCheck
{
    private const string Sql =
        "SELECT count(*) FILTER (WHERE status IN ('Received', 'Failed')), count(*) FILTER (WHERE status = 'Abandoned'), "
        + "COALESCE(EXTRACT(EPOCH FROM now() - min(received_at) FILTER (WHERE status IN ('Received', 'Failed'))), 0)::float8 FROM webhook_events";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(Sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var pending = reader.GetInt64(0);
        var abandoned = reader.GetInt64(1);
        var oldest = TimeSpan.FromSeconds(reader.GetDouble(2));
        var data = new Dictionary<string, object> { ["pending"] = pending, ["abandoned"] = abandoned, ["oldestPendingSeconds"] = Math.Round(oldest.TotalSeconds, 1) };
        return oldest > options.Value.WebhookBacklogThreshold
            ? HealthCheckResult.Degraded($"{pending} webhook events wait, the oldest for {oldest.TotalSeconds:F0} s.", data: data)
            : HealthCheckResult.Healthy($"{pending} webhook events wait; {abandoned} abandoned.", data);
    }
}
