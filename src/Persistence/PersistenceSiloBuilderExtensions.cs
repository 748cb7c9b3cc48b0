using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Runtime.Hosting;

namespace PacificEdge.Persistence;

/// <summary>Registers this project's grain storages on an Orleans silo, by provider name.</summary>
public static class PersistenceSiloBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="PostgresGrainStorage"/> as the grain storage named <paramref name="name"/> (the name grains
    /// give in <c>[PersistentState("state", name)]</c>). Also calls <see cref="PersistenceServiceCollectionExtensions.AddPostgres"/>,
    /// so the data source, the <c>grainstate</c> migrations and <c>Postgres:ConnectionString</c> come with it.
    /// </summary>
    public static ISiloBuilder AddPostgresGrainStorage(this ISiloBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        builder.Services.AddPostgres();
        builder.Services.AddGrainStorage(name, static (sp, key) => ActivatorUtilities.CreateInstance<PostgresGrainStorage>(sp, key));
        return builder;
    }

    /// <summary>
    /// Adds an in-memory <see cref="JsonMemoryGrainStorage"/> named <paramref name="name"/>: the production JSON format
    /// and ETag rules without a database, for unit tests of grain logic. One store per silo.
    /// </summary>
    public static ISiloBuilder AddJsonMemoryGrainStorage(this ISiloBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        builder.Services.AddGrainStorage(name, static (_, _) => new JsonMemoryGrainStorage());
        return builder;
    }
}
