using Npgsql;
using PacificEdge.Testing;

namespace PacificEdge.Runtime.Tests.Testing;

/// <summary>
/// Proves the PostgreSQL test support works, so a failing storage test points at the code under test, not at the
/// harness: the shared server answers, fixtures are isolated, databases can be created and dropped, options apply,
/// and a broken start explains itself.
/// </summary>
public sealed class PostgresFixtureTests(PostgresDatabaseFixture fixture) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task Server_answers_select_1_in_the_fixture_database()
    {
        await using var connection = await fixture.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("select 1", connection);

        Assert.Equal(1, await command.ExecuteScalarAsync());
        Assert.Equal(fixture.DatabaseName, connection.Database);
    }

    [Fact]
    public async Task Shared_server_listens_on_loopback_with_fast_settings()
    {
        var server = await SharedPostgres.GetAsync();

        Assert.Same(server, fixture.Server);
        Assert.Equal("127.0.0.1", server.Host);
        Assert.True(server.Port > 0);
        Assert.True(File.Exists(Path.Combine(server.BinDirectory, "pg_ctl")));
        Assert.Equal("off", await ScalarAsync<string>(server.AdminConnectionString, "show fsync"));
        Assert.Equal("300", await ScalarAsync<string>(server.AdminConnectionString, "show max_connections"));
        Assert.Equal("UTF8", await ScalarAsync<string>(fixture.ConnectionString, "show server_encoding"));
    }

    [Fact]
    public async Task Two_fixtures_get_different_isolated_databases_dropped_on_dispose()
    {
        var first = new PostgresDatabaseFixture();
        var second = new PostgresDatabaseFixture();
        await first.InitializeAsync();
        await second.InitializeAsync();
        try
        {
            Assert.NotEqual(first.DatabaseName, second.DatabaseName);
            Assert.NotEqual(fixture.DatabaseName, first.DatabaseName);

            await ScalarAsync<int>(first.ConnectionString, "create table t(x int); insert into t values (1); select 1");
            var visibleInSecond = await ScalarAsync<long>(second.ConnectionString,
                "select count(*) from information_schema.tables where table_name = 't'");
            Assert.Equal(0L, visibleInSecond);
        }
        finally
        {
            await first.DisposeAsync();
            await second.DisposeAsync();
        }

        Assert.False(await DatabaseExistsAsync(first.DatabaseName));
        Assert.False(await DatabaseExistsAsync(second.DatabaseName));
    }

    [Fact]
    public async Task CreateDatabase_and_DropDatabase_work_even_with_open_connections()
    {
        var server = fixture.Server;
        var name = $"explicit_{Guid.NewGuid():N}";

        await server.CreateDatabaseAsync(name);
        Assert.True(await DatabaseExistsAsync(name));

        // An open, unpooled connection must not block the drop: WITH (FORCE) terminates it.
        var unpooled = new NpgsqlConnectionStringBuilder(server.ConnectionStringFor(name)) { Pooling = false }.ConnectionString;
        await using var open = new NpgsqlConnection(unpooled);
        await open.OpenAsync();

        await server.DropDatabaseAsync(name);
        Assert.False(await DatabaseExistsAsync(name));

        await server.DropDatabaseAsync(name); // dropping a missing database is a no-op
        await Assert.ThrowsAsync<ArgumentException>(() => server.CreateDatabaseAsync("bad name; drop table x"));
    }

    [Fact]
    public async Task Extra_database_is_empty_distinct_and_dropped_with_the_fixture()
    {
        var owner = new PostgresDatabaseFixture();
        await owner.InitializeAsync();
        string extraName;
        try
        {
            var extra = await owner.CreateExtraDatabaseAsync();
            extraName = new NpgsqlConnectionStringBuilder(extra).Database!;
            Assert.NotEqual(owner.DatabaseName, extraName);
            Assert.Equal(extraName, await ScalarAsync<string>(extra, "select current_database()"));
            Assert.Equal(0L, await ScalarAsync<long>(extra,
                "select count(*) from information_schema.tables where table_schema = 'public'"));
        }
        finally
        {
            await owner.DisposeAsync();
        }
        Assert.False(await DatabaseExistsAsync(extraName));
    }

    [Fact]
    public async Task Durable_server_runs_with_fsync_on_and_is_deleted_on_dispose()
    {
        var server = await PostgresServer.StartAsync(new PostgresServerOptions { Durable = true });
        var root = server.RootDirectory;
        try
        {
            Assert.NotEqual((await SharedPostgres.GetAsync()).Port, server.Port);
            Assert.Equal("on", await ScalarAsync<string>(server.AdminConnectionString, "show fsync"));
            Assert.Equal("on", await ScalarAsync<string>(server.AdminConnectionString, "show synchronous_commit"));
        }
        finally
        {
            await server.DisposeAsync();
        }
        Assert.False(Directory.Exists(root));
    }

    [Fact]
    public async Task Failed_start_throws_with_the_server_log_tail()
    {
        var options = new PostgresServerOptions
        {
            ExtraSettings = new Dictionary<string, string> { ["shared_buffers"] = "not-a-size" },
        };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => PostgresServer.StartAsync(options));

        Assert.Contains("Server log tail", error.Message);
        Assert.Contains("shared_buffers", error.Message);
    }

    private async Task<bool> DatabaseExistsAsync(string name)
    {
        await using var connection = new NpgsqlConnection(fixture.Server.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from pg_database where datname = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
