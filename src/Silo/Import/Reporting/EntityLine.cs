namespace PacificEdge.Silo.Import.Reporting;

/// <summary>One line of the reconciliation table. Imported and Unchanged are null in a dry run (nothing written).</summary>
/// <param name="Entity">What (customers, orders, ...).</param>
/// <param name="Rows">Data rows read from its file (blank lines not counted).</param>
/// <param name="Valid">Distinct items that passed validation (an order counts once however many lines it has).</param>
/// <param name="Duplicates">Rows merged into an earlier row with the same email.</param>
/// <param name="Rejected">Rows refused (while validating or writing).</param>
/// <param name="Imported">Items written by this run.</param>
/// <param name="Unchanged">Items already there from an earlier run, left as they were.</param>
public sealed record EntityLine(string Entity, int Rows, int Valid, int Duplicates, int Rejected, int? Imported, int? Unchanged);
