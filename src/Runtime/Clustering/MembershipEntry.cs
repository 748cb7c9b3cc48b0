using PacificEdge.Runtime.Hosting;
using PacificEdge.Runtime.Placement;

namespace PacificEdge.Runtime.Clustering;

/// <summary>One silo's row in the membership table, as last read.</summary>
/// <param name="Address">Where the silo listens and which incarnation it is; <c>Address.ToString()</c> is the silo id.</param>
/// <param name="SiloName">The silo's configured name (logs, dashboards).</param>
/// <param name="Status">Joining, Active, ShuttingDown or Dead.</param>
/// <param name="StartTime">When the silo joined (database clock).</param>
/// <param name="LastHeartbeat">The silo's last heartbeat (database clock).</param>
/// <param name="HeartbeatAge">How old the last heartbeat was when the row was read, by the table's own clock.</param>
/// <param name="Version">Changes on every status change; status updates are conditional on it.</param>
public sealed record MembershipEntry(
    SiloAddress Address,
    string SiloName,
    SiloStatus Status,
    DateTimeOffset StartTime,
    DateTimeOffset LastHeartbeat,
    TimeSpan HeartbeatAge,
    long Version);
