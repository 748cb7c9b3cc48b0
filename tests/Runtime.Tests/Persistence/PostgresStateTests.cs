using Npgsql;
using PacificEdge.Runtime.Tests.Support;
using PacificEdge.Runtime.Tests.TestGrains;
using PacificEdge.Runtime.Testing;
using PacificEdge.Testing;

namespace PacificEdge.Runtime.Tests.Persistence;

public sealed class PostgresStateTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task State_survives_deactivation_and_a_full_silo_restart()
    {
        await using var cluster = await TestClusters.StartAsync(postgres: database.ConnectionString);
        var grain = cluster.Client.GetGrain<IStatefulGrain>("wallet-1");
        await grain.Add("earn:order-1", 12.5m);
        await grain.Add("earn:order-2", 0.25m);

        await grain.Deactivate();
        Assert.Equal(12.75m, (await grain.Get()).Balance);

        await cluster.RestartSiloAsync(cluster.Primary);
        var after = await cluster.Client.GetGrain<IStatefulGrain>("wallet-1").Get();
        Assert.Equal(["earn:order-1", "earn:order-2"], after.Entries);
        Assert.Equal(12.75m, after.Balance);
    }

    [Fact]
    public async Task Two_activations_writing_from_the_same_version_exactly_one_wins_and_the_loser_rereads()
    {
        // Two independent silos over one database: each believes it owns the grain, which is
        // what a duplicate activation during a membership change looks like.
        await using var first = await TestClusters.StartAsync(postgres: database.ConnectionString);
        await using var second = await TestClusters.StartAsync(postgres: database.ConnectionString);
        var a = first.Client.GetGrain<IStatefulGrain>("contended");
        var b = second.Client.GetGrain<IStatefulGrain>("contended");
        await a.Add("seed", 1m);
        await b.Get(); // b's activation reads version 1
        Assert.Equal(await a.GetEtag(), await b.GetEtag());

        await a.Add("from-a", 10m);
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => b.Add("from-b", 100m));
        Assert.Contains("contended", conflict.Message);

        // The losing activation was deactivated; its next call re-reads the winner's state.
        var reread = await b.Get();
        Assert.Equal(["seed", "from-a"], reread.Entries);
        Assert.Equal(11m, reread.Balance);
        await b.Add("from-b-retry", 100m);
        Assert.Equal(111m, (await database.QueryScalarAsync<decimal>(
            "SELECT (payload->>'balance')::numeric FROM grain_state WHERE grain_type = 'test-stateful' AND grain_key = 'contended'")));
    }

    [Fact]
    public async Task Clear_removes_the_state_but_keeps_the_version_moving_forward()
    {
        await using var cluster = await TestClusters.StartAsync(postgres: database.ConnectionString);
        var grain = cluster.Client.GetGrain<IStatefulGrain>("cleared");
        await grain.Add("x", 5m);
        var etagBefore = long.Parse((await grain.GetEtag())!);

        await grain.Clear();
        await grain.Deactivate();

        Assert.Empty((await grain.Get()).Entries);
        Assert.True(long.Parse((await grain.GetEtag())!) > etagBefore);
    }

    [Fact]
    public async Task State_rows_are_unique_per_grain_and_state_name()
    {
        await using var cluster = await TestClusters.StartAsync(postgres: database.ConnectionString);
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => cluster.Client.GetGrain<IStatefulGrain>("unique").Add($"e{i}", 1m)));

        Assert.Equal(1L, await database.QueryScalarAsync<long>("SELECT count(*) FROM grain_state WHERE grain_key = 'unique'"));
        Assert.Equal(20m, (await cluster.Client.GetGrain<IStatefulGrain>("unique").Get()).Balance);
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var duplicate = new NpgsqlCommand(
            "INSERT INTO grain_state (grain_type, grain_key, state_name, payload, version) VALUES ('test-stateful', 'unique', 'ledger', '{}', 1)", connection);
        await Assert.ThrowsAsync<PostgresException>(() => duplicate.ExecuteNonQueryAsync());
    }
}
