using System.Collections.Concurrent;
using PacificEdge.Grains.Integration.Payments;
using PacificEdge.Simulators.Payments;

namespace PacificEdge.Grains.Tests.Integration.Support;

/// <summary>Captures what the sandbox gateway delivers; can fail the first N attempts (or all).</summary>
public sealed class RecordingWebhookTransport : IPaymentWebhookTransport
{
    private readonly ConcurrentQueue<DeliveredWebhook> delivered = new();
    private int failuresLeft;
    private int attempts;

    public IReadOnlyList<DeliveredWebhook> Delivered => delivered.ToArray();

    public int Attempts => Volatile.Read(ref attempts);

    /// <summary>Fail this many attempts from now on (int.MaxValue: always).</summary>
    public void FailNext(int count) => Volatile.Write(ref failuresLeft, count);

    public Task DeliverAsync(string payload, string signatureHeader, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref attempts);
        if (Interlocked.Decrement(ref failuresLeft) >= 0)
        {
            throw new HttpRequestException("Webhook endpoint unavailable (test).");
        }

        Interlocked.Exchange(ref failuresLeft, 0);
        delivered.Enqueue(new DeliveredWebhook(payload, signatureHeader));
        return Task.CompletedTask;
    }
}

public sealed record DeliveredWebhook(string Payload, string SignatureHeader);
