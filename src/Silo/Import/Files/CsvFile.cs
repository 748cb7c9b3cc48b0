namespace PacificEdge.Silo.Import.Files;

/// <summary>A whole export file as read: its records, or why it could not be read at all.</summary>
/// <param name="Name">The file name.</param>
/// <param name="Present">False when the folder has no such file (every file is optional).</param>
/// <param name="Rows">The records, blank lines skipped.</param>
/// <param name="Error">A file-level problem (unreadable, missing column), reported against line 1.</param>
/// <param name="Malformed">Records skipped because their quoting is broken.</param>
public sealed record CsvFile(string Name, bool Present, IReadOnlyList<CsvRow> Rows, string? Error = null, IReadOnlyList<MalformedLine>? Malformed = null)
{
    public static CsvFile Missing(string name) => new(name, false, []);
}
