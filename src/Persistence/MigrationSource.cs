using System.Reflection;

namespace PacificEdge.Persistence;

/// <summary>
/// A set of versioned SQL migrations embedded in an assembly. Resources named
/// <c>{Module}_{NNNN}_{description}.sql</c> are applied in version order, once each.
/// Register one per module with <c>services.AddMigrations(new MigrationSource(...))</c>.
/// </summary>
/// <param name="Module">The module name (e.g. <c>orleans</c>, <c>commerce</c>); versions are per module.</param>
/// <param name="Assembly">The assembly that embeds the SQL files.</param>
public sealed record MigrationSource(string Module, Assembly Assembly)
{
    /// <summary>Reads this source's migrations in version order.</summary>
    public IReadOnlyList<Migration> Load()
    {
        var prefix = Module + "_";
        var migrations = new List<Migration>();
        foreach (var resource in Assembly.GetManifestResourceNames())
        {
            // Resource names look like "<Root>.Migrations.orleans_0001_membership.sql".
            var file = resource[(resource.LastIndexOf('.', resource.Length - 5) + 1)..];
            if (!file.StartsWith(prefix, StringComparison.Ordinal) || !file.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var parts = file[prefix.Length..^4].Split('_', 2);
            if (parts.Length != 2 || !int.TryParse(parts[0], out var version))
            {
                throw new InvalidOperationException($"Migration resource {resource} must be named {Module}_NNNN_description.sql.");
            }

            using var stream = Assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(Module, version, parts[1], reader.ReadToEnd()));
        }

        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        return duplicate is not null
            ? throw new InvalidOperationException($"Module {Module} has two migrations with version {duplicate.Key}.")
            : migrations.OrderBy(m => m.Version).ToList();
    }
}
