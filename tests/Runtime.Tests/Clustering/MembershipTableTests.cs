using PacificEdge.Runtime.Clustering;
using PacificEdge.Runtime.Hosting;
using PacificEdge.Runtime.Storage;
using PacificEdge.Testing;

namespace PacificEdge.Runtime.Tests.Clustering;

/// <summary>The rules both membership tables keep: versions, Dead is final, staleness by the table's clock.</summary>
public sealed class MembershipTableTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    private Npgsql.NpgsqlDataSource? _dataSource;

    public static TheoryData<string> Tables => new() { "postgres", "memory" };

    public async Task InitializeAsync()
    {
        _dataSource = PostgresDataSourceFactory.Create(database.ConnectionString);
        var runner = new MigrationRunner(_dataSource, [new MigrationSource("runtime", typeof(MigrationRunner).Assembly)], Microsoft.Extensions.Logging.Abstractions.NullLogger<MigrationRunner>.Instance);
        await runner.ApplyAsync(CancellationToken.None);
    }

    public async Task DisposeAsync() => await _dataSource!.DisposeAsync();

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task Each_incarnation_at_an_address_gets_a_higher_generation(string kind)
    {
        var table = Create(kind);
        var cluster = Guid.NewGuid().ToString("N");

        var first = await table.JoinAsync(cluster, "a", "10.0.0.1", 11111, minimumGeneration: 1000, CancellationToken.None);
        var second = await table.JoinAsync(cluster, "a", "10.0.0.1", 11111, minimumGeneration: 5, CancellationToken.None);
        var elsewhere = await table.JoinAsync(cluster, "b", "10.0.0.2", 11111, minimumGeneration: 5, CancellationToken.None);

        Assert.Equal(1000, first.Address.Generation);
        Assert.Equal(1001, second.Address.Generation);
        Assert.Equal(5, elsewhere.Address.Generation);
        Assert.Equal(SiloStatus.Joining, first.Status);
        Assert.Equal(3, (await table.ReadAllAsync(cluster, CancellationToken.None)).Count);
        Assert.Empty(await table.ReadAllAsync(Guid.NewGuid().ToString("N"), CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task Status_updates_are_conditional_on_the_version_and_Dead_is_final(string kind)
    {
        var table = Create(kind);
        var cluster = Guid.NewGuid().ToString("N");
        var silo = await table.JoinAsync(cluster, "a", "10.0.0.1", 11111, 1, CancellationToken.None);

        var active = await table.UpdateStatusAsync(cluster, silo.Address, silo.Version, SiloStatus.Active, CancellationToken.None);
        var stale = await table.UpdateStatusAsync(cluster, silo.Address, silo.Version, SiloStatus.ShuttingDown, CancellationToken.None);
        var declared = await table.DeclareDeadAsync(cluster, silo.Address, active!.Value, staleFor: null, CancellationToken.None);

        Assert.NotNull(active);
        Assert.Null(stale);
        Assert.True(declared);
        Assert.False(await table.HeartbeatAsync(cluster, silo.Address, CancellationToken.None));
        Assert.Null(await table.UpdateStatusAsync(cluster, silo.Address, active.Value + 1, SiloStatus.Active, CancellationToken.None));
        Assert.Equal(SiloStatus.Dead, (await table.ReadAllAsync(cluster, CancellationToken.None)).Single().Status);
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task A_silo_is_declared_dead_only_if_its_heartbeat_is_older_than_the_timeout(string kind)
    {
        var table = Create(kind);
        var cluster = Guid.NewGuid().ToString("N");
        var silo = await table.JoinAsync(cluster, "a", "10.0.0.1", 11111, 1, CancellationToken.None);
        Assert.True(await table.HeartbeatAsync(cluster, silo.Address, CancellationToken.None));

        Assert.False(await table.DeclareDeadAsync(cluster, silo.Address, silo.Version, TimeSpan.FromMinutes(1), CancellationToken.None));
        var row = (await table.ReadAllAsync(cluster, CancellationToken.None)).Single();
        Assert.InRange(row.HeartbeatAge, TimeSpan.FromSeconds(-1), TimeSpan.FromSeconds(30));
        Assert.True(await table.DeclareDeadAsync(cluster, silo.Address, silo.Version, TimeSpan.Zero, CancellationToken.None) || row.HeartbeatAge == TimeSpan.Zero);
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task Only_dead_rows_older_than_the_retention_are_deleted(string kind)
    {
        var table = Create(kind);
        var cluster = Guid.NewGuid().ToString("N");
        var dead = await table.JoinAsync(cluster, "a", "10.0.0.1", 11111, 1, CancellationToken.None);
        await table.JoinAsync(cluster, "b", "10.0.0.2", 11111, 1, CancellationToken.None);
        await table.DeclareDeadAsync(cluster, dead.Address, dead.Version, null, CancellationToken.None);

        Assert.Equal(0, await table.DeleteDefunctAsync(cluster, TimeSpan.FromHours(1), CancellationToken.None));
        Assert.Equal(1, await table.DeleteDefunctAsync(cluster, TimeSpan.FromTicks(-TimeSpan.TicksPerSecond), CancellationToken.None));
        Assert.Equal("b", (await table.ReadAllAsync(cluster, CancellationToken.None)).Single().SiloName);
    }

    private IMembershipTable Create(string kind) => kind == "postgres" ? new PostgresMembershipTable(_dataSource!) : new MemoryMembershipTable();
}
