namespace PacificEdge.Silo.Hosting;

/// <summary>What this process runs.</summary>
public enum ProcessMode
{
    /// <summary>Silo and front end in one process: the single-machine default (clustered when Runtime:Cluster:Enabled is true).</summary>
    Cohosted,

    /// <summary>Grains only (plus health endpoints), always as a member of the cluster.</summary>
    Silo,

    /// <summary>Front end only: a grain client that routes calls to the silos and hosts no grains.</summary>
    Web,

    /// <summary>Apply database migrations and exit.</summary>
    Migrate,

    /// <summary>Remove the demo catalog (run while the system is stopped) and exit.</summary>
    RemoveDemo,

    /// <summary>Create an admin account from PACIFICEDGE_ADMIN_EMAIL (or --email) and PACIFICEDGE_ADMIN_PASSWORD, and exit.</summary>
    CreateAdmin,

    /// <summary>Import the old shop's CSV export from a folder (<c>import &lt;folder&gt; [--dry-run]</c>), print the reconciliation, and exit.</summary>
    Import,
}
