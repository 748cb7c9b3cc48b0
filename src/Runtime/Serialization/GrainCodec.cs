using System.Text.Json;
using PacificEdge.Runtime.References;

namespace PacificEdge.Runtime.Serialization;

/// <summary>
/// The one codec for everything that crosses a grain boundary (arguments, results, persisted
/// state, messages between processes): System.Text.Json, so a local call copies values exactly
/// as a remote call would.
/// </summary>
public sealed class GrainCodec
{
    /// <summary>Creates a codec over the given serializer options.</summary>
    public GrainCodec(JsonSerializerOptions options)
    {
        Options = options;
        Options.MakeReadOnly(populateMissingResolver: true);
    }

    /// <summary>The serializer options (read-only).</summary>
    public JsonSerializerOptions Options { get; }

    /// <summary>Encodes a value as UTF-8 JSON.</summary>
    /// <exception cref="GrainSerializationException">The value's type cannot be serialised.</exception>
    public byte[] SerializeValue<T>(T value)
    {
        try
        {
            return JsonSerializer.SerializeToUtf8Bytes(value, Options);
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException)
        {
            throw new GrainSerializationException($"A value of type {typeof(T)} cannot be serialised: {ex.Message}", ex);
        }
    }

    /// <summary>Decodes a value from UTF-8 JSON.</summary>
    /// <exception cref="GrainSerializationException">The payload does not fit the type.</exception>
    public T DeserializeValue<T>(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(utf8Json, Options)!;
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException)
        {
            throw new GrainSerializationException($"A payload could not be read as {typeof(T)}: {ex.Message}", ex);
        }
    }

    internal byte[]? SerializeArguments(object?[]? arguments, GrainMethodDescriptor method)
    {
        var types = method.ParameterTypes;
        if (types.Length == 0)
        {
            return null;
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64 * types.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            for (var i = 0; i < types.Length; i++)
            {
                try
                {
                    JsonSerializer.Serialize(writer, arguments![i], types[i], Options);
                }
                catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException)
                {
                    throw new GrainSerializationException(
                        $"Argument {i} ({method.Method.GetParameters()[i].Name}) of {method} of type {types[i]} cannot be serialised: {ex.Message}", ex);
                }
            }

            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    internal object?[] DeserializeArguments(byte[]? payload, GrainMethodDescriptor method)
    {
        var types = method.ParameterTypes;
        var result = new object?[types.Length];
        if (types.Length == 0)
        {
            return result;
        }

        if (payload is null)
        {
            throw new GrainSerializationException($"{method} expects {types.Length} argument(s) but the request carried none.");
        }

        try
        {
            var reader = new Utf8JsonReader(payload);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                throw new JsonException("Arguments must be a JSON array.");
            }

            for (var i = 0; i < types.Length; i++)
            {
                if (!reader.Read() || reader.TokenType == JsonTokenType.EndArray)
                {
                    throw new JsonException($"Expected {types.Length} argument(s), got {i}.");
                }

                result[i] = JsonSerializer.Deserialize(ref reader, types[i], Options);
            }

            return result;
        }
        catch (JsonException ex)
        {
            throw new GrainSerializationException($"The arguments of {method} could not be read: {ex.Message}", ex);
        }
    }
}
