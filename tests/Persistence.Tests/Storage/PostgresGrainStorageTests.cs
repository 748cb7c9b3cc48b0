using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Storage;
using PacificEdge.Persistence.Tests.Support;

namespace PacificEdge.Persistence.Tests.Storage;

public sealed class PostgresGrainStorageTests(MigratedDatabaseFixture database) : GrainStorageContractTests, IClassFixture<MigratedDatabaseFixture>
{
    // xunit builds one instance per test: a service id of its own keeps the tests of this class apart.
    private readonly string serviceId = $"svc-{Guid.NewGuid():N}";

    protected override IGrainStorage Storage => CreateStorage(serviceId);

    private PostgresGrainStorage CreateStorage(string service) =>
        new("store", database.DataSource, Options.Create(new ClusterOptions { ServiceId = service, ClusterId = "c" }));

    protected override async Task AssertStoredAsync(GrainId id, string stateName, long version, string value)
    {
        Assert.Equal(version, await Db.ScalarAsync<long>(database.DataSource,
            "SELECT version FROM grain_storage WHERE service_id = $1 AND grain_type = $2 AND grain_key = $3 AND state_name = $4",
            serviceId, id.Type.ToString(), id.Key.ToString(), stateName));
        Assert.Equal(value, await Db.ScalarAsync<string>(database.DataSource,
            "SELECT payload->>'value' FROM grain_storage WHERE service_id = $1 AND grain_type = $2 AND grain_key = $3 AND state_name = $4",
            serviceId, id.Type.ToString(), id.Key.ToString(), stateName));
    }

    [Fact]
    public async Task Rows_hold_the_full_type_and_key_text_and_a_plain_camel_case_jsonb_payload()
    {
        var id = GrainId.Create("type-a", "020235");
        await Storage.WriteStateAsync("order", id, new GrainState<RichState>(RichState.Sample(1)));

        Assert.Equal(1L, await Db.ScalarAsync<long>(database.DataSource,
            "SELECT count(*) FROM grain_storage WHERE service_id = $1 AND grain_type = 'type-a' AND grain_key = '020235' AND state_name = 'order'",
            serviceId));
        var payload = await Db.ScalarAsync<string>(database.DataSource,
            "SELECT payload::text FROM grain_storage WHERE service_id = $1", serviceId);
        Assert.NotNull(payload);
        Assert.DoesNotContain("$type", payload);
        Assert.DoesNotContain("PacificEdge", payload);
        Assert.Contains("\"status\": \"Paid\"", payload);
        Assert.Equal("jsonb", await Db.ScalarAsync<string>(database.DataSource,
            "SELECT pg_typeof(payload)::text FROM grain_storage WHERE service_id = $1", serviceId));
        Assert.Equal("1234568.89", await Db.ScalarAsync<string>(database.DataSource,
            "SELECT payload->>'total' FROM grain_storage WHERE service_id = $1", serviceId));
    }

    [Fact]
    public async Task An_unreachable_database_fails_reads_and_writes_as_StorageUnavailableException()
    {
        // Nothing listens on the port: every command fails to connect, as while PostgreSQL restarts.
        await using var nowhere = Npgsql.NpgsqlDataSource.Create($"Host=127.0.0.1;Port={PacificEdge.Testing.FreeTcpPort.Pick()};Username=x;Password=x;Timeout=2");
        var storage = new PostgresGrainStorage("store", nowhere, Options.Create(new ClusterOptions { ServiceId = serviceId, ClusterId = "c" }));
        var id = GrainId.Create("type-a", "offline");

        await Assert.ThrowsAsync<PacificEdge.Grains.Interfaces.Common.StorageUnavailableException>(
            () => storage.ReadStateAsync("state", id, new GrainState<ValueState>()));
        await Assert.ThrowsAsync<PacificEdge.Grains.Interfaces.Common.StorageUnavailableException>(
            () => storage.WriteStateAsync("state", id, new GrainState<ValueState>(new ValueState { Value = "lost" })));
    }

    [Fact]
    public async Task Service_ids_keep_separate_state()
    {
        var id = GrainId.Create("type-a", "tenant");
        await CreateStorage(serviceId).WriteStateAsync("state", id, new GrainState<ValueState>(new ValueState { Value = "mine" }));
        var other = $"{serviceId}-other";
        await CreateStorage(other).WriteStateAsync("state", id, new GrainState<ValueState>(new ValueState { Value = "theirs" }));

        var read = new GrainState<ValueState>();
        await CreateStorage(serviceId).ReadStateAsync("state", id, read);
        Assert.Equal("mine", read.State!.Value);
    }

    [Fact]
    public async Task Concurrent_writers_from_one_version_exactly_one_wins()
    {
        var id = GrainId.Create("type-a", "race");
        var seed = new GrainState<ValueState>(new ValueState { Value = "seed" });
        await Storage.WriteStateAsync("state", id, seed);

        var writers = Enumerable.Range(0, 8).Select(async i =>
        {
            var mine = new GrainState<ValueState>(new ValueState { Value = $"w{i}" }) { ETag = seed.ETag };
            try
            {
                await CreateStorage(serviceId).WriteStateAsync("state", id, mine);
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        });

        var outcomes = await Task.WhenAll(writers);
        Assert.Equal(1, outcomes.Count(won => won));
        Assert.Equal("2", (await ReadAsync<ValueState>("state", id)).ETag);
    }
}
