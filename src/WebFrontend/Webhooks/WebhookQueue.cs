using System.Threading.Channels;

namespace PacificEdge.WebFrontend.Webhooks;

/// <summary>Stored event ids waiting for the processor in this process (the periodic scan catches anything missed).</summary>
public sealed class WebhookQueue
{
    private readonly Channel<long> _channel = Channel.CreateBounded<long>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Signals a stored event; if the queue is full the scan picks it up later.</summary>
    public void Enqueue(long id) => _channel.Writer.TryWrite(id);

    public ChannelReader<long> Reader => _channel.Reader;
}
