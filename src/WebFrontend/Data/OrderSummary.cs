namespace PacificEdge.WebFrontend.Data;

/// <summary>One row of an order list.</summary>
public sealed record OrderSummary(
    string OrderId,
    string CustomerId,
    string Payment,
    string Fulfilment,
    decimal Total,
    string Currency,
    string LastEvent,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A page of results.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, long Total);
