using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace PacificEdge.WebFrontend.Infrastructure;

/// <summary>
/// What went wrong when the framework could not read a request (a <see cref="BadHttpRequestException"/> from body or
/// parameter binding, on any route): malformed JSON, a value of the wrong type (naming the field), a missing body, a
/// query or route value that does not parse, a body too large or of the wrong media type.
/// </summary>
public sealed partial record RequestReadFailure(int Status, string Code, string Title, string Detail, string? Field)
{
    public static RequestReadFailure From(BadHttpRequestException exception)
    {
        if (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new(413, "body_too_large", "The request body is too large.", "The request body is too large.", null);
        }

        if (exception.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return new(415, "unsupported_media_type", "The request body must be JSON.", "Send the body as application/json.", null);
        }

        if (exception.InnerException is JsonException json)
        {
            var field = FieldOf(json.Path);
            // A syntax error comes from the reader; a value the reader could read but not convert is a field's fault.
            return IsSyntaxError(json) || field is null
                ? new(400, "malformed_json", "The request body is not valid JSON.",
                    $"The request body is not valid JSON (line {json.LineNumber + 1}, position {json.BytePositionInLine + 1}).", null)
                : new(400, "validation_failed", "The request is not valid.", $"{field} has the wrong type.", field);
        }

        if (exception.InnerException is InvalidDataException)
        {
            return new(400, "malformed_json", "The request body is not valid JSON.", "The request body could not be read as JSON.", null);
        }

        if (MissingBody().IsMatch(exception.Message))
        {
            return new(400, "validation_failed", "The request is not valid.", "A JSON request body is required.", null);
        }

        if (BindFailure().Match(exception.Message) is { Success: true } bind)
        {
            var name = bind.Groups["name"].Value;
            return new(400, "validation_failed", "The request is not valid.", $"{name} has an invalid value.", name);
        }

        return new(exception.StatusCode, "bad_request", "The request could not be read.", "The request is malformed.", null);
    }

    /// <summary>"$.shipTo.country" → "shipTo.country"; the root ("$") or no path names no field.</summary>
    private static string? FieldOf(string? path)
        => string.IsNullOrEmpty(path) || path == "$" ? null : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static bool IsSyntaxError(JsonException json)
        // System.Text.Json wraps reader failures (bad tokens, truncated input) in a JsonException whose inner
        // exception is its internal JsonReaderException; conversion failures have none.
        => json.InnerException?.GetType().Name == "JsonReaderException";

    [GeneratedRegex("^Required parameter .* was not provided from body", RegexOptions.CultureInvariant)]
    private static partial Regex MissingBody();

    // "Failed to bind parameter "int? page" from "abc"." / "Required parameter "string sku" was not provided from query string."
    [GeneratedRegex("parameter \"(?:[^\"]* )?(?<name>[A-Za-z_][A-Za-z0-9_]*)\"", RegexOptions.CultureInvariant)]
    private static partial Regex BindFailure();
}
