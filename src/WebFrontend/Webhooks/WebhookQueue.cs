using System.Threading.Channels;
using PacificEdge.WebFrontend.Data;

namespace PacificEdge.WebFrontend.Webhooks;

/// <summary>
/// Stored events waiting for the processor in this process: events this process stored and claimed at intake, and ids
/// of events to claim first (admin replay). The periodic scan catches anything missed.
/// </summary>
public sealed class WebhookQueue
{
    private readonly Channel<WebhookWork> _channel = Channel.CreateBounded<WebhookWork>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Signals a stored event to claim; if the queue is full the scan picks it up later.</summary>
    public void Enqueue(long id) => _channel.Writer.TryWrite(new WebhookWork(id, null));

    /// <summary>Hands over an event this process already claimed; if the queue is full the scan picks it up when its lease ends.</summary>
    public void EnqueueClaimed(WebhookEvent claimed) => _channel.Writer.TryWrite(new WebhookWork(claimed.Id, claimed));

    public ChannelReader<WebhookWork> Reader => _channel.Reader;
}

/// <summary>An event for the processor: <see cref="Claimed"/> when this process holds its lease already.</summary>
public sealed record WebhookWork(long Id, WebhookEvent? Claimed);
