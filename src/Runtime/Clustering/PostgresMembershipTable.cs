using Npgsql;
using NpgsqlTypes;
using PacificEdge.Runtime.Hosting;
using PacificEdge.Runtime.Placement;

namespace PacificEdge.Runtime.Clustering;

/// <summary>
/// The membership table in PostgreSQL (<c>cluster_membership</c>, migration runtime 0003). Every
/// time is the server's <c>now()</c>, so failure detection does not depend on silo clocks agreeing.
/// </summary>
public sealed class PostgresMembershipTable(NpgsqlDataSource dataSource) : IMembershipTable
{
    private const string Columns =
        "silo_name, host, silo_port, generation, status, start_time, last_heartbeat, now() - last_heartbeat, version";

    private const string JoinSql =
        "WITH chosen AS (" +
        "  SELECT GREATEST($5::bigint, COALESCE(MAX(generation) + 1, 0)) AS generation FROM cluster_membership " +
        "  WHERE cluster_id = $1 AND host = $3 AND silo_port = $4) " +
        "INSERT INTO cluster_membership (cluster_id, silo_id, silo_name, host, silo_port, generation, status, start_time, last_heartbeat, status_changed_at, version) " +
        "SELECT $1, $3 || ':' || $4::text || '@' || chosen.generation::text, $2, $3, $4, chosen.generation, 'Joining', now(), now(), now(), 1 FROM chosen " +
        "RETURNING " + Columns;

    private const string ReadAllSql =
        "SELECT " + Columns + " FROM cluster_membership WHERE cluster_id = $1 ORDER BY silo_id";

    private const string UpdateStatusSql =
        "UPDATE cluster_membership SET status = $4, version = version + 1, status_changed_at = now(), last_heartbeat = now() " +
        "WHERE cluster_id = $1 AND silo_id = $2 AND version = $3 AND status <> 'Dead' RETURNING version";

    private const string HeartbeatSql =
        "UPDATE cluster_membership SET last_heartbeat = now() WHERE cluster_id = $1 AND silo_id = $2 AND status <> 'Dead'";

    private const string DeclareDeadSql =
        "UPDATE cluster_membership SET status = 'Dead', version = version + 1, status_changed_at = now() " +
        "WHERE cluster_id = $1 AND silo_id = $2 AND version = $3 AND status <> 'Dead' " +
        "AND ($4::interval IS NULL OR last_heartbeat < now() - $4::interval)";

    private const string DeleteDefunctSql =
        "DELETE FROM cluster_membership WHERE cluster_id = $1 AND status = 'Dead' AND status_changed_at < now() - $2::interval";

    /// <inheritdoc />
    public async Task<MembershipEntry> JoinAsync(string clusterId, string siloName, string host, int port, long minimumGeneration, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(JoinSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = clusterId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = siloName });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = host });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = port });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = minimumGeneration });
        var rows = await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false);
        return rows[0];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MembershipEntry>> ReadAllAsync(string clusterId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ReadAllSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = clusterId });
        return await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<long?> UpdateStatusAsync(string clusterId, SiloAddress silo, long expectedVersion, SiloStatus status, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(UpdateStatusSql);
        AddSilo(command, clusterId, silo);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expectedVersion });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = StatusText(status) });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long version ? version : null;
    }

    /// <inheritdoc />
    public async Task<bool> HeartbeatAsync(string clusterId, SiloAddress silo, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(HeartbeatSql);
        AddSilo(command, clusterId, silo);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task<bool> DeclareDeadAsync(string clusterId, SiloAddress silo, long expectedVersion, TimeSpan? staleFor, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(DeclareDeadSql);
        AddSilo(command, clusterId, silo);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expectedVersion });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Interval, Value = staleFor is { } s ? s : DBNull.Value });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task<int> DeleteDefunctAsync(string clusterId, TimeSpan olderThan, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(DeleteDefunctSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = clusterId });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = olderThan, NpgsqlDbType = NpgsqlDbType.Interval });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void AddSilo(NpgsqlCommand command, string clusterId, SiloAddress silo)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = clusterId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = silo.ToString() });
    }

    private static async Task<IReadOnlyList<MembershipEntry>> ReadEntriesAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var entries = new List<MembershipEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new MembershipEntry(
                new SiloAddress(reader.GetString(1), reader.GetInt32(2), reader.GetInt64(3)),
                reader.GetString(0),
                ParseStatus(reader.GetString(4)),
                reader.GetFieldValue<DateTimeOffset>(5),
                reader.GetFieldValue<DateTimeOffset>(6),
                reader.GetFieldValue<TimeSpan>(7),
                reader.GetInt64(8)));
        }

        return entries;
    }

    private static string StatusText(SiloStatus status) => status switch
    {
        SiloStatus.Joining or SiloStatus.Active or SiloStatus.ShuttingDown or SiloStatus.Dead => status.ToString(),
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Only Joining, Active, ShuttingDown and Dead are stored."),
    };

    private static SiloStatus ParseStatus(string text) => Enum.Parse<SiloStatus>(text, ignoreCase: false);
}
