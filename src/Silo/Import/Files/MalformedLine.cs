namespace PacificEdge.Silo.Import.Files;

/// <summary>A record the CSV reader skipped because of broken quoting: its starting line and what is wrong.</summary>
public sealed record MalformedLine(int Line, string Reason);
