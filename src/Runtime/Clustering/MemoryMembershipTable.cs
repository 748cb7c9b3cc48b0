using PacificEdge.Runtime.Hosting;
using PacificEdge.Runtime.Placement;

namespace PacificEdge.Runtime.Clustering;

/// <summary>
/// In-memory membership table with the PostgreSQL table's rules (versions, Dead is final, staleness
/// judged by one clock). Share one instance between silos of a test cluster; unit tests only.
/// </summary>
public sealed class MemoryMembershipTable(TimeProvider? timeProvider = null) : IMembershipTable
{
    private readonly TimeProvider _clock = timeProvider ?? TimeProvider.System;
    private readonly Dictionary<(string Cluster, string Silo), Row> _rows = new();
    private readonly Lock _lock = new();

    /// <inheritdoc />
    public Task<MembershipEntry> JoinAsync(string clusterId, string siloName, string host, int port, long minimumGeneration, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var previous = _rows.Values.Where(r => r.Cluster == clusterId && r.Address.Host == host && r.Address.Port == port)
                .Select(r => r.Address.Generation + 1).DefaultIfEmpty(0).Max();
            var now = _clock.GetUtcNow();
            var row = new Row(clusterId, new SiloAddress(host, port, Math.Max(minimumGeneration, previous)), siloName, now)
            {
                Status = SiloStatus.Joining,
                LastHeartbeat = now,
                StatusChangedAt = now,
                Version = 1,
            };
            _rows[(clusterId, row.Address.ToString())] = row;
            return Task.FromResult(row.ToEntry(now));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<MembershipEntry>> ReadAllAsync(string clusterId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var now = _clock.GetUtcNow();
            return Task.FromResult<IReadOnlyList<MembershipEntry>>(
                _rows.Values.Where(r => r.Cluster == clusterId).OrderBy(r => r.Address.ToString(), StringComparer.Ordinal).Select(r => r.ToEntry(now)).ToList());
        }
    }

    /// <inheritdoc />
    public Task<long?> UpdateStatusAsync(string clusterId, SiloAddress silo, long expectedVersion, SiloStatus status, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_rows.TryGetValue((clusterId, silo.ToString()), out var row) || row.Version != expectedVersion || row.Status == SiloStatus.Dead)
            {
                return Task.FromResult<long?>(null);
            }

            var now = _clock.GetUtcNow();
            row.Status = status;
            row.Version++;
            row.StatusChangedAt = now;
            row.LastHeartbeat = now;
            return Task.FromResult<long?>(row.Version);
        }
    }

    /// <inheritdoc />
    public Task<bool> HeartbeatAsync(string clusterId, SiloAddress silo, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_rows.TryGetValue((clusterId, silo.ToString()), out var row) || row.Status == SiloStatus.Dead)
            {
                return Task.FromResult(false);
            }

            row.LastHeartbeat = _clock.GetUtcNow();
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<bool> DeclareDeadAsync(string clusterId, SiloAddress silo, long expectedVersion, TimeSpan? staleFor, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var now = _clock.GetUtcNow();
            if (!_rows.TryGetValue((clusterId, silo.ToString()), out var row) || row.Version != expectedVersion || row.Status == SiloStatus.Dead
                || (staleFor is { } stale && row.LastHeartbeat >= now - stale))
            {
                return Task.FromResult(false);
            }

            row.Status = SiloStatus.Dead;
            row.Version++;
            row.StatusChangedAt = now;
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<int> DeleteDefunctAsync(string clusterId, TimeSpan olderThan, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var horizon = _clock.GetUtcNow() - olderThan;
            var defunct = _rows.Where(p => p.Key.Cluster == clusterId && p.Value.Status == SiloStatus.Dead && p.Value.StatusChangedAt < horizon)
                .Select(p => p.Key).ToList();
            defunct.ForEach(k => _rows.Remove(k));
            return Task.FromResult(defunct.Count);
        }
    }

    private sealed class Row(string cluster, SiloAddress address, string name, DateTimeOffset startTime)
    {
        public string Cluster { get; } = cluster;

        public SiloAddress Address { get; } = address;

        public SiloStatus Status { get; set; }

        public DateTimeOffset LastHeartbeat { get; set; }

        public DateTimeOffset StatusChangedAt { get; set; }

        public long Version { get; set; }

        public MembershipEntry ToEntry(DateTimeOffset now)
            => new(Address, name, Status, startTime, LastHeartbeat, now - LastHeartbeat, Version);
    }
}
