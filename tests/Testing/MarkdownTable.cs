namespace PacificEdge.Testing;

/// <summary>Prints benchmark results as one Markdown table (what scripts/bench.sh shows and docs/PERFORMANCE.md keeps).</summary>
public static class MarkdownTable
{
    public static void Print(string title, IReadOnlyList<string> header, IReadOnlyList<string[]> rows)
    {
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        string Format(IReadOnlyList<string> row) => "| " + string.Join(" | ", row.Select((cell, i) => cell.PadRight(widths[i]))) + " |";
        Console.WriteLine();
        Console.WriteLine(title);
        Console.WriteLine(Format(header));
        Console.WriteLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
        foreach (var row in rows)
        {
            Console.WriteLine(Format(row));
        }
    }
}
