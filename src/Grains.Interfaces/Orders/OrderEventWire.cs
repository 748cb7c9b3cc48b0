using System.Text.Json;
using System.Text.Json.Serialization;

namespace PacificEdge.Grains.Interfaces.Orders;

/// <summary>
/// How order status events travel between processes (PostgreSQL NOTIFY): one channel and one JSON
/// format, shared by the silo that sends and the front ends that listen so the two cannot drift.
/// </summary>
public static class OrderEventWire
{
    public const string Channel = "order_events";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static string Serialize(OrderStatusChanged change) => JsonSerializer.Serialize(change, Options);

    /// <exception cref="JsonException">The payload is not an order event.</exception>
    public static OrderStatusChanged? Deserialize(string payload) => JsonSerializer.Deserialize<OrderStatusChanged>(payload, Options);
}
