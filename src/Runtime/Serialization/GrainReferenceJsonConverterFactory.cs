using System.Text.Json;
using System.Text.Json.Serialization;
using PacificEdge.Runtime.References;

namespace PacificEdge.Runtime.Serialization;

/// <summary>
/// Lets grain references be passed in calls and stored in state: a reference is written as its
/// interface and key, and read back as a live reference through this runtime's factory.
/// </summary>
internal sealed class GrainReferenceJsonConverterFactory(Func<IGrainFactory> grainFactory) : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert)
        => typeToConvert.IsInterface && typeof(IGrain).IsAssignableFrom(typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
        => (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert), grainFactory)!;

    private sealed class Converter<T>(Func<IGrainFactory> grainFactory) : JsonConverter<T>
        where T : class
    {
        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return null;
            }

            string? key = null;
            string? type = null;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException($"Expected a grain reference object for {typeof(T)}.");
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var name = reader.GetString();
                reader.Read();
                if (name == "key")
                {
                    key = reader.GetString();
                }
                else if (name == "type")
                {
                    type = reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }

            if (key is null || type is null)
            {
                throw new JsonException($"A grain reference for {typeof(T)} needs a type and a key.");
            }

            // The stored type wins over the declared one: a reference passed as a base interface
            // must still point at the same grain.
            return (T)((GrainFactory)grainFactory()).GetGrain(typeof(T), new GrainId(type, key));
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            if (value is not GrainReference reference)
            {
                throw new JsonException($"Only grain references can be serialised as {typeof(T)}; got {value.GetType()}.");
            }

            writer.WriteStartObject();
            writer.WriteString("type", reference.GrainId.Type);
            writer.WriteString("key", reference.GrainId.Key);
            writer.WriteEndObject();
        }
    }
}
