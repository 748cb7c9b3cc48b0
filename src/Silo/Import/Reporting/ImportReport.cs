using PacificEdge.Silo.Import.Files;
using PacificEdge.Silo.Import.Planning;
using PacificEdge.Silo.Import.Writing;

namespace PacificEdge.Silo.Import.Reporting;

/// <summary>
/// The reconciliation at the end of a run: counts per entity, the loyalty points (file total, what was accepted, what
/// the wallets hold after the run) and every refused row. A run succeeds (exit 0) only when nothing was refused and
/// the points in the wallets equal the accepted points of the file.
/// </summary>
public sealed record ImportReport(
    bool DryRun,
    IReadOnlyList<EntityLine> Entities,
    PointTotals Points,
    long? PointsInWallets,
    int? InvitationsSent,
    IReadOnlyList<RejectedRow> Rejected,
    IReadOnlyList<DuplicateRow> Duplicates,
    IReadOnlyDictionary<string, int> UnknownSkus)
{
    public const int Success = 0;
    public const int RowsRejected = 1;

    /// <summary>Points reconcile: every row of the file is accounted for and, after a real run, the wallets hold exactly the accepted points.</summary>
    public bool PointsReconcile => Points.Balanced && (PointsInWallets is null || PointsInWallets == Points.Accepted);

    public int ExitCode => Rejected.Count == 0 && PointsReconcile ? Success : RowsRejected;

    public static ImportReport Create(ImportPlan plan, ImportOutcome? outcome)
    {
        var rejected = plan.Rejected.Concat(outcome?.Rejected.OrderBy(r => r.File).ThenBy(r => r.Line) ?? Enumerable.Empty<RejectedRow>()).ToList();
        EntityLine Line(string entity, string file, int valid, EntityCounts? counts) => new(
            entity, plan.RowsRead.GetValueOrDefault(file), valid,
            plan.Duplicates.Count(d => d.File == file), rejected.Count(r => r.File == file), counts?.Imported, counts?.Unchanged);

        return new ImportReport(
            outcome is null,
            [
                Line("Customers", OldShopFiles.Customers, plan.Customers.Count, outcome?.Customers),
                Line("Orders", OldShopFiles.Orders, plan.Orders.Count, outcome?.Orders),
                Line("Loyalty balances", OldShopFiles.Loyalty, plan.Balances.Count, outcome?.Balances),
                Line("Referrals", OldShopFiles.Referrals, plan.Referrals.Count, outcome?.Referrals),
                Line("Subscribers", OldShopFiles.Subscribers, plan.Subscribers.Count, outcome?.Subscribers),
            ],
            plan.Points,
            outcome?.PointsInWallets,
            outcome?.Invitations.Imported,
            rejected,
            plan.Duplicates,
            plan.UnknownSkus);
    }
}
