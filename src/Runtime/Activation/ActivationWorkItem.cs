namespace PacificEdge.Runtime.Activation;

/// <summary>One unit of work in an activation's mailbox: a call, a timer tick, or a collection check.</summary>
internal abstract class ActivationWorkItem
{
    /// <summary>Whether running it counts as activity (keeps the activation from idle collection).</summary>
    public virtual bool IsActivity => false;

    /// <summary>Runs the work as a turn. Must not throw: failures are reported to whoever waits.</summary>
    public abstract Task ExecuteAsync(GrainActivation activation);

    /// <summary>The work cannot run here (activation failed, silo stopping); report it.</summary>
    public abstract void Fail(Exception error);

    /// <summary>Where work goes when its activation is gone: another activation, or nowhere.</summary>
    public virtual bool CanRedirect => false;
}
