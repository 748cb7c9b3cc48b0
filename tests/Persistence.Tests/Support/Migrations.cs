using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace PacificEdge.Persistence.Tests.Support;

/// <summary>The migration sources AddPostgres registers, for tests that run the runner directly.</summary>
public static class Migrations
{
    public static MigrationSource[] Sources { get; } =
    [
        new(PersistenceServiceCollectionExtensions.OrleansModule, typeof(MigrationRunner).Assembly),
        new(PersistenceServiceCollectionExtensions.GrainStateModule, typeof(MigrationRunner).Assembly),
    ];

    public static MigrationRunner Runner(NpgsqlDataSource dataSource) =>
        new(dataSource, Sources, NullLogger<MigrationRunner>.Instance);
}
