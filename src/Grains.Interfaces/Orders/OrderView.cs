using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Interfaces.Orders;

/// <summary>An order as the API shows it: both status axes, money, shipping and the timeline.</summary>
/// <remarks><c>ShipTo</c>: the shipping address given at checkout (null only for orders stored before it was shown).</remarks>
/// <remarks><c>PaymentActionUrl</c>: where the shopper completes a pending payment step (3-D Secure); null when none is pending.</remarks>
[GenerateSerializer]
[Alias("pe.orders.order-view")]
public sealed record OrderView(
    [Id(0)] string OrderId,
    [Id(1)] string CustomerId,
    [Id(2)] string Email,
    [Id(3)] IReadOnlyList<OrderLine> Lines,
    [Id(4)] Money Subtotal,
    [Id(5)] Money Discount,
    [Id(6)] Money Total,
    [Id(7)] Money Refunded,
    [Id(8)] int PointsRedeemed,
    [Id(9)] int PointsEarned,
    [Id(10)] PaymentStatus Payment,
    [Id(11)] FulfilmentStatus Fulfilment,
    [Id(12)] string? PaymentId,
    [Id(13)] string? LastDeclineCode,
    [Id(14)] string? ShipmentId,
    [Id(15)] string? Carrier,
    [Id(16)] string? TrackingNumber,
    [Id(17)] string? TrackingUrl,
    [Id(18)] DateTimeOffset CreatedAt,
    [Id(19)] DateTimeOffset? PaymentDueBy,
    [Id(20)] long Version,
    [Id(21)] IReadOnlyList<TimelineEntry> Timeline,
    [Id(22)] string? PaymentActionUrl = null,
    [Id(23)] Address? ShipTo = null);
