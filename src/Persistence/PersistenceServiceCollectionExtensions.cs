using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using PacificEdge.Persistence.GroupCommit;

namespace PacificEdge.Persistence;

/// <summary>Registers the PostgreSQL database, its migrations and the migration runner.</summary>
public static class PersistenceServiceCollectionExtensions
{
    /// <summary>Module name of the Orleans clustering and reminder schema (tables, functions, <c>OrleansQuery</c> rows).</summary>
    public const string OrleansModule = "orleans";

    /// <summary>Module name of the grain state schema (<c>grain_storage</c>).</summary>
    public const string GrainStateModule = "grainstate";

    /// <summary>
    /// Binds <see cref="PostgresOptions"/> from section <c>Postgres</c> (validated at start-up:
    /// <c>Postgres:ConnectionString</c> is required), registers a singleton <see cref="NpgsqlDataSource"/>
    /// (unless one is registered already), the process's <see cref="GroupCommitter"/> on it, the <see cref="MigrationRunner"/>, this project's migration
    /// modules (<c>orleans</c>, <c>grainstate</c>) and a start-up step that applies pending migrations
    /// before Orleans starts when <see cref="PostgresOptions.ApplyMigrationsOnStartup"/> is set.
    /// Calling it again changes nothing.
    /// </summary>
    public static IServiceCollection AddPostgres(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(PostgresRegistered)))
        {
            return services;
        }

        services.AddSingleton<PostgresRegistered>();
        services.AddOptions<PostgresOptions>()
            .BindConfiguration(PostgresOptions.SectionName)
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString), $"{PostgresOptions.SectionName}:{nameof(PostgresOptions.ConnectionString)} is required.")
            .Validate(o => o.GroupCommitWriters is >= 1 and <= 64, $"{PostgresOptions.SectionName}:{nameof(PostgresOptions.GroupCommitWriters)} must be 1-64.")
            .Validate(o => o.GroupCommitMaxBatch is >= 1 and <= 1000, $"{PostgresOptions.SectionName}:{nameof(PostgresOptions.GroupCommitMaxBatch)} must be 1-1000.")
            .ValidateOnStart();
        services.TryAddSingleton(sp => PostgresDataSourceFactory.Create(sp.GetRequiredService<IOptions<PostgresOptions>>().Value.ConnectionString));
        services.AddGroupCommitter();
        services.TryAddSingleton<MigrationRunner>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, MigrationStartupService>());
        services.AddMigrations(new MigrationSource(OrleansModule, typeof(PersistenceServiceCollectionExtensions).Assembly));
        services.AddMigrations(new MigrationSource(GrainStateModule, typeof(PersistenceServiceCollectionExtensions).Assembly));
        return services;
    }

    /// <summary>
    /// Registers the process's <see cref="GroupCommitter"/> over the registered <see cref="NpgsqlDataSource"/>, sized by
    /// <see cref="PostgresOptions"/> (its defaults when the section is not bound), unless one is registered already.
    /// </summary>
    public static IServiceCollection AddGroupCommitter(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions();
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<PostgresOptions>>().Value;
            return new GroupCommitter(sp.GetRequiredService<NpgsqlDataSource>(), options.GroupCommitWriters, options.GroupCommitMaxBatch);
        });
        return services;
    }

    /// <summary>
    /// Registers a module of migrations for the <see cref="MigrationRunner"/>, e.g.
    /// <c>new MigrationSource("commerce", typeof(X).Assembly)</c>. Registering the same source twice
    /// changes nothing; one module name in two assemblies is an error.
    /// </summary>
    public static IServiceCollection AddMigrations(this IServiceCollection services, MigrationSource source)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(source);
        foreach (var existing in services.Where(d => d.ServiceType == typeof(MigrationSource)).Select(d => d.ImplementationInstance).OfType<MigrationSource>())
        {
            if (existing == source)
            {
                return services;
            }

            if (string.Equals(existing.Module, source.Module, StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    $"Migration module '{source.Module}' is already registered from {existing.Assembly.GetName().Name}; modules need unique names.");
            }
        }

        services.AddSingleton(source);
        return services;
    }

    // Marks AddPostgres as done, so a second call (e.g. from AddPostgresGrainStorage) adds nothing.
    private sealed class PostgresRegistered;
}
