using System.Net;

namespace PacificEdge.Runtime.Clustering.Transport;

/// <summary>
/// A request body that records whether it was ever written to a connection. If it was not, the
/// silo cannot have received the call, so the call is safe to retry elsewhere whatever the
/// transport error (this also catches the HTTP handler's own silent retry of a request on a
/// fresh connection after a pooled one died: the body was written once, so the outcome is unknown).
/// </summary>
internal sealed class GrainMessageContent : HttpContent
{
    private readonly byte[] _body;
    private volatile bool _written;

    public GrainMessageContent(byte[] body, string mediaType)
    {
        _body = body;
        Headers.TryAddWithoutValidation("Content-Type", mediaType);
    }

    /// <summary>Whether the body was handed to a connection (perhaps not delivered).</summary>
    public bool WasWritten => _written;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        _written = true;
        return stream.WriteAsync(_body, cancellationToken).AsTask();
    }

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        _written = true;
        stream.Write(_body);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _body.Length;
        return true;
    }
}
