using Microsoft.Extensions.Options;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Storage;
using PacificEdge.Persistence.GroupCommit;
using PacificEdge.Persistence.Tests.Support;

namespace PacificEdge.Persistence.Tests.Storage;

/// <summary>
/// Writes of many grains commit together (PostgresGrainStorage's group commit) and still behave as one conditional
/// write each: every write returns only after it is stored, a conflict or a refused value fails only its own write.
/// One writer slot makes the grouping certain: writes queued behind the first one's commit go in the next batch.
/// </summary>
public sealed class GroupCommitTests(MigratedDatabaseFixture database) : IClassFixture<MigratedDatabaseFixture>
{
    private readonly string serviceId = $"gc-{Guid.NewGuid():N}";

    private PostgresGrainStorage Storage(int writers = 1) => new("store", database.DataSource,
        Options.Create(new ClusterOptions { ServiceId = serviceId, ClusterId = "c" }),
        Options.Create(new PostgresOptions { GroupCommitWriters = writers, GroupCommitMaxBatch = 64 }));

    [Fact]
    public async Task Concurrent_writes_of_many_grains_share_transactions_and_each_is_stored_with_its_own_version()
    {
        var storage = Storage();
        var ids = Enumerable.Range(0, 200).Select(i => GrainId.Create("gc-type", $"g{i}")).ToList();

        // Three rounds per grain, every grain at once: each write waits for its own commit before the next.
        await Task.WhenAll(ids.Select(async id =>
        {
            var state = new GrainState<ValueState>(new ValueState { Value = "0" });
            for (var round = 1; round <= 3; round++)
            {
                state.State = new ValueState { Value = $"{id.Key}-{round}" };
                await storage.WriteStateAsync("state", id, state);
                Assert.Equal($"{round}", state.ETag);
            }
        }));

        foreach (var id in ids.Take(20))
        {
            var read = new GrainState<ValueState>();
            await storage.ReadStateAsync("state", id, read);
            Assert.Equal($"{id.Key}-3", read.State.Value);
            Assert.Equal("3", read.ETag);
        }

        // Rows written by one transaction share its id (xmin): far fewer transactions than rows.
        var transactions = await Db.ScalarAsync<long>(database.DataSource,
            "SELECT count(DISTINCT xmin::text) FROM grain_storage WHERE service_id = $1", serviceId);
        Assert.True(transactions < ids.Count / 2, $"{transactions} transactions wrote the last versions of {ids.Count} grains");
    }

    [Fact]
    public async Task A_stale_etag_in_a_batch_fails_only_its_own_write()
    {
        var storage = Storage();
        var stale = GrainId.Create("gc-type", "stale");
        var first = new GrainState<ValueState>(new ValueState { Value = "a" });
        await storage.WriteStateAsync("state", stale, first);
        await storage.WriteStateAsync("state", stale, new GrainState<ValueState>(new ValueState { Value = "b" }) { ETag = first.ETag });

        var others = Enumerable.Range(0, 30).Select(i => GrainId.Create("gc-type", $"ok{i}")).ToList();
        var writes = others.Select(id => storage.WriteStateAsync("state", id, new GrainState<ValueState>(new ValueState { Value = "fine" }))).ToList();
        var conflicting = storage.WriteStateAsync("state", stale, new GrainState<ValueState>(new ValueState { Value = "lost" }) { ETag = first.ETag });

        await Task.WhenAll(writes);
        await Assert.ThrowsAsync<InconsistentStateException>(() => conflicting);
        Assert.Equal("b", await Db.ScalarAsync<string>(database.DataSource,
            "SELECT payload->>'value' FROM grain_storage WHERE service_id = $1 AND grain_key = 'stale'", serviceId));
        Assert.Equal(30L, await Db.ScalarAsync<long>(database.DataSource,
            "SELECT count(*) FROM grain_storage WHERE service_id = $1 AND payload->>'value' = 'fine'", serviceId));
    }

    [Fact]
    public async Task A_value_the_database_refuses_fails_only_its_own_write_and_the_rest_of_its_batch_is_stored()
    {
        var storage = Storage();
        var ids = Enumerable.Range(0, 30).Select(i => GrainId.Create("gc-type", $"batch{i}")).ToList();

        // jsonb refuses the NUL character (\u0000): that statement fails and rolls its batch back; the others are retried alone.
        var writes = ids.Select(id => storage.WriteStateAsync("state", id, new GrainState<ValueState>(new ValueState { Value = "fine" }))).ToList();
        var refused = storage.WriteStateAsync("state", GrainId.Create("gc-type", "nul"), new GrainState<ValueState>(new ValueState { Value = "bad\0value" }));
        writes.AddRange(ids.Select(id => storage.WriteStateAsync("state", GrainId.Create("gc-type", $"{id.Key}-later"), new GrainState<ValueState>(new ValueState { Value = "fine" }))));

        await Task.WhenAll(writes);
        await Assert.ThrowsAsync<PostgresException>(() => refused);
        Assert.Equal(60L, await Db.ScalarAsync<long>(database.DataSource,
            "SELECT count(*) FROM grain_storage WHERE service_id = $1 AND payload->>'value' = 'fine'", serviceId));
        Assert.Equal(0L, await Db.ScalarAsync<long>(database.DataSource,
            "SELECT count(*) FROM grain_storage WHERE service_id = $1 AND grain_key = 'nul'", serviceId));
    }

    [Fact]
    public async Task Other_components_statements_commit_in_the_same_transactions_as_grain_writes_and_each_caller_gets_its_own_result()
    {
        await Db.ExecuteAsync(database.DataSource, "CREATE TABLE IF NOT EXISTS group_commit_outbox (id text PRIMARY KEY, status text NOT NULL)");
        var committer = new GroupCommitter(database.DataSource, writers: 1, maxBatch: 64);
        var storage = new PostgresGrainStorage("store", database.DataSource, Options.Create(new ClusterOptions { ServiceId = serviceId, ClusterId = "c" }), committer);
        var ids = Enumerable.Range(0, 100).Select(i => GrainId.Create("gc-type", $"mixed{i}")).ToList();
        var prefix = serviceId;

        // Each grain write is followed by an outbox unit of two statements: an insert without RETURNING and a SELECT,
        // so results of statements with and without rows must stay in step.
        await Task.WhenAll(ids.Select(async id =>
        {
            var state = new GrainState<ValueState>(new ValueState { Value = "mixed" });
            await storage.WriteStateAsync("state", id, state);
            Assert.Equal("1", state.ETag);
            // Lock orders before and after the grain rows': units that read results still come first in their batch.
            var outbox = new GroupCommitStatements($"{(id.Key.ToString()!.EndsWith('0') ? "a" : "z")}:{prefix}{id.Key}", () =>
            [
                new NpgsqlBatchCommand("INSERT INTO group_commit_outbox (id, status) VALUES ($1, 'new')") { Parameters = { new NpgsqlParameter<string> { TypedValue = $"{prefix}{id.Key}" } } },
                new NpgsqlBatchCommand("SELECT 1 UNION ALL SELECT 2"),
            ]);
            Assert.Equal(2, await committer.CommitAsync(outbox));
            await committer.CommitAsync(GroupCommitStatements.Single($"group_commit_outbox:{prefix}{id.Key}",
                "UPDATE group_commit_outbox SET status = 'sent' WHERE id = $1", $"{prefix}{id.Key}"));
            state.State = new ValueState { Value = "after" };
            await storage.WriteStateAsync("state", id, state);
            Assert.Equal("2", state.ETag);
        }));

        Assert.Equal(100L, await Db.ScalarAsync<long>(database.DataSource,
            "SELECT count(*) FROM group_commit_outbox WHERE id LIKE $1 || '%' AND status = 'sent'", prefix));
        Assert.Equal(100L, await Db.ScalarAsync<long>(database.DataSource,
            "SELECT count(*) FROM grain_storage WHERE service_id = $1 AND payload->>'value' = 'after'", serviceId));
        // The outbox rows' last versions were written by far fewer transactions than there are rows.
        var transactions = await Db.ScalarAsync<long>(database.DataSource,
            "SELECT count(DISTINCT xmin::text) FROM group_commit_outbox WHERE id LIKE $1 || '%'", prefix);
        Assert.True(transactions < ids.Count / 2, $"{transactions} transactions wrote the last versions of {ids.Count} outbox rows");
    }

    [Fact]
    public async Task A_statement_the_database_refuses_fails_only_its_own_unit()
    {
        await Db.ExecuteAsync(database.DataSource, "CREATE TABLE IF NOT EXISTS group_commit_outbox (id text PRIMARY KEY, status text NOT NULL)");
        var committer = new GroupCommitter(database.DataSource, writers: 1, maxBatch: 64);
        var taken = $"{serviceId}-taken";
        await committer.CommitAsync(GroupCommitStatements.Single($"group_commit_outbox:{taken}", "INSERT INTO group_commit_outbox (id, status) VALUES ($1, 'new')", taken));

        var units = Enumerable.Range(0, 40).Select(i => committer.CommitAsync(GroupCommitStatements.Single(
            $"group_commit_outbox:{serviceId}-{i}", "INSERT INTO group_commit_outbox (id, status) VALUES ($1, 'new')", $"{serviceId}-{i}"))).ToList();
        // A duplicate key: this unit's statement fails and rolls back its batch; the others are committed alone.
        var duplicate = committer.CommitAsync(GroupCommitStatements.Single($"group_commit_outbox:{taken}", "INSERT INTO group_commit_outbox (id, status) VALUES ($1, 'again')", taken));

        await Task.WhenAll(units);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => duplicate);
        Assert.Equal(PostgresErrorCodes.UniqueViolation, refused.SqlState);
        Assert.Equal(41L, await Db.ScalarAsync<long>(database.DataSource,
            "SELECT count(*) FROM group_commit_outbox WHERE id LIKE $1 || '-%' AND status = 'new'", serviceId));
    }
}
