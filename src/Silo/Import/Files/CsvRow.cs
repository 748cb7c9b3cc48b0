namespace PacificEdge.Silo.Import.Files;

/// <summary>One record of an export file: where it came from (for error reports) and its values by column.</summary>
/// <param name="File">The file name, e.g. <c>customers.csv</c>.</param>
/// <param name="Line">The physical line the record starts on (1 is the header), counting blank lines and quoted newlines.</param>
/// <param name="Values">Values by normalised column name (see <see cref="CsvFileReader.NormaliseHeader"/>).</param>
public sealed record CsvRow(string File, int Line, IReadOnlyDictionary<string, string> Values)
{
    /// <summary>The trimmed value of the first of <paramref name="columns"/> the file has; empty when none.</summary>
    public string Get(params string[] columns)
    {
        foreach (var column in columns)
        {
            if (Values.TryGetValue(column, out var value))
            {
                return value.Trim();
            }
        }

        return string.Empty;
    }
}
