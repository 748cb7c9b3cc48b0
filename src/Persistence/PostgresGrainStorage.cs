using Microsoft.Extensions.Options;
using Npgsql;
using PacificEdge.Grains.Interfaces.Common;
using NpgsqlTypes;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Storage;

namespace PacificEdge.Persistence;

/// <summary>
/// Orleans grain storage on PostgreSQL (table <c>grain_storage</c>): one row per (service id, grain
/// type, full grain key, state name), the state as JSONB (<see cref="GrainStateJson"/>) and an integer
/// version as the ETag. Every write is conditional on the ETag the grain holds and returns after its
/// commit; a mismatch throws <see cref="InconsistentStateException"/> and changes nothing. State that
/// implements <see cref="IHasWakeUpTime"/> has its wake-up time written in the same statement.
/// </summary>
/// <remarks>
/// Clearing writes a tombstone (NULL payload, next version) instead of deleting the row: versions
/// never repeat, so an activation holding an ETag from before the clear can never overwrite state
/// written after it, and a write with the ETag the clear returned simply updates the row.
/// </remarks>
public sealed class PostgresGrainStorage : IGrainStorage
{
    private const string Key = "service_id = $1 AND grain_type = $2 AND grain_key = $3 AND state_name = $4";

    private const string ReadSql = "SELECT payload, version FROM grain_storage WHERE " + Key;

    private const string VersionSql = "SELECT version FROM grain_storage WHERE " + Key;

    private const string InsertSql =
        "INSERT INTO grain_storage (service_id, grain_type, grain_key, state_name, payload, wake_up_at, version) " +
        "VALUES ($1, $2, $3, $4, $5, $6, 1) ON CONFLICT DO NOTHING RETURNING version";

    private const string UpdateSql =
        "UPDATE grain_storage SET payload = $5, wake_up_at = $6, version = version + 1, updated_at = now() WHERE " + Key +
        " AND version = $7 RETURNING version";

    private readonly NpgsqlDataSource dataSource;
    private readonly string serviceId;

    /// <summary>Creates the storage registered under <paramref name="name"/>.</summary>
    public PostgresGrainStorage(string name, NpgsqlDataSource dataSource, IOptions<ClusterOptions> clusterOptions)
    {
        Name = name;
        this.dataSource = dataSource;
        serviceId = clusterOptions.Value.ServiceId;
    }

    /// <summary>The provider name grains use in <c>[PersistentState(state, name)]</c>.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        => ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
        => Translated(ReadAsync(stateName, grainId, grainState, cancellationToken));

    private async Task ReadAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ReadSql);
        AddKey(command, stateName, grainId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            grainState.State = GrainStateJson.CreateEmpty<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        var tombstone = await reader.IsDBNullAsync(0, cancellationToken).ConfigureAwait(false);
        grainState.State = tombstone ? GrainStateJson.CreateEmpty<T>() : GrainStateJson.Deserialize<T>(reader.GetString(0));
        grainState.ETag = GrainStateVersion.Format(reader.GetInt64(1));
        grainState.RecordExists = !tombstone;
    }

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        => WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var json = GrainStateJson.Serialize(grainState.State);
        var wakeUpAt = (grainState.State as IHasWakeUpTime)?.WakeUpAt;
        grainState.ETag = await Translated(WriteAsync(stateName, grainId, grainState.ETag, json, wakeUpAt, cancellationToken)).ConfigureAwait(false);
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        => ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        grainState.ETag = await Translated(WriteAsync(stateName, grainId, grainState.ETag, null, null, cancellationToken)).ConfigureAwait(false);
        grainState.State = GrainStateJson.CreateEmpty<T>();
        grainState.RecordExists = false;
    }

    // Npgsql's exceptions have no Orleans codec: one raised while a grain activates would turn the caller's answer into a
    // serialization failure (a 500 at the front end) instead of "retry shortly".
    private static async Task Translated(Task operation)
    {
        try
        {
            await operation.ConfigureAwait(false);
        }
        catch (Exception ex) when (TransientDatabaseFailure.IsTransient(ex))
        {
            throw Unavailable(ex);
        }
    }

    private static async Task<TResult> Translated<TResult>(Task<TResult> operation)
    {
        try
        {
            return await operation.ConfigureAwait(false);
        }
        catch (Exception ex) when (TransientDatabaseFailure.IsTransient(ex))
        {
            throw Unavailable(ex);
        }
    }

    private static StorageUnavailableException Unavailable(Exception cause)
        => new($"Grain state storage is unavailable ({cause.GetBaseException().GetType().Name}: {cause.GetBaseException().Message}); retry shortly.");

    // One autocommitted statement: when it returns, the new version is durable.
    private async Task<string> WriteAsync(string stateName, GrainId grainId, string? etag, string? json, DateTimeOffset? wakeUpAt, CancellationToken cancellationToken)
    {
        var expected = GrainStateVersion.Parse(etag, stateName);
        await using var command = dataSource.CreateCommand(expected is null ? InsertSql : UpdateSql);
        AddKey(command, stateName, grainId);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = (object?)json ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = (object?)wakeUpAt?.ToUniversalTime() ?? DBNull.Value });
        if (expected is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expected.Value });
        }

        var result = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        if (result is long version)
        {
            return GrainStateVersion.Format(version);
        }

        throw GrainStateVersion.Conflict(stateName, grainId, await ReadVersionAsync(stateName, grainId, cancellationToken).ConfigureAwait(false), etag);
    }

    private async Task<long?> ReadVersionAsync(string stateName, GrainId grainId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(VersionSql);
        AddKey(command, stateName, grainId);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as long?;
    }

    // Identity is the full text of the grain type and key: nothing is parsed, normalised or hashed.
    private void AddKey(NpgsqlCommand command, string stateName, GrainId grainId)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = serviceId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Type.ToString() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Key.ToString() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stateName });
    }
}
