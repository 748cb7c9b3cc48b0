using System.Text.Json.Serialization;
using PacificEdge.Runtime.Messaging;

namespace PacificEdge.Runtime.Clustering.Transport;

/// <summary>
/// Source-generated System.Text.Json metadata for the JSON wire format (no reflection per message).
/// Nulls are omitted: the generated serializer would otherwise write a null byte array as "",
/// which reads back as an empty array, not null.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GrainRequest))]
[JsonSerializable(typeof(GrainResponse))]
internal sealed partial class SiloMessageJsonContext : JsonSerializerContext;
