namespace PacificEdge.Grains.Interfaces.Shipping;

/// <summary>What the shipping platform said about one shipment's order: its platform order id, or why not.</summary>
/// <param name="PlatformOrderId">Set when the platform holds the order.</param>
/// <param name="Error">Why the push failed.</param>
/// <param name="Transient">Whether the failure may pass on its own (the platform failing, rather than refusing the order).</param>
[GenerateSerializer]
[Immutable]
[Alias("pe.shipping.shipment-push-result")]
public sealed record ShipmentPushResult([Id(0)] string? PlatformOrderId, [Id(1)] string? Error, [Id(2)] bool Transient);
