using System.Collections.Concurrent;
using PacificEdge.Silo.Import.Planning;

namespace PacificEdge.Silo.Import.Writing;

/// <summary>What a real run wrote, per entity, plus rows refused while writing (e.g. a wallet that already holds another opening balance).</summary>
public sealed class ImportOutcome
{
    public EntityCounts Customers { get; } = new();

    public EntityCounts Orders { get; } = new();

    public EntityCounts Balances { get; } = new();

    public EntityCounts Referrals { get; } = new();

    public EntityCounts Subscribers { get; } = new();

    /// <summary>Set-your-password emails sent by this run.</summary>
    public EntityCounts Invitations { get; } = new();

    public ConcurrentBag<RejectedRow> Rejected { get; } = [];

    private long _pointsInWallets;

    /// <summary>Sum of the import's opening-balance entries as the wallets hold them after the run (read back).</summary>
    public long PointsInWallets => Interlocked.Read(ref _pointsInWallets);

    public void AddPointsInWallet(int points) => Interlocked.Add(ref _pointsInWallets, points);
}
