using System.Text.Json;

namespace PacificEdge.WebFrontend.Data;

/// <summary>An order from the old shop (read-only history; lines as the import stored them: sku, name, quantity, unitPrice).</summary>
public sealed record ImportedOrder(string OrderNumber, string CustomerId, DateTimeOffset OrderedAt, string Status, decimal Total, string Currency, JsonElement Lines);
