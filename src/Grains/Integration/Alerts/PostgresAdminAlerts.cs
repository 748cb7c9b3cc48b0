using Npgsql;

namespace PacificEdge.Grains.Integration.Alerts;

/// <summary>Alerts in PostgreSQL (table <c>alerts</c>, unique <c>key</c> from migration <c>commerce_0005</c>).</summary>
public sealed class PostgresAdminAlerts(NpgsqlDataSource dataSource) : IAdminAlerts
{
    // The key makes a retried effect (after a crash between the insert and the state write) store nothing new.
    private const string InsertSql =
        "INSERT INTO alerts (key, kind, message, value, threshold) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key) DO NOTHING";

    /// <inheritdoc />
    public async Task<bool> RaiseAsync(AdminAlert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        await using var command = dataSource.CreateCommand(InsertSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = alert.Key });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = alert.Kind });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = alert.Message });
        command.Parameters.Add(new NpgsqlParameter<decimal> { TypedValue = alert.Value });
        command.Parameters.Add(new NpgsqlParameter<decimal> { TypedValue = alert.Threshold });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }
}
