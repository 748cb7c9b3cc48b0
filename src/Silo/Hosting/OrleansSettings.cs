namespace PacificEdge.Silo.Hosting;

/// <summary>
/// How this process joins the Orleans cluster (configuration section <c>Orleans</c>). The membership
/// timings are the production choice explained in docs/clustering.md: a crashed silo's grains move
/// within seconds, a hung one is evicted in well under 20 s, and a database outage evicts nobody.
/// </summary>
public sealed class OrleansSettings
{
    public const string SectionName = "Orleans";

    /// <summary>Silos and web processes with the same id form one cluster; may change per deployment.</summary>
    public string ClusterId { get; set; } = "pacificedge";

    /// <summary>Keys grain state and reminder rows: keep it fixed for the life of the store.</summary>
    public string ServiceId { get; set; } = "pacificedge";

    /// <summary><c>cohosted</c> only: join the cluster through PostgreSQL membership instead of running as a lone silo.</summary>
    public bool Clustered { get; set; }

    /// <summary>Silo-to-silo port; 0 picks a free port (tests).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port Orleans clients (web processes) connect to; 0 picks a free port (tests).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other processes reach this silo at; default: this host's first address (127.0.0.1 when not clustered).</summary>
    public string? AdvertisedIPAddress { get; set; }

    /// <summary>Use Orleans' Kubernetes hosting: pod name, namespace and IP from the downward API, silos labelled and watched.</summary>
    public bool Kubernetes { get; set; }

    /// <summary>Graceful stop budget on SIGTERM: Orleans deactivates grains and leaves the cluster within it.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a silo waits for a probe answer.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Missed probes before a silo suspects a peer.</summary>
    public int NumMissedProbesLimit { get; set; } = 3;

    /// <summary>Suspicions needed to declare a silo dead (fewer when fewer silos are alive).</summary>
    public int NumVotesForDeathDeclaration { get; set; } = 2;

    /// <summary>How often a web process re-reads the gateway list (finds new silos, drops dead ones).</summary>
    public TimeSpan GatewayListRefreshPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// <c>web</c> only: how long a web process keeps a leaving silo's gateway masked after its shutdown notice (and its
    /// connection open for replies), and avoids a gateway whose socket failed. Longer than a silo's whole graceful stop.
    /// </summary>
    public TimeSpan LeavingGatewayMaskTime { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>A grain call with no answer by then fails with a TimeoutException (answered 503).</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// <c>web</c> only: how long a call through a silo's gateway may wait. Lower it to fail calls stuck on a crashed
    /// or hung silo sooner; measured here, 10 s also failed calls during a graceful stop's handover on a busy box,
    /// so the default stays at 30 s.
    /// </summary>
    public TimeSpan ClientResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Idle activations are deactivated after this.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Mount the Orleans Dashboard at <c>/orleans-dashboard</c> (Admin role only).</summary>
    public bool Dashboard { get; set; } = true;

    /// <summary>Every problem with these settings, for the start-up check.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(ClusterId)) problems.Add("Orleans:ClusterId is required.");
        if (string.IsNullOrWhiteSpace(ServiceId)) problems.Add("Orleans:ServiceId is required.");
        if (SiloPort is < 0 or > 65535) problems.Add("Orleans:SiloPort must be 0-65535.");
        if (GatewayPort is < 0 or > 65535) problems.Add("Orleans:GatewayPort must be 0-65535.");
        if (SiloPort != 0 && SiloPort == GatewayPort) problems.Add("Orleans:SiloPort and Orleans:GatewayPort must differ.");
        if (AdvertisedIPAddress is { Length: > 0 } ip && !System.Net.IPAddress.TryParse(ip, out _)) problems.Add("Orleans:AdvertisedIPAddress must be an IP address.");
        if (ShutdownTimeout <= TimeSpan.Zero) problems.Add("Orleans:ShutdownTimeout must be positive.");
        if (LeavingGatewayMaskTime <= ShutdownTimeout) problems.Add("Orleans:LeavingGatewayMaskTime must be longer than Orleans:ShutdownTimeout (it must cover a silo's whole stop).");
        if (ProbeTimeout <= TimeSpan.Zero || GatewayListRefreshPeriod <= TimeSpan.Zero || ResponseTimeout <= TimeSpan.Zero || ClientResponseTimeout <= TimeSpan.Zero || CollectionAge <= TimeSpan.Zero) problems.Add("Orleans timeouts must be positive.");
        if (NumMissedProbesLimit < 1 || NumVotesForDeathDeclaration < 1) problems.Add("Orleans:NumMissedProbesLimit and NumVotesForDeathDeclaration must be at least 1.");
        return problems;
    }
}
