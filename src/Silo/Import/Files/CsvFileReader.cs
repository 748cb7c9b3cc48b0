using System.Text;
using CsvHelper;

namespace PacificEdge.Silo.Import.Files;

/// <summary>
/// Reads one export file with CsvHelper: UTF-8 with or without a BOM, RFC 4180 quoting (commas and newlines inside
/// quotes), blank lines skipped, values trimmed, header names normalised (<c>"Order Number"</c> → <c>order_number</c>).
/// A record with more or fewer fields than the header is kept: the row rules report the missing values. Line numbers
/// are physical lines (header = 1), counting blank lines and quoted line breaks, so an operator finds the row in an editor.
/// </summary>
public static class CsvFileReader
{
    public static async Task<CsvFile> ReadAsync(string folder, string name, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, name);
        if (!File.Exists(path))
        {
            return CsvFile.Missing(name);
        }

        await using var stream = File.OpenRead(path);
        return await ReadAsync(stream, name, cancellationToken);
    }

    public static async Task<CsvFile> ReadAsync(Stream stream, string name, CancellationToken cancellationToken)
    {
        var malformed = new List<MalformedLine>();
        var options = new CsvReaderOptions
        {
            // A record with broken quoting is skipped and reported with its line, not guessed at.
            MalformedData = CsvMalformedDataHandling.Skip,
            OnMalformedRecord = record =>
            {
                if (record.Skipped)
                {
                    malformed.Add(new MalformedLine((int)record.LineNumber, Describe(record.Reason)));
                }
            },
            Separator = ',',
            HasHeader = true,
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            AllowLineBreaksInQuotes = true,
            TrimWhitespace = true,
            // Values are personal data: keep them out of exception messages (and so out of logs).
            IncludeValuesInExceptions = false,
        };
        await using var csv = CsvReader.Create(stream, options, leaveOpen: true);
        await csv.ReadHeaderAsync(cancellationToken);
        var headers = csv.Headers.Select(NormaliseHeader).ToArray();
        if (headers.Length == 0 || headers.All(h => h.Length == 0))
        {
            return new CsvFile(name, true, [], "The file is empty (no header row).");
        }

        var missing = OldShopFiles.RequiredColumns(name).Except(headers).ToList();
        if (missing.Count > 0)
        {
            return new CsvFile(name, true, [], $"The header lacks column(s) {string.Join(", ", missing)}.");
        }

        var rows = new List<CsvRow>();
        while (await csv.ReadAsync(cancellationToken))
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < headers.Length; i++)
            {
                // A later column with the same name never overwrites the first; a short record reads as empty values.
                values.TryAdd(headers[i], i < csv.FieldCount ? csv.GetString(i) ?? string.Empty : string.Empty);
            }

            if (values.Values.All(string.IsNullOrWhiteSpace))
            {
                continue; // a line of bare separators (",,,,") is a blank line too
            }

            rows.Add(new CsvRow(name, (int)csv.LineNumber, values));
        }

        return new CsvFile(name, true, rows, Malformed: malformed);
    }

    /// <summary><c>" First Name "</c> → <c>first_name</c>.</summary>
    public static string NormaliseHeader(string header)
    {
        var builder = new StringBuilder(header.Length);
        foreach (var c in header.Trim().ToLowerInvariant())
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        }

        return builder.ToString().Trim('_');
    }

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.UnterminatedQuote => "a quote opened on this line is never closed, so the rest of the file could not be read",
        CsvMalformedReason.StrayQuote => "a quote inside an unquoted value (quote the whole value and double the quote)",
        CsvMalformedReason.TextAfterClosingQuote => "text after a closing quote (quote the whole value and double the quote)",
        _ => $"malformed CSV ({reason})",
    };
}
