namespace PacificEdge.Testing;

/// <summary>
/// The one PostgreSQL server of a test process. Starting a cluster costs a second or two, so every test class shares
/// one and gets its own database on it (see <see cref="PostgresDatabaseFixture"/>).
/// </summary>
/// <remarks>
/// A static <see cref="Lazy{T}"/> is used on purpose: xunit has no process-wide fixture spanning all test classes and
/// collections, and the server must outlive them all. It is started on first use (test runs that touch no database pay
/// nothing) and stopped and deleted in <see cref="AppDomain.ProcessExit"/>, so no cluster is left behind. If the start
/// fails the faulted task stays cached, so every dependent test fails quickly with the same, explained error instead
/// of retrying a broken setup once per class. A test process killed outright cannot run the exit handler; the next
/// start sweeps such orphans (see <see cref="StaleClusterSweeper"/>).
/// </remarks>
public static class SharedPostgres
{
    private static readonly Lazy<Task<PostgresServer>> Server = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The shared server, started on the first call.</summary>
    public static Task<PostgresServer> GetAsync() => Server.Value;

    private static async Task<PostgresServer> StartAsync()
    {
        var server = await PostgresServer.StartAsync(PostgresServerOptions.Default, CancellationToken.None).ConfigureAwait(false);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.StopAndDelete();
        return server;
    }
}
