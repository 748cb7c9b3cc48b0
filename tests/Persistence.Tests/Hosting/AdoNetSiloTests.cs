using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using PacificEdge.Persistence.Tests.Support;
using PacificEdge.Testing;

namespace PacificEdge.Persistence.Tests.Hosting;

/// <summary>
/// Real silo hosts on ADO.NET clustering and reminders over a database that only our migrations
/// created (the silo applies them itself at start-up): the OrleansQuery contract end to end.
/// </summary>
[Collection(OrleansHostsCollection.Name)]
public sealed class AdoNetSiloTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    // Generous: silos start in 4-12 s on a loaded 2-core machine; membership needs a few rounds.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private readonly string clusterId = $"cluster-{Guid.NewGuid():N}";
    private readonly string serviceId = $"svc-{Guid.NewGuid():N}";

    [Fact]
    public async Task A_silo_boots_on_a_fresh_database_stores_state_fires_reminders_a_second_silo_joins_and_a_client_connects()
    {
        var connectionString = await database.CreateExtraDatabaseAsync();
        using var first = await StartSiloAsync(connectionString);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);

        // Membership: our row is in our table, Active.
        var firstAddress = first.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        await Eventually.WaitAsync(
            () => Db.ScalarAsync<long>(dataSource, "SELECT count(*) FROM orleans_membership WHERE deployment_id = $1 AND status = 3 AND port = $2",
                clusterId, firstAddress.Endpoint.Port),
            n => n == 1, "first silo Active in orleans_membership", Patience);

        // State and a reminder through a grain.
        var grains = first.Services.GetRequiredService<IGrainFactory>();
        var probe = grains.GetGrain<IReminderProbeGrain>("probe-1");
        await probe.Start();
        await Eventually.WaitAsync(() => probe.Ticks(), n => n >= 2, "two reminder ticks", Patience);
        Assert.Equal(1L, await Db.ScalarAsync<long>(dataSource,
            "SELECT count(*) FROM orleans_reminders WHERE service_id = $1 AND reminder_name = 'tick'", serviceId));
        await Eventually.WaitAsync(
            () => Db.ScalarAsync<int>(dataSource,
                "SELECT (payload->>'ticks')::int FROM grain_storage WHERE service_id = $1 AND grain_type = 'test-reminder-probe'", serviceId),
            n => n >= 2, "ticks persisted in grain_storage", Patience);
        await probe.Stop();
        Assert.Equal(0L, await Db.ScalarAsync<long>(dataSource,
            "SELECT count(*) FROM orleans_reminders WHERE service_id = $1", serviceId));

        // A second silo joins the same cluster through the membership table.
        using var second = await StartSiloAsync(connectionString);
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await Eventually.WaitAsync(
            () => management.GetHosts(onlyActive: true),
            h => h.Count == 2 && h.Values.All(s => s == SiloStatus.Active),
            "both silos Active in the management grain's view", Patience);
        Assert.Contains(firstAddress, hosts.Keys);
        Assert.Contains(second.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress, hosts.Keys);

        // A client finds the gateways through the membership table and calls a grain.
        using var client = await StartClientAsync(connectionString);
        var counter = client.Services.GetRequiredService<IClusterClient>().GetGrain<ICounterAGrain>("from-client");
        Assert.Equal(5, await counter.Add("client", 5));
        Assert.Equal(5, (await grains.GetGrain<ICounterAGrain>("from-client").Get()).Total);

        await client.StopAsync();
        await second.StopAsync();
        await first.StopAsync();
    }

    private async Task<IHost> StartSiloAsync(string connectionString)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration["Postgres:ConnectionString"] = connectionString;
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = serviceId;
            });
            silo.ConfigureEndpoints(IPAddress.Loopback, FreeTcpPort.Pick(), FreeTcpPort.Pick());
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            });
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            });
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            silo.AddPostgresGrainStorage(ICounterGrain.StorageName);
        });

        var host = builder.Build();
        try
        {
            using var timeout = new CancellationTokenSource(Patience);
            await host.StartAsync(timeout.Token);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    private async Task<IHost> StartClientAsync(string connectionString)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = serviceId;
            });
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            });
        });

        var host = builder.Build();
        try
        {
            using var timeout = new CancellationTokenSource(Patience);
            await host.StartAsync(timeout.Token);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }
}
