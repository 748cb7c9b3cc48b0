using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace PacificEdge.Persistence;

/// <summary>
/// The one JSON format for grain state, shared by <see cref="PostgresGrainStorage"/> and
/// <see cref="JsonMemoryGrainStorage"/> so grain unit tests exercise what production stores.
/// </summary>
/// <remarks>
/// Web defaults (camelCase, case-insensitive reads), enums as their names, no type or assembly
/// names in the payload: renaming or moving a state class does not break stored state, and
/// properties added later read as their defaults. Strings must not contain U+0000 (jsonb rejects it).
/// </remarks>
public static class GrainStateJson
{
    /// <summary>The serializer options (read-only).</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Serialises a state object to JSON text.</summary>
    public static string Serialize<T>(T state) => JsonSerializer.Serialize(state, Options);

    /// <summary>Reads a state object from JSON text; a JSON <c>null</c> gives <see cref="CreateEmpty{T}"/>.</summary>
    public static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options) ?? CreateEmpty<T>();

    /// <summary>
    /// The state of a grain that has none stored: a new instance through the parameterless
    /// constructor, or, for types without one (positional records), what <c>{}</c> reads as.
    /// </summary>
    public static T CreateEmpty<T>()
    {
        var type = typeof(T);
        if (type.IsValueType || type.GetConstructor(Type.EmptyTypes) is not null)
        {
            return Activator.CreateInstance<T>();
        }

        return type == typeof(string) ? default! : JsonSerializer.Deserialize<T>("{}", Options)!;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            // Stored, never embedded in HTML: keep non-ASCII text readable in the database.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly();
        return options;
    }
}
