namespace PacificEdge.Runtime;

/// <summary>A per-activation timer. Not durable; stops when the activation deactivates. Dispose to stop it earlier.</summary>
public interface IGrainTimer : IDisposable
{
    /// <summary>Changes the due time and period.</summary>
    void Change(TimeSpan dueTime, TimeSpan period);
}
