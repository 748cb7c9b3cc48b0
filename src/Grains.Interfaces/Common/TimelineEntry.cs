namespace PacificEdge.Grains.Interfaces.Common;

/// <summary>What happened to a grain, when, and why: every grain keeps a timeline the API returns.</summary>
/// <param name="At">When it happened.</param>
/// <param name="Event">Short name, e.g. <c>payment.paid</c>.</param>
/// <param name="Detail">Human-readable detail (never card data or secrets).</param>
/// <param name="Version">The grain's version after the change.</param>
[GenerateSerializer]
[Immutable]
[Alias("pe.common.timeline-entry")]
public sealed record TimelineEntry([Id(0)] DateTimeOffset At, [Id(1)] string Event, [Id(2)] string Detail, [Id(3)] long Version);
