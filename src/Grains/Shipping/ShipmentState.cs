using System.Text.Json.Serialization;
using PacificEdge.Grains.Common;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Orders;
using PacificEdge.Grains.Interfaces.Shipping;
using PacificEdge.Persistence;

namespace PacificEdge.Grains.Shipping;

public sealed class ShipmentState : IVersionedState, IHasWakeUpTime
{
    public bool Created { get; set; }

    public ShipmentRequest? Request { get; set; }

    public ShipmentStatus Status { get; set; }

    public string? PlatformOrderId { get; set; }

    public int PushAttempts { get; set; }

    public DateTimeOffset? NextPushAt { get; set; }

    public string? Carrier { get; set; }

    public string? TrackingNumber { get; set; }

    public string? TrackingUrl { get; set; }

    public BoundedKeySet ProcessedEvents { get; set; } = new();

    /// <summary>News for the order not yet delivered to it (outbox).</summary>
    public List<ShipmentUpdate> OrderUpdates { get; set; } = [];

    /// <summary>When undelivered news is offered to the order again.</summary>
    public DateTimeOffset? NotifyAt { get; set; }

    /// <summary>Stored beside the state: the next push attempt or news delivery; the sweeper wakes the shipment then.</summary>
    [JsonIgnore]
    public DateTimeOffset? WakeUpAt => new[] { Status == ShipmentStatus.Pending ? NextPushAt : null, OrderUpdates.Count > 0 ? NotifyAt : null }.Min();

    public long Version { get; set; }

    public List<TimelineEntry> Timeline { get; set; } = [];
}
