using PacificEdge.Silo.Import.Files;

namespace PacificEdge.Silo.Import.Parsing;

/// <summary>A row read into <typeparamref name="T"/>, or the reason it could not be.</summary>
public sealed record Parsed<T>(CsvRow Source, T? Value, string? Error)
    where T : class
{
    public static Parsed<T> Ok(CsvRow source, T value) => new(source, value, null);

    public static Parsed<T> Fail(CsvRow source, string error) => new(source, null, error);
}
