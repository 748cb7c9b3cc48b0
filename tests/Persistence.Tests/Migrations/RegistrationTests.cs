using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace PacificEdge.Persistence.Tests.Migrations;

public sealed class RegistrationTests
{
    [Fact]
    public void AddPostgres_twice_registers_each_module_once_and_binds_the_Postgres_section()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Postgres:ConnectionString"] = "Host=127.0.0.1;Database=x",
            ["Postgres:ApplyMigrationsOnStartup"] = "false",
        }).Build());
        services.AddLogging();
        services.AddPostgres();
        services.AddPostgres();
        services.AddMigrations(new MigrationSource("orleans", typeof(MigrationRunner).Assembly));

        using var provider = services.BuildServiceProvider();
        var modules = provider.GetServices<MigrationSource>().Select(s => s.Module).ToList();
        Assert.Equal(["orleans", "grainstate"], modules);
        Assert.Single(provider.GetServices<IHostedService>());
        var options = provider.GetRequiredService<IOptions<PostgresOptions>>().Value;
        Assert.Equal("Host=127.0.0.1;Database=x", options.ConnectionString);
        Assert.False(options.ApplyMigrationsOnStartup);
        Assert.NotNull(provider.GetRequiredService<NpgsqlDataSource>());
        Assert.NotNull(provider.GetRequiredService<MigrationRunner>());
    }

    [Fact]
    public void A_module_name_from_two_assemblies_is_rejected()
    {
        var services = new ServiceCollection();
        services.AddMigrations(new MigrationSource("commerce", typeof(MigrationRunner).Assembly));
        Assert.Throws<InvalidOperationException>(() => services.AddMigrations(new MigrationSource("commerce", typeof(RegistrationTests).Assembly)));
    }

    [Fact]
    public void A_pre_registered_data_source_is_kept()
    {
        using var mine = NpgsqlDataSource.Create("Host=127.0.0.1;Database=mine");
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton(mine);
        services.AddPostgres();
        using var provider = services.BuildServiceProvider();
        Assert.Same(mine, provider.GetRequiredService<NpgsqlDataSource>());
    }

    [Fact]
    public async Task A_missing_connection_string_stops_the_host_naming_the_key()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddPostgres();
        using var host = builder.Build();
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Postgres:ConnectionString", error.Message);
    }
}
