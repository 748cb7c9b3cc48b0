using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace PacificEdge.Silo.Health.Detail;

/// <summary>
/// How late the most overdue reminder is. Our reminders are one-shot (unregistered once their work is done), so
/// a reminder whose start time has passed and is still registered is work not yet done: its age is the lag.
/// </summary>
public sealed class ReminderLagHealthCheck(NpgsqlDataSource dataSource, string serviceId, IOptions<HealthDetailOptions> options) : IHealthCheck
{
    private const string Sql = "SELECT count(*), COALESCE(EXTRACT(EPOCH FROM now() - min(start_time)), 0)::float8 FROM orleans_reminders WHERE service_id = $1 AND start_time <= now()";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = serviceId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var due = reader.GetInt64(0);
        var lag = TimeSpan.FromSeconds(reader.GetDouble(1));
        var data = new Dictionary<string, object> { ["due"] = due, ["lagSeconds"] = Math.Round(lag.TotalSeconds, 1) };
        return lag > options.Value.ReminderLagThreshold
            ? HealthCheckResult.Degraded($"The most overdue of {due} due reminders waits for {lag.TotalSeconds:F0} s.", data: data)
            : HealthCheckResult.Healthy(due == 0 ? "No reminder is overdue." : $"{due} due reminders, the oldest {lag.TotalSeconds:F0} s.", data);
    }
}
