using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Interfaces.Loyalty;

/// <summary>A customer's points: balance (sum of the ledger), what is held for unpaid orders, and the ledger.</summary>
[GenerateSerializer]
[Alias("pe.loyalty.wallet-view")]
public sealed record WalletView(
    [Id(0)] string CustomerId,
    [Id(1)] int Balance,
    [Id(2)] int Held,
    [Id(3)] DateTimeOffset? NextExpiry,
    [Id(4)] string? ReferredBy,
    [Id(5)] IReadOnlyList<LedgerEntry> Ledger,
    [Id(6)] long Version,
    [Id(7)] IReadOnlyList<TimelineEntry> Timeline);
