using PacificEdge.Runtime.Hosting;
using PacificEdge.Runtime.Placement;

namespace PacificEdge.Runtime.Clustering;

/// <summary>
/// Where silos register and heartbeat (PostgreSQL, or in-memory for unit tests). Every status
/// change is conditional on the row's version; heartbeat ages are measured by the table's clock.
/// </summary>
public interface IMembershipTable
{
    /// <summary>
    /// Inserts a Joining row for a new incarnation at <paramref name="host"/>:<paramref name="port"/>,
    /// with a generation at least <paramref name="minimumGeneration"/> and above every earlier
    /// incarnation at that address. Returns the row as stored.
    /// </summary>
    Task<MembershipEntry> JoinAsync(string clusterId, string siloName, string host, int port, long minimumGeneration, CancellationToken cancellationToken);

    /// <summary>Reads every row of the cluster, Dead ones included.</summary>
    Task<IReadOnlyList<MembershipEntry>> ReadAllAsync(string clusterId, CancellationToken cancellationToken);

    /// <summary>
    /// Sets a silo's status (and refreshes its heartbeat) if its row still has <paramref name="expectedVersion"/>
    /// and is not Dead. Returns the new version, or <see langword="null"/> when the row changed meanwhile.
    /// </summary>
    Task<long?> UpdateStatusAsync(string clusterId, SiloAddress silo, long expectedVersion, SiloStatus status, CancellationToken cancellationToken);

    /// <summary>Records a heartbeat. False when the row is gone or Dead: the silo has been declared dead and must stop serving.</summary>
    Task<bool> HeartbeatAsync(string clusterId, SiloAddress silo, CancellationToken cancellationToken);

    /// <summary>
    /// Marks a peer Dead if its row still has <paramref name="expectedVersion"/> and, when
    /// <paramref name="staleFor"/> is given, its last heartbeat is older than that (checked atomically
    /// by the table, so a silo that heartbeated meanwhile survives). <see langword="null"/> declares an
    /// incarnation superseded by a newer one at the same address. True when this call marked it.
    /// </summary>
    Task<bool> DeclareDeadAsync(string clusterId, SiloAddress silo, long expectedVersion, TimeSpan? staleFor, CancellationToken cancellationToken);

    /// <summary>Deletes Dead rows whose status changed longer ago than <paramref name="olderThan"/>. Returns how many.</summary>
    Task<int> DeleteDefunctAsync(string clusterId, TimeSpan olderThan, CancellationToken cancellationToken);
}
