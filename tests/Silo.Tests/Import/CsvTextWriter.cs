using System.Text;

namespace PacificEdge.Silo.Tests.Import;

/// <summary>Writes CSV text like a messy export would, and knows the physical line each record starts on.</summary>
public sealed class CsvTextWriter(string header, bool byteOrderMark = false)
{
    private readonly StringBuilder _text = new(header + "\r\n");
    private int _line = 1;

    /// <summary>Appends a record (fields quoted when they need it) and returns the line it starts on.</summary>
    public int Record(params string[] fields)
    {
        var start = _line + 1;
        var text = string.Join(',', fields.Select(Quote));
        _text.Append(text).Append("\r\n");
        _line += 1 + text.Count(c => c == '\n');
        return start;
    }

    /// <summary>Appends a line exactly as given (to plant broken quoting); returns its line number.</summary>
    public int RawLine(string text)
    {
        _text.Append(text).Append("\r\n");
        return ++_line;
    }

    /// <summary>An empty line, or one of bare separators.</summary>
    public void BlankLine(bool separators = false)
    {
        _text.Append(separators ? ",,,\r\n" : "\r\n");
        _line++;
    }

    public void SaveTo(string path)
        => File.WriteAllText(path, _text.ToString(), byteOrderMark ? new UTF8Encoding(true) : new UTF8Encoding(false));

    public override string ToString() => _text.ToString();

    private static string Quote(string field)
        => field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
