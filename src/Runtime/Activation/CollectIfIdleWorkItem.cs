namespace PacificEdge.Runtime.Activation;

/// <summary>Queued by the idle collector; deactivates only if nothing happened since it was queued.</summary>
internal sealed class CollectIfIdleWorkItem(DeactivationReason reason, TimeSpan minimumIdle) : ActivationWorkItem
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Completion => _done.Task;

    public override Task ExecuteAsync(GrainActivation activation)
    {
        if (reason is DeactivationReason.ShuttingDown or DeactivationReason.PlacementChanged || (activation.IdleFor >= minimumIdle && activation.QueueLength == 0))
        {
            activation.RequestDeactivation(reason, _done);
        }
        else
        {
            _done.TrySetResult();
        }

        return Task.CompletedTask;
    }

    public override void Fail(Exception error) => _done.TrySetResult();
}
