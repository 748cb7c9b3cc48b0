namespace PacificEdge.Silo.Hosting;

/// <summary>What this process runs.</summary>
public enum ProcessMode
{
    /// <summary>Silo and front end in one process: the single-machine default.</summary>
    Cohosted,

    /// <summary>Grains only (plus health endpoints).</summary>
    Silo,

    /// <summary>Apply database migrations and exit.</summary>
    Migrate,

    /// <summary>Remove the demo catalog (run while the system is stopped) and exit.</summary>
    RemoveDemo,
}
