using Npgsql;
using PacificEdge.Benchmarks;
using PacificEdge.Testing;

namespace PacificEdge.Benchmarks.EndToEnd;

/// <summary>
/// What a phase cost: PostgreSQL transactions committed in the store's database (pg_stat_database.xact_commit, read-only
/// ones included) and CPU milliseconds of the application process and of the PostgreSQL server processes.
/// </summary>
public sealed class ResourceMeter(PostgresServer server, string database, int appPid)
{
    public sealed record Snapshot(long Commits, double AppCpuMs, double DatabaseCpuMs);

    public sealed record Cost(double CommitsPerOrder, double AppCpuMsPerOrder, double DatabaseCpuMsPerOrder);

    public async Task<Snapshot> TakeAsync()
    {
        // Backends report their counters at most once a second, idle ones up to 10 s later: wait until the count
        // stops moving (bounded) so the snapshot includes the phase's last transactions.
        var commits = await CommitsAsync();
        for (var i = 0; i < 24; i++)
        {
            await Task.Delay(500);
            var next = await CommitsAsync();
            if (next == commits && i >= 2)
            {
                break;
            }

            commits = next;
        }

        return new Snapshot(commits, ProcessCpu.Milliseconds(appPid), ProcessCpu.PostgresMilliseconds(server.DataDirectory));
    }

    public static Cost PerOrder(Snapshot before, Snapshot after, long orders)
        => orders == 0
            ? new Cost(0, 0, 0)
            : new Cost((after.Commits - before.Commits) / (double)orders, (after.AppCpuMs - before.AppCpuMs) / orders, (after.DatabaseCpuMs - before.DatabaseCpuMs) / orders);

    private async Task<long> CommitsAsync()
    {
        // From another database, so these reads do not count.
        await using var connection = new NpgsqlConnection(server.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT xact_commit FROM pg_stat_database WHERE datname = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = database });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
