using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using PacificEdge.Grains.Interfaces.Common;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Storage;
using PacificEdge.Persistence.GroupCommit;

namespace PacificEdge.Persistence;

/// <summary>
/// Orleans grain storage on PostgreSQL (table <c>grain_storage</c>): one row per (service id, grain
/// type, full grain key, state name), the state as JSONB (<see cref="GrainStateJson"/>) and an integer
/// version as the ETag. Every write is conditional on the ETag the grain holds and returns after its
/// commit; a mismatch throws <see cref="InconsistentStateException"/> and changes nothing. State that
/// implements <see cref="IHasWakeUpTime"/> has its wake-up time written in the same statement. Writes of different
/// grains (and other components' units) that meet in time commit in one transaction (<see cref="GroupCommitter"/>).
/// </summary>
/// <remarks>
/// Clearing writes a tombstone (NULL payload, next version) instead of deleting the row: versions
/// never repeat, so an activation holding an ETag from before the clear can never overwrite state
/// written after it, and a write with the ETag the clear returned simply updates the row.
/// </remarks>
public sealed class PostgresGrainStorage : IGrainStorage
{
    private const string VersionSql = "SELECT version FROM grain_storage WHERE " + GrainStateKey.WhereClause;

    private readonly NpgsqlDataSource dataSource;
    private readonly string serviceId;
    private readonly GroupCommitter committer;

    /// <summary>Creates the storage registered under <paramref name="name"/>, with the default group commit.</summary>
    public PostgresGrainStorage(string name, NpgsqlDataSource dataSource, IOptions<ClusterOptions> clusterOptions)
        : this(name, dataSource, clusterOptions, Options.Create(new PostgresOptions()))
    {
    }

    /// <summary>Creates the storage registered under <paramref name="name"/>, with a group commit of its own as <paramref name="postgresOptions"/> say.</summary>
    public PostgresGrainStorage(string name, NpgsqlDataSource dataSource, IOptions<ClusterOptions> clusterOptions, IOptions<PostgresOptions> postgresOptions)
        : this(name, dataSource, clusterOptions, new GroupCommitter(dataSource, postgresOptions.Value.GroupCommitWriters, postgresOptions.Value.GroupCommitMaxBatch))
    {
    }

    /// <summary>Creates the storage registered under <paramref name="name"/>, committing through the process's <paramref name="groupCommitter"/>.</summary>
    [ActivatorUtilitiesConstructor]
    public PostgresGrainStorage(string name, NpgsqlDataSource dataSource, IOptions<ClusterOptions> clusterOptions, GroupCommitter groupCommitter)
    {
        Name = name;
        this.dataSource = dataSource;
        serviceId = clusterOptions.Value.ServiceId;
        committer = groupCommitter;
    }

    /// <summary>The provider name grains use in <c>[PersistentState(state, name)]</c>.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        => ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
        => Translated(ReadAsync(stateName, grainId, grainState, cancellationToken));

    // Through the group committer: activations under load share round trips with other units.
    private async Task ReadAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var row = await committer.CommitAsync(GrainStateRead.Of(RowOf(stateName, grainId))).ConfigureAwait(false);
        if (row is null)
        {
            grainState.State = GrainStateJson.CreateEmpty<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        grainState.State = row.Json is null ? GrainStateJson.CreateEmpty<T>() : GrainStateJson.Deserialize<T>(row.Json);
        grainState.ETag = GrainStateVersion.Format(row.Version);
        grainState.RecordExists = row.Json is not null;
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

    // Committed alone or with other units (GroupCommitter): when it returns, the new version is durable.
    private async Task<string> WriteAsync(string stateName, GrainId grainId, string? etag, string? json, DateTimeOffset? wakeUpAt, CancellationToken cancellationToken)
    {
        var expected = GrainStateVersion.Parse(etag, stateName);
        cancellationToken.ThrowIfCancellationRequested();
        var version = await committer.CommitAsync(GrainStateWrite.Of(RowOf(stateName, grainId), json, wakeUpAt, expected)).ConfigureAwait(false);
        if (version is { } written)
        {
            return GrainStateVersion.Format(written);
        }

        throw GrainStateVersion.Conflict(stateName, grainId, await ReadVersionAsync(stateName, grainId, cancellationToken).ConfigureAwait(false), etag);
    }

    private async Task<long?> ReadVersionAsync(string stateName, GrainId grainId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(VersionSql);
        AddKey(command, stateName, grainId);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as long?;
    }

    private void AddKey(NpgsqlCommand command, string stateName, GrainId grainId) => RowOf(stateName, grainId).AddTo(command.Parameters);

    // Identity is the full text of the grain type and key: nothing is parsed, normalised or hashed.
    private GrainStateKey RowOf(string stateName, GrainId grainId) => new(serviceId, grainId.Type.ToString(), grainId.Key.ToString(), stateName);
}
