using System.Net;
using Npgsql;
using PacificEdge.Persistence.Tests.Support;

namespace PacificEdge.Persistence.Tests.Migrations;

/// <summary>
/// Runs the stored OrleansQuery texts the way the ADO.NET providers do (named parameters, same
/// CLR types) and checks the version rules the providers rely on.
/// </summary>
public sealed class OrleansQueryContractTests(MigratedDatabaseFixture database) : IClassFixture<MigratedDatabaseFixture>
{
    private readonly string deployment = $"d-{Guid.NewGuid():N}";

    [Fact]
    public async Task Membership_writes_succeed_only_with_the_current_table_version_and_bump_it_once()
    {
        Assert.True(await BoolAsync("InsertMembershipVersionKey", ("DeploymentId", deployment)));
        Assert.False(await BoolAsync("InsertMembershipVersionKey", ("DeploymentId", deployment)));
        Assert.Equal(0, await TableVersionAsync());

        Assert.True(await BoolAsync("InsertMembershipKey", Member("10.0.0.1", 11111, 1, status: 2, version: 0)));
        Assert.Equal(1, await TableVersionAsync());

        // Stale version: refused, nothing written.
        Assert.False(await BoolAsync("InsertMembershipKey", Member("10.0.0.2", 11111, 1, status: 2, version: 0)));
        // Current version but the row exists: refused, version unchanged.
        Assert.False(await BoolAsync("InsertMembershipKey", Member("10.0.0.1", 11111, 1, status: 2, version: 1)));
        Assert.Equal(1, await TableVersionAsync());

        var update = Update("10.0.0.1", 11111, 1, status: 3, version: 1);
        Assert.True(await BoolAsync("UpdateMembershipKey", update));
        Assert.Equal(2, await TableVersionAsync());
        Assert.False(await BoolAsync("UpdateMembershipKey", update)); // stale now
        Assert.False(await BoolAsync("UpdateMembershipKey", Update("10.0.0.9", 1, 1, status: 3, version: 2))); // no such silo
        Assert.Equal(2, await TableVersionAsync());

        await using (var command = await CommandAsync("GatewaysQueryKey", ("DeploymentId", deployment), ("Status", 3)))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal("10.0.0.1", reader.GetString(reader.GetOrdinal("Address")));
            Assert.Equal(30000, reader.GetInt32(reader.GetOrdinal("ProxyPort")));
            Assert.Equal(1, reader.GetInt32(reader.GetOrdinal("Generation")));
            Assert.False(await reader.ReadAsync());
        }

        await using (var command = await CommandAsync("MembershipReadRowKey",
            ("DeploymentId", deployment), ("Address", "10.0.0.7"), ("Port", 1), ("Generation", 1)))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            // No such member: still one row carrying the table version, with a NULL StartTime.
            Assert.True(await reader.ReadAsync());
            Assert.Equal(2, reader.GetInt32(reader.GetOrdinal("Version")));
            Assert.True(reader.IsDBNull(reader.GetOrdinal("StartTime")));
        }

        await ExecuteAsync("DeleteMembershipTableEntriesKey", ("DeploymentId", deployment));
        Assert.Equal(0L, await Db.ScalarAsync<long>(database.DataSource, "SELECT count(*) FROM orleans_membership WHERE deployment_id = $1", deployment));
    }

    [Fact]
    public async Task The_gateway_list_offers_active_silos_and_drops_one_once_it_is_shutting_down()
    {
        await BoolAsync("InsertMembershipVersionKey", ("DeploymentId", deployment));
        Assert.True(await BoolAsync("InsertMembershipKey", Member("10.0.0.1", 11111, 7, status: 3, version: 0)));
        Assert.True(await BoolAsync("InsertMembershipKey", Member("10.0.0.2", 11111, 7, status: 3, version: 1)));
        Assert.Equal(["10.0.0.1", "10.0.0.2"], (await GatewayAddressesAsync()).Order());

        Assert.True(await BoolAsync("UpdateMembershipKey", Update("10.0.0.1", 11111, 7, status: 4, version: 2))); // ShuttingDown

        Assert.Equal(["10.0.0.2"], await GatewayAddressesAsync());
    }

    [Fact]
    public async Task Defunct_cleanup_removes_only_dead_silos_older_than_the_cut_off()
    {
        await BoolAsync("InsertMembershipVersionKey", ("DeploymentId", deployment));
        var old = DateTime.UtcNow.AddDays(-10);
        Assert.True(await BoolAsync("InsertMembershipKey", Member("10.0.0.1", 1, 1, status: 6, version: 0, alive: old)));
        Assert.True(await BoolAsync("InsertMembershipKey", Member("10.0.0.2", 1, 1, status: 3, version: 1, alive: old)));
        Assert.True(await BoolAsync("InsertMembershipKey", Member("10.0.0.3", 1, 1, status: 6, version: 2, alive: DateTime.UtcNow)));

        await ExecuteAsync("CleanupDefunctSiloEntriesKey", ("DeploymentId", deployment), ("IAmAliveTime", DateTime.UtcNow.AddDays(-1)));

        Assert.Equal(
            ["10.0.0.2", "10.0.0.3"],
            await ListAsync("SELECT address FROM orleans_membership WHERE deployment_id = $1 ORDER BY address", deployment));
    }

    [Fact]
    public async Task Reminder_upserts_return_the_new_version_and_deletes_need_the_current_one()
    {
        var service = $"s-{Guid.NewGuid():N}";
        (string, object)[] Upsert(int hash) =>
        [
            ("ServiceId", service), ("GrainId", "probe/1"), ("ReminderName", "tick"), ("StartTime", DateTime.UtcNow),
            ("Period", 1000), ("GrainHash", hash),
        ];

        Assert.Equal(0, await IntAsync("UpsertReminderRowKey", Upsert(-5)));
        Assert.Equal(1, await IntAsync("UpsertReminderRowKey", Upsert(-5)));

        // Ranges are compared as signed ints: (begin, end] and the wrapped range.
        Assert.Equal(1, await CountAsync("ReadRangeRows1Key", ("ServiceId", service), ("BeginHash", -10), ("EndHash", -5)));
        Assert.Equal(0, await CountAsync("ReadRangeRows1Key", ("ServiceId", service), ("BeginHash", -5), ("EndHash", 10)));
        Assert.Equal(1, await CountAsync("ReadRangeRows2Key", ("ServiceId", service), ("BeginHash", 100), ("EndHash", -5)));
        Assert.Equal(0, await CountAsync("ReadRangeRows2Key", ("ServiceId", service), ("BeginHash", 100), ("EndHash", -6)));

        (string, object)[] Delete(int version) =>
            [("ServiceId", service), ("GrainId", "probe/1"), ("ReminderName", "tick"), ("Version", version)];
        Assert.False(await BoolAsync("DeleteReminderRowKey", Delete(0)));
        Assert.Equal(1, await CountAsync("ReadReminderRowKey", ("ServiceId", service), ("GrainId", "probe/1"), ("ReminderName", "tick")));
        Assert.True(await BoolAsync("DeleteReminderRowKey", Delete(1)));
        Assert.Equal(0, await CountAsync("ReadReminderRowsKey", ("ServiceId", service), ("GrainId", "probe/1")));
    }

    private (string, object)[] Member(string address, int port, int generation, int status, int version, DateTime? alive = null) =>
    [
        ("DeploymentId", deployment), ("Address", address), ("Port", port), ("Generation", generation),
        ("SiloName", "silo"), ("HostName", "host"), ("Status", status), ("ProxyPort", 30000),
        ("StartTime", DateTime.UtcNow), ("IAmAliveTime", alive ?? DateTime.UtcNow), ("Version", version),
    ];

    private (string, object)[] Update(string address, int port, int generation, int status, int version) =>
    [
        ("DeploymentId", deployment), ("Address", address), ("Port", port), ("Generation", generation),
        ("Status", status), ("SuspectTimes", DBNull.Value), ("IAmAliveTime", DateTime.UtcNow), ("Version", version),
    ];

    private async Task<List<string>> GatewayAddressesAsync()
    {
        await using var command = await CommandAsync("GatewaysQueryKey", ("DeploymentId", deployment), ("Status", 3));
        await using var reader = await command.ExecuteReaderAsync();
        var addresses = new List<string>();
        while (await reader.ReadAsync())
        {
            addresses.Add(reader.GetString(reader.GetOrdinal("Address")));
        }

        return addresses;
    }

    private Task<int?> TableVersionAsync() =>
        Db.ScalarAsync<int?>(database.DataSource, "SELECT version FROM orleans_membership_version WHERE deployment_id = $1", deployment);

    private async Task<NpgsqlCommand> CommandAsync(string key, params (string Name, object Value)[] parameters)
    {
        var text = await Db.ScalarAsync<string>(database.DataSource, "SELECT QueryText FROM OrleansQuery WHERE QueryKey = $1", key);
        var command = database.DataSource.CreateCommand(text);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter(name, value));
        }

        return command;
    }

    private async Task<bool> BoolAsync(string key, params (string, object)[] parameters)
    {
        await using var command = await CommandAsync(key, parameters);
        return Convert.ToBoolean(await command.ExecuteScalarAsync());
    }

    private async Task<int> IntAsync(string key, params (string, object)[] parameters)
    {
        await using var command = await CommandAsync(key, parameters);
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    }

    private async Task<int> CountAsync(string key, params (string, object)[] parameters)
    {
        await using var command = await CommandAsync(key, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var count = 0;
        while (await reader.ReadAsync())
        {
            count++;
        }

        return count;
    }

    private async Task ExecuteAsync(string key, params (string, object)[] parameters)
    {
        await using var command = await CommandAsync(key, parameters);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<List<string>> ListAsync(string sql, params object[] parameters)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
