using PacificEdge.Silo.Import.Parsing;

namespace PacificEdge.Silo.Import.Planning;

/// <summary>What the export holds once validated and de-duplicated: what to import, what was merged, what was refused.</summary>
public sealed record ImportPlan(
    IReadOnlyDictionary<string, int> RowsRead,
    IReadOnlyList<Planned<CustomerRow>> Customers,
    IReadOnlyList<Planned<HistoricOrder>> Orders,
    IReadOnlyList<Planned<BalanceRow>> Balances,
    IReadOnlyList<Planned<ReferralRow>> Referrals,
    IReadOnlyList<Planned<SubscriberRow>> Subscribers,
    IReadOnlyList<DuplicateRow> Duplicates,
    IReadOnlyList<RejectedRow> Rejected,
    IReadOnlyDictionary<string, int> UnknownSkus,
    PointTotals Points);
