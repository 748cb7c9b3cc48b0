namespace PacificEdge.Grains.Demo;

/// <summary>Demo data (section <c>Commerce:Demo</c>).</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Commerce:Demo";

    /// <summary>Seed the demo catalog and stock at start-up (also set by <c>--seed-demo</c>). Default false.</summary>
    public bool Seed { get; set; }

    /// <summary>Units on hand given to each demo product that has no stock record yet. Default 100.</summary>
    public int UnitsPerProduct { get; set; } = 100;
}
