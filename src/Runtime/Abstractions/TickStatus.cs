namespace PacificEdge.Runtime;

/// <summary>Describes one reminder tick.</summary>
/// <param name="FirstTickTime">When the reminder was first due.</param>
/// <param name="Period">The period, or <see langword="null"/> for a one-shot reminder.</param>
/// <param name="CurrentTickTime">The due time of this tick (in the past if it was caught up after downtime).</param>
/// <param name="Attempt">1 for the first delivery of this tick, higher for retries after a failure.</param>
public readonly record struct TickStatus(DateTimeOffset FirstTickTime, TimeSpan? Period, DateTimeOffset CurrentTickTime, int Attempt);
