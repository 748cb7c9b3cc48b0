using PacificEdge.Runtime.Clustering;
using PacificEdge.Runtime.Hosting;
using PacificEdge.Runtime.Placement;

namespace PacificEdge.Runtime.Tests.Support;

/// <summary>
/// Wraps one silo's membership table and can silently drop its heartbeats (the silo believes they
/// were written), as a long GC pause would, and also fail its reads, as a partition from the
/// database would (then the silo cannot even learn that it was declared dead).
/// </summary>
public sealed class FaultyMembershipTable(IMembershipTable inner, HeartbeatBlocker blocker, ILocalSiloDetails self) : IMembershipTable
{
    public Task<MembershipEntry> JoinAsync(string clusterId, string siloName, string host, int port, long minimumGeneration, CancellationToken cancellationToken)
        => inner.JoinAsync(clusterId, siloName, host, port, minimumGeneration, cancellationToken);

    public Task<IReadOnlyList<MembershipEntry>> ReadAllAsync(string clusterId, CancellationToken cancellationToken)
        => blocker.IsPartitioned(self.Address)
            ? Task.FromException<IReadOnlyList<MembershipEntry>>(new InvalidOperationException("Partitioned from the membership table (test fault)."))
            : inner.ReadAllAsync(clusterId, cancellationToken);

    public Task<long?> UpdateStatusAsync(string clusterId, SiloAddress silo, long expectedVersion, SiloStatus status, CancellationToken cancellationToken)
        => inner.UpdateStatusAsync(clusterId, silo, expectedVersion, status, cancellationToken);

    public Task<bool> HeartbeatAsync(string clusterId, SiloAddress silo, CancellationToken cancellationToken)
        => blocker.IsBlocked(silo) ? Task.FromResult(true) : inner.HeartbeatAsync(clusterId, silo, cancellationToken);

    public Task<bool> DeclareDeadAsync(string clusterId, SiloAddress silo, long expectedVersion, TimeSpan? staleFor, CancellationToken cancellationToken)
        => inner.DeclareDeadAsync(clusterId, silo, expectedVersion, staleFor, cancellationToken);

    public Task<int> DeleteDefunctAsync(string clusterId, TimeSpan olderThan, CancellationToken cancellationToken)
        => inner.DeleteDefunctAsync(clusterId, olderThan, cancellationToken);
}
