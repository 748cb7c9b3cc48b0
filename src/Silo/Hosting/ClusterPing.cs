namespace PacificEdge.Silo.Hosting;

/// <summary>What a ping answers: which silo served it and how many pings the grain has persisted.</summary>
/// <param name="Key">The grain key.</param>
/// <param name="Count">Pings persisted so far, this one included (never goes back: a lost write would show).</param>
/// <param name="Silo">The silo that ran the call (address and generation).</param>
[GenerateSerializer, Immutable, Alias("pe.diag.ClusterPing")]
public sealed record ClusterPing([property: Id(0)] string Key, [property: Id(1)] long Count, [property: Id(2)] string Silo);
