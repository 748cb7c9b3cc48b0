namespace PacificEdge.Persistence;

/// <summary>
/// Grain state that has work due at a time (owed effects to retry). <see cref="PostgresGrainStorage"/> stores the time
/// beside the state in the same write, so asking to be woken costs no statement of its own, and
/// <see cref="GrainWakeUps"/> finds the grains whose time has passed (their activation died before doing the work).
/// </summary>
public interface IHasWakeUpTime
{
    /// <summary>When the grain has work due; null when it has none.</summary>
    DateTimeOffset? WakeUpAt { get; }
}
