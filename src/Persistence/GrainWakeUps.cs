using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime;

namespace PacificEdge.Persistence;

/// <summary>The grains of this service whose stored wake-up time (<see cref="IHasWakeUpTime"/>) has passed.</summary>
public sealed class GrainWakeUps(NpgsqlDataSource dataSource, IOptions<ClusterOptions> clusterOptions)
{
    private const string DueSql =
        "SELECT grain_type, grain_key FROM grain_storage WHERE service_id = $1 AND wake_up_at <= $2 ORDER BY wake_up_at LIMIT $3";

    /// <summary>Up to <paramref name="limit"/> grains due at <paramref name="now"/>, the longest overdue first.</summary>
    public async Task<IReadOnlyList<GrainId>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(DueSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = clusterOptions.Value.ServiceId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        var due = new List<GrainId>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            due.Add(GrainId.Create(reader.GetString(0), reader.GetString(1)));
        }

        return due;
    }
}
