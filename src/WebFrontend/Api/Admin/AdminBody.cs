using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PacificEdge.WebFrontend.Api.Admin;

/// <summary>
/// A strictly read admin request body: a JSON object with only the documented fields, each of the right type,
/// then checked field by field by <see cref="IAdminRequest.Validate"/>. Binding never throws for a bad body: it
/// keeps a 400 problem (code <c>unknown_field</c>, <c>malformed_json</c> or <c>validation_failed</c>, with
/// <c>errors</c> by field) that <see cref="AdminBodyFilter"/> answers before the handler runs. Why not the default
/// binder: it ignores unknown fields (a misspelt <c>onHand</c> silently set stock to 0) and names no field.
/// </summary>
public sealed class AdminBody<T> : IBindableFromHttpContext<AdminBody<T>>, IAdminBody
    where T : class, IAdminRequest
{
    private readonly T? _value;

    private AdminBody(T? value, ProblemHttpResult? problem)
    {
        _value = value;
        Problem = problem;
    }

    /// <summary>The valid body (only read by handlers, which run only when there is no <see cref="Problem"/>).</summary>
    public T Value => _value ?? throw new InvalidOperationException("The body was not valid; AdminBodyFilter answers before the handler runs.");

    public ProblemHttpResult? Problem { get; }

    public static async ValueTask<AdminBody<T>?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        if (!context.Request.HasJsonContentType())
        {
            return Refuse(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", "The body must be JSON (Content-Type: application/json).", []);
        }

        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException)
        {
            return Refuse(StatusCodes.Status400BadRequest, "malformed_json", "The request body is not valid JSON.", []);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Refuse(StatusCodes.Status400BadRequest, "validation_failed", "The body must be a JSON object.", []);
            }

            var typeInfo = options.GetTypeInfo(typeof(T));
            var known = typeInfo.Properties.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
            var unknown = document.RootElement.EnumerateObject().Select(p => p.Name).Where(name => !known.ContainsKey(name)).ToList();
            if (unknown.Count > 0)
            {
                var allowed = string.Join(", ", typeInfo.Properties.Select(p => p.Name));
                return Refuse(StatusCodes.Status400BadRequest, "unknown_field",
                    $"Unknown field '{unknown[0]}'. Allowed fields: {allowed}.",
                    unknown.Select(name => new FieldError(name, $"'{name}' is not a field of this request (allowed: {allowed}).")).ToList());
            }

            // Field by field, so each wrongly typed field is named (a whole-object read stops at the first).
            var wrongType = document.RootElement.EnumerateObject()
                .Where(p => !Fits(p.Value, known[p.Name], options))
                .Select(p => new FieldError(known[p.Name].Name, $"'{known[p.Name].Name}' must be {Expected(known[p.Name].PropertyType)}."))
                .ToList();
            if (wrongType.Count > 0)
            {
                return Refuse(StatusCodes.Status400BadRequest, "validation_failed", wrongType[0].Message, wrongType);
            }

            var value = document.RootElement.Deserialize<T>(options)!;
            var errors = value.Validate().ToList();
            return errors.Count > 0
                ? Refuse(StatusCodes.Status400BadRequest, "validation_failed", errors[0].Message, errors)
                : new AdminBody<T>(value, null);
        }
    }

    // Strict kinds (no "5" for 5: the web defaults would read numbers from strings), then a read for range and fraction.
    private static bool Fits(JsonElement value, JsonPropertyInfo property, JsonSerializerOptions options)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var kindFits = value.ValueKind switch
        {
            JsonValueKind.Null => true,
            JsonValueKind.Number => type == typeof(int) || type == typeof(long) || type == typeof(decimal) || type == typeof(double),
            JsonValueKind.String => type == typeof(string),
            JsonValueKind.True or JsonValueKind.False => type == typeof(bool),
            _ => false,
        };
        if (!kindFits)
        {
            return false;
        }

        try
        {
            value.Deserialize(property.PropertyType, options);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Expected(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(int) || t == typeof(long) => "a whole number",
        var t when t == typeof(decimal) || t == typeof(double) => "a number",
        var t when t == typeof(bool) => "true or false",
        var t when t == typeof(string) => "a string",
        _ => "of the documented type",
    };

    private static AdminBody<T> Refuse(int status, string code, string detail, IReadOnlyList<FieldError> errors)
        => new(null, TypedResults.Problem(
            detail: detail,
            statusCode: status,
            title: "The request is not valid.",
            type: $"https://pacificedge.example/problems/{code}",
            extensions: new Dictionary<string, object?>
            {
                ["code"] = code,
                // The first bad field, as every other route names it; all of them under errors.
                ["field"] = errors.Count > 0 ? errors[0].Field : null,
                ["errors"] = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            }));
}

/// <summary>What <see cref="AdminBodyFilter"/> looks for among an endpoint's arguments.</summary>
public interface IAdminBody
{
    ProblemHttpResult? Problem { get; }
}
