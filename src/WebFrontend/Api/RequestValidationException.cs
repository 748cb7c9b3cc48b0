namespace PacificEdge.WebFrontend.Api;

/// <summary>A request body broke field rules; <see cref="Errors"/> names each field (camelCase JSON path) and what is wrong.</summary>
public sealed class RequestValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception(string.Join(" ", errors.SelectMany(e => e.Value)))
{
    public const string Code = "validation_failed";

    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    /// <summary>The first field at fault (clients that show one message point at it).</summary>
    public string Field => Errors.Keys.First();
}
