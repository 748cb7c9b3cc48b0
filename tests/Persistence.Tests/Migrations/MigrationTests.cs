using Npgsql;
using PacificEdge.Persistence.Tests.Support;
using PacificEdge.Testing;

namespace PacificEdge.Persistence.Tests.Migrations;

public sealed class MigrationTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    private static readonly string[] ClusteringKeys =
    [
        "UpdateIAmAlivetimeKey", "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey",
        "MembershipReadRowKey", "MembershipReadAllKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
        "CleanupDefunctSiloEntriesKey",
    ];

    private static readonly string[] ReminderKeys =
    [
        "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    [Fact]
    public async Task Migrations_apply_to_an_empty_database_and_a_second_run_applies_nothing()
    {
        var connectionString = await database.CreateExtraDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);

        var first = await Support.Migrations.Runner(dataSource).ApplyAsync(CancellationToken.None);
        var expected = Support.Migrations.Sources.SelectMany(s => s.Load()).Select(m => (m.Module, m.Version)).ToList();
        Assert.Equal(expected, first.Select(m => (m.Module, m.Version)).ToList());
        Assert.Contains(("orleans", 1), expected);
        Assert.Contains(("grainstate", 1), expected);

        var second = await Support.Migrations.Runner(dataSource).ApplyAsync(CancellationToken.None);
        Assert.Empty(second);

        foreach (var table in new[] { "orleansquery", "orleans_membership_version", "orleans_membership", "orleans_reminders", "grain_storage" })
        {
            Assert.Equal(table, await Db.ScalarAsync<string>(dataSource, "SELECT to_regclass($1)::text", table));
        }
    }

    [Fact]
    public async Task OrleansQuery_holds_every_clustering_and_reminder_key_and_no_persistence_key()
    {
        var connectionString = await database.CreateExtraDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await Support.Migrations.Runner(dataSource).ApplyAsync(CancellationToken.None);

        var keys = new List<string>();
        await using (var command = dataSource.CreateCommand("SELECT QueryKey, QueryText FROM OrleansQuery"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                keys.Add(reader.GetString(reader.GetOrdinal("QueryKey")));
                Assert.False(string.IsNullOrWhiteSpace(reader.GetString(reader.GetOrdinal("QueryText"))));
            }
        }

        Assert.Equal(ClusteringKeys.Concat(ReminderKeys).Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_grain_state_migration_drops_the_old_runtime_tables()
    {
        var connectionString = await database.CreateExtraDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        // What a database migrated by the old runtime looks like (its tables, with rows, and its records).
        await Db.ExecuteAsync(dataSource, """
            CREATE TABLE schema_migrations (module text NOT NULL, version integer NOT NULL, name text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (module, version));
            INSERT INTO schema_migrations (module, version, name) VALUES ('runtime', 1, 'grain_state'), ('runtime', 2, 'reminders'), ('runtime', 3, 'membership');
            CREATE TABLE grain_state (grain_type text, grain_key text, state_name text, payload jsonb, version bigint);
            INSERT INTO grain_state VALUES ('t', 'k', 's', '{}', 1);
            CREATE TABLE grain_reminders (grain_type text);
            CREATE TABLE cluster_membership (cluster_id text);
            """);

        await Support.Migrations.Runner(dataSource).ApplyAsync(CancellationToken.None);

        foreach (var table in new[] { "grain_state", "grain_reminders", "cluster_membership" })
        {
            Assert.Null(await Db.ScalarAsync<string>(dataSource, "SELECT to_regclass($1)::text", table));
        }

        Assert.Equal(0L, await Db.ScalarAsync<long>(dataSource, "SELECT count(*) FROM schema_migrations WHERE module = 'runtime'"));
    }

    [Fact]
    public async Task Migrations_run_by_two_runners_at_once_apply_once()
    {
        var connectionString = await database.CreateExtraDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var results = await Task.WhenAll(
            Support.Migrations.Runner(dataSource).ApplyAsync(CancellationToken.None),
            Support.Migrations.Runner(dataSource).ApplyAsync(CancellationToken.None));

        Assert.Equal(Support.Migrations.Sources.SelectMany(s => s.Load()).Count(), results.Sum(r => r.Count));
    }
}
