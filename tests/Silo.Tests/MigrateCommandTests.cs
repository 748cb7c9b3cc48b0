using System.Diagnostics;
using Npgsql;
using PacificEdge.Testing;

namespace PacificEdge.Silo.Tests;

/// <summary>Runs the real executable as a child process, as scripts/run.sh and operators do.</summary>
public sealed class MigrateCommandTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task Migrate_creates_the_schema_once_and_a_second_run_changes_nothing()
    {
        var first = await RunSiloAsync("migrate", database.ConnectionString);
        var second = await RunSiloAsync("migrate", database.ConnectionString);

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Contains("0 migrations applied now", second.Output);
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        // Every embedded migration of each module is recorded exactly once.
        foreach (var source in new[]
        {
            new PacificEdge.Persistence.MigrationSource("orleans", typeof(PacificEdge.Persistence.PostgresOptions).Assembly),
            new PacificEdge.Persistence.MigrationSource("grainstate", typeof(PacificEdge.Persistence.PostgresOptions).Assembly),
            new PacificEdge.Persistence.MigrationSource("commerce", typeof(PacificEdge.Grains.Hosting.CommerceSiloBuilderExtensions).Assembly),
        })
        {
            await using var command = new NpgsqlCommand("SELECT count(*) FROM schema_migrations WHERE module = $1", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = source.Module });
            var expected = source.Load().Count;
            Assert.True(expected > 0);
            Assert.Equal((long)expected, await command.ExecuteScalarAsync());
        }
    }

    [Fact]
    public async Task Migrate_without_a_connection_string_fails_naming_the_setting()
    {
        var result = await RunSiloAsync("migrate", connectionString: null);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("ConnectionString is required", result.Output);
    }

    [Fact]
    public async Task Create_admin_makes_an_admin_once_and_refuses_a_missing_password()
    {
        var environment = new Dictionary<string, string> { ["PACIFICEDGE_ADMIN_PASSWORD"] = "a-long-admin-password" };

        var created = await RunSiloAsync("create-admin", database.ConnectionString, ["--email", "ops@example.test"], environment);
        var again = await RunSiloAsync("create-admin", database.ConnectionString, ["--email", "ops@example.test"], environment);
        var noPassword = await RunSiloAsync("create-admin", database.ConnectionString, ["--email", "other@example.test"]);

        Assert.True(created.ExitCode == 0, created.Output);
        Assert.DoesNotContain("a-long-admin-password", created.Output);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("already exists", again.Output);
        Assert.Equal(2, noPassword.ExitCode);
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT role FROM users WHERE email = 'ops@example.test'", connection);
        Assert.Equal("Admin", await command.ExecuteScalarAsync());
    }

    private static async Task<(int ExitCode, string Output)> RunSiloAsync(
        string mode, string? connectionString, string[]? arguments = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "PacificEdge.Silo.dll"), mode])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var argument in arguments ?? [])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        start.Environment.Remove("PACIFICEDGE_DB");
        start.Environment.Remove("Postgres__ConnectionString");
        if (connectionString is not null)
        {
            start.Environment["PACIFICEDGE_DB"] = connectionString;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
