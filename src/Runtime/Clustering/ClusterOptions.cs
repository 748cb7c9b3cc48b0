namespace PacificEdge.Runtime.Clustering;

/// <summary>
/// Options for clustering (R10): membership, failure detection, the silo-to-silo transport and
/// caller retries. Section <c>Runtime:Cluster</c>; validated at start-up. With the defaults a
/// crashed silo is declared dead at most <see cref="DeathTimeout"/> + <see cref="TableRefreshInterval"/>
/// (14 s) after its last heartbeat, well inside the 30 s response timeout, so callers waiting on
/// its grains fail over instead of timing out.
/// </summary>
public sealed class ClusterOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Runtime:Cluster";

    /// <summary>
    /// Turns clustering on in processes whose host decides it from configuration (the co-hosted
    /// mode of the silo executable). <c>UseClustering</c> and <c>AddGrainClient</c> always cluster.
    /// Default false.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// Names the cluster in the membership table: silos and clients only see rows with their own
    /// cluster id, so several clusters can share one database. Default <c>pacificedge</c>.
    /// </summary>
    public string ClusterId { get; set; } = "pacificedge";

    /// <summary>The silo-to-silo HTTP port. 0 picks a free port (tests). Default 11111, as in Orleans.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>
    /// The host name or IP address other processes use to reach this silo (in Kubernetes, the pod
    /// IP from the downward API). Default: this machine's host name.
    /// </summary>
    public string? AdvertisedHost { get; set; }

    /// <summary>The local address the silo port binds to. Default <c>0.0.0.0</c> (every IPv4 interface).</summary>
    public string ListenAddress { get; set; } = "0.0.0.0";

    /// <summary>How often a silo writes its heartbeat to the membership table. Default 3 s.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// A silo whose last heartbeat is older than this (by the database's clock, so process clocks
    /// need not agree) is declared Dead by the first peer that notices. Must exceed two heartbeat
    /// intervals, so one slow heartbeat is not fatal. Default 12 s.
    /// </summary>
    public TimeSpan DeathTimeout { get; set; } = TimeSpan.FromSeconds(12);

    /// <summary>How often silos and clients re-read the membership table (and silos look for dead peers). Default 2 s.</summary>
    public TimeSpan TableRefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Dead rows older than this are deleted from the membership table. Default 24 hours.</summary>
    public TimeSpan DefunctSiloRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long opening a connection to another silo may take before it counts as unreachable (and the call is retried). Default 5 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>First delay before retrying a call whose silo was unavailable; doubles per attempt, with jitter. Default 50 ms.</summary>
    public TimeSpan RetryInitialDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Longest delay between retries of an unavailable call. Default 1 s.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How calls are framed between processes. Default <see cref="SiloWireFormat.Binary"/>; silos read both.</summary>
    public SiloWireFormat WireFormat { get; set; } = SiloWireFormat.Binary;

    /// <summary>Largest call or response body accepted on the silo port, in bytes. Default 16 MiB.</summary>
    public int MaxMessageSize { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// Optional shared secret every silo-to-silo request must carry (header <c>x-pe-cluster-secret</c>).
    /// Defence in depth next to network policy: the silo port lets a caller run any grain method.
    /// Set it from the environment. Default: none.
    /// </summary>
    public string? SharedSecret { get; set; }
}
