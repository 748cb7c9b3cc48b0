using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Interfaces.Loyalty;

/// <summary>A customer's points: balance (sum of the ledger), what is held for unpaid orders, and the ledger.</summary>
public sealed record WalletView(
    string CustomerId,
    int Balance,
    int Held,
    DateTimeOffset? NextExpiry,
    string? ReferredBy,
    IReadOnlyList<LedgerEntry> Ledger,
    long Version,
    IReadOnlyList<TimelineEntry> Timeline);
