namespace PacificEdge.Grains.Interfaces.Common;

/// <summary>
/// A grain whose state stores when it has work due (owed effects to retry). The silos' wake-up sweeper calls it when
/// that time has passed and no activation did the work first (the one that owed it died).
/// </summary>
[Alias("wake-up")]
public interface IWakeUpGrain : IGrainWithStringKey
{
    /// <summary>Does whatever is due now; nothing when nothing is. Idempotent.</summary>
    Task WakeUp();
}
