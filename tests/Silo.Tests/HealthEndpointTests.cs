using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PacificEdge.Testing;

namespace PacificEdge.Silo.Tests;

public sealed class HealthEndpointTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task Live_and_ready_answer_200_when_the_database_is_reachable_and_the_silo_active()
    {
        await using var app = new SiloAppFactory(database.ConnectionString);
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_database_check_is_unhealthy_when_postgres_is_unreachable_and_names_no_address()
    {
        // A silo cannot start without its reminder table, so readiness during an outage of a running silo is
        // covered by the cluster tests (PostgreSQL restarted under load); here the check itself, on a port nothing listens on.
        var unreachable = $"Host=127.0.0.1;Port={FreeTcpPort.Pick()};Database=x;Username=postgres;Timeout=2";
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(unreachable);

        var result = await new PacificEdge.Silo.Health.PostgresHealthCheck(dataSource).CheckHealthAsync(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext());

        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, result.Status);
        Assert.DoesNotContain("127.0.0.1", result.Description);
    }

    [Fact]
    public async Task With_demo_seeding_on_the_catalog_holds_a_dozen_lab_products_with_lots_and_certificates()
    {
        await using var app = new SiloAppFactory(database.ConnectionString, seedDemo: true);
        using var client = app.CreateClient();
        await client.GetAsync("/health/live"); // starts the host (and the seeder)
        var grains = app.Services.GetRequiredService<Orleans.IGrainFactory>();

        var products = await grains.GetGrain<PacificEdge.Grains.Interfaces.Catalog.ICatalogGrain>("default").List(includeInactive: false);

        Assert.Equal(12, products.Count);
        Assert.All(products, p => Assert.True(p.Demo && p.Lot.Length > 0 && p.CertificateUrl.StartsWith("https://")));
        var removed = await PacificEdge.Grains.Demo.DemoDataSeeder.RemoveAsync(grains);
        Assert.Equal(12, removed.Count);
        Assert.Empty(await grains.GetGrain<PacificEdge.Grains.Interfaces.Catalog.ICatalogGrain>("default").List(includeInactive: true));
    }

    [Fact]
    public async Task The_landing_page_is_served()
    {
        await using var app = new SiloAppFactory(database.ConnectionString);
        using var client = app.CreateClient();

        var page = await client.GetStringAsync("/");

        Assert.Contains("Pacific Edge", page);
    }
}
