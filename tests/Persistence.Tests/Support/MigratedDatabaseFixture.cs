using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PacificEdge.Testing;

namespace PacificEdge.Persistence.Tests.Support;

/// <summary>A fresh database per test class with this project's migrations applied, and a data source on it.</summary>
public sealed class MigratedDatabaseFixture : PostgresDatabaseFixture
{
    private NpgsqlDataSource? dataSource;

    public NpgsqlDataSource DataSource => dataSource ?? throw new InvalidOperationException("Not initialised.");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        dataSource = NpgsqlDataSource.Create(ConnectionString);
        await Migrations.Runner(dataSource).ApplyAsync(CancellationToken.None);
    }

    public override async Task DisposeAsync()
    {
        if (dataSource is not null)
        {
            await dataSource.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
