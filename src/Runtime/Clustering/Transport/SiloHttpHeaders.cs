namespace PacificEdge.Runtime.Clustering.Transport;

/// <summary>The silo port's HTTP surface.</summary>
internal static class SiloHttpHeaders
{
    /// <summary>The one endpoint: POST a framed <see cref="Messaging.GrainRequest"/>, get a framed response.</summary>
    public const string CallPath = "/pe/grain";

    /// <summary>The silo id (address and generation) the caller meant; another incarnation at the same address answers 503.</summary>
    public const string TargetSilo = "x-pe-silo";

    /// <summary>The optional cluster shared secret.</summary>
    public const string Secret = "x-pe-cluster-secret";
}
