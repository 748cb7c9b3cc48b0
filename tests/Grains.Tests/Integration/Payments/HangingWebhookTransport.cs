using PacificEdge.Grains.Integration.Payments;
using PacificEdge.Simulators.Payments;

namespace PacificEdge.Grains.Tests.Integration.Payments;

/// <summary>A webhook endpoint that never answers: each delivery waits until it is cancelled.</summary>
internal sealed class HangingWebhookTransport : IPaymentWebhookTransport
{
    private readonly TaskCompletionSource entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first delivery has started.</summary>
    public Task Entered => entered.Task;

    public async Task DeliverAsync(string payload, string signatureHeader, CancellationToken cancellationToken)
    {
        entered.TrySetResult();
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }
}
