namespace PacificEdge.Simulators.Payments;

/// <summary>
/// In-process nudges between the durable sandbox gateway and its delivery loop: the gateway wakes the loop when it
/// writes work (so a webhook need not wait for the next poll), and the loop announces each finished pass (so
/// <see cref="SandboxWebhookDispatcher.WhenIdleAsync"/> can wait without polling on a timer).
/// </summary>
public sealed class SandboxWebhookSignal
{
    private TaskCompletionSource wake = NewSource();
    private TaskCompletionSource pass = NewSource();

    /// <summary>Asks the loop to run a pass now (coalesced: many wakes before a pass cause one pass).</summary>
    public void Wake() => Volatile.Read(ref wake).TrySetResult();

    /// <summary>Waits until <see cref="Wake"/> is called or <paramref name="timeout"/> passes on <paramref name="time"/>.</summary>
    public async Task WaitForWakeAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var source = Volatile.Read(ref wake);
        if (!source.Task.IsCompleted && timeout > TimeSpan.Zero)
        {
            using var delayCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(timeout, time, delayCancellation.Token);
            await Task.WhenAny(source.Task, delay).ConfigureAwait(false);
            await delayCancellation.CancelAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        // Re-armed before the pass runs, so a wake during the pass is not lost (it completes the new source).
        if (source.Task.IsCompleted)
        {
            Interlocked.CompareExchange(ref wake, NewSource(), source);
        }
    }

    /// <summary>A task that completes when the pass after this call finishes.</summary>
    public Task NextPassAsync() => Volatile.Read(ref pass).Task;

    /// <summary>Called by the loop after each pass.</summary>
    public void PassCompleted() => Interlocked.Exchange(ref pass, NewSource()).TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
