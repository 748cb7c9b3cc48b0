namespace PacificEdge.Runtime.Clustering;

/// <summary>How a <see cref="Messaging.GrainRequest"/> and its response are framed on the silo port.</summary>
public enum SiloWireFormat
{
    /// <summary>Length-prefixed fields, arguments and results as raw UTF-8 JSON bytes (<c>application/x-pacificedge-grain</c>).</summary>
    Binary,

    /// <summary>The messages as System.Text.Json documents, payloads base64-encoded (<c>application/json</c>); readable with curl.</summary>
    Json,
}
