namespace PacificEdge.Runtime.Hosting;

/// <summary>Options for the silo process.</summary>
public sealed class SiloOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Runtime:Silo";

    /// <summary>A name for logs and metrics. Default: the machine name.</summary>
    public string SiloName { get; set; } = Environment.MachineName;

    /// <summary>How long a graceful stop may take to deactivate grains before the rest are dropped. Default 30 s.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
