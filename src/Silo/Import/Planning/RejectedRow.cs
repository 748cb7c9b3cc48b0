namespace PacificEdge.Silo.Import.Planning;

/// <summary>A row that was not imported, and why.</summary>
public sealed record RejectedRow(string File, int Line, string Reason);
