namespace PacificEdge.Silo.Import.Planning;

/// <summary>A row that repeats an earlier one (same email, case-insensitive) and was merged into it, not rejected.</summary>
public sealed record DuplicateRow(string File, int Line, int FirstLine);
