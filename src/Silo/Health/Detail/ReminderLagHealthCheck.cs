using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace PacificEdge.Silo.Health.Detail;

/// <summary>
/// How late the most overdue timed work is. Two kinds: Orleans reminders (ours are one-shot and unregistered once
/// their work is done, so one past its start time and still registered is work not yet done) and grains' stored
/// wake-up times (<c>grain_storage.wake_up_at</c>, cleared when the owed work is done, swept by every silo).
/// </summary>
public sealed class ReminderLagHealthCheck(NpgsqlDataSource dataSource, string serviceId, IOptions<HealthDetailOptions> options) : IHealthCheck
{
    private const string Sql =
        "SELECT (SELECT count(*) FROM orleans_reminders WHERE service_id = $1 AND start_time <= now()), "
        + "(SELECT count(*) FROM grain_storage WHERE service_id = $1 AND wake_up_at <= now()), "
        + "COALESCE(EXTRACT(EPOCH FROM now() - LEAST("
        + "(SELECT min(start_time) FROM orleans_reminders WHERE service_id = $1 AND start_time <= now()), "
        + "(SELECT min(wake_up_at) FROM grain_storage WHERE service_id = $1 AND wake_up_at <= now()))), 0)::float8";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = serviceId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var reminders = reader.GetInt64(0);
        var wakeUps = reader.GetInt64(1);
        var lag = TimeSpan.FromSeconds(reader.GetDouble(2));
        var data = new Dictionary<string, object> { ["dueReminders"] = reminders, ["dueWakeUps"] = wakeUps, ["lagSeconds"] = Math.Round(lag.TotalSeconds, 1) };
        var due = reminders + wakeUps;
        return lag > options.Value.ReminderLagThreshold
            ? HealthCheckResult.Degraded($"The most overdue of {due} due reminders and wake-ups waits for {lag.TotalSeconds:F0} s.", data: data)
            : HealthCheckResult.Healthy(due == 0 ? "Nothing is overdue." : $"{due} due reminders and wake-ups, the oldest {lag.TotalSeconds:F0} s.", data);
    }
}
