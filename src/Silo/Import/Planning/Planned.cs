namespace PacificEdge.Silo.Import.Planning;

/// <summary>Something to import with the file line it came from (for write-time problems).</summary>
public sealed record Planned<T>(string File, int Line, T Value);
