using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Interfaces.Orders;

/// <summary>An order as the API shows it: both status axes, money, shipping and the timeline.</summary>
public sealed record OrderView(
    string OrderId,
    string CustomerId,
    string Email,
    IReadOnlyList<OrderLine> Lines,
    Money Subtotal,
    Money Discount,
    Money Total,
    Money Refunded,
    int PointsRedeemed,
    int PointsEarned,
    PaymentStatus Payment,
    FulfilmentStatus Fulfilment,
    string? PaymentId,
    string? LastDeclineCode,
    string? ShipmentId,
    string? Carrier,
    string? TrackingNumber,
    string? TrackingUrl,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PaymentDueBy,
    long Version,
    IReadOnlyList<TimelineEntry> Timeline);
