namespace PacificEdge.Runtime.Hosting;

/// <summary>A silo's status, as the membership table will record it.</summary>
public enum SiloStatus
{
    /// <summary>Built, not started.</summary>
    Created,

    /// <summary>Starting: migrations, joining.</summary>
    Joining,

    /// <summary>Serving grains.</summary>
    Active,

    /// <summary>Stopping gracefully: no new activations; in-flight turns finish.</summary>
    ShuttingDown,

    /// <summary>Stopped or crashed.</summary>
    Dead,
}
