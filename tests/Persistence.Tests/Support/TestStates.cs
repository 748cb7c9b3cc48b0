namespace PacificEdge.Persistence.Tests.Support;

public enum OrderStatus
{
    Draft,
    Paid,
    Shipped,
}

public sealed record Line(string Sku, int Quantity, decimal UnitPrice);

/// <summary>Shaped like the project's state classes: mutable, collections, records, enums, decimals, times, nullables.</summary>
public sealed class RichState
{
    public string Name { get; set; } = string.Empty;
    public int Counter { get; set; }
    public decimal Total { get; set; }
    public OrderStatus Status { get; set; }
    public OrderStatus? PreviousStatus { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? PaidAt { get; set; }
    public int? Optional { get; set; }
    public List<Line> Lines { get; set; } = [];
    public Dictionary<string, decimal> Prices { get; set; } = [];
    public Dictionary<OrderStatus, int> CountsByStatus { get; set; } = [];
    public HashSet<string> Tags { get; set; } = [];
    public Line? Highlight { get; set; }

    public static RichState Sample(int seed) => new()
    {
        Name = $"state-{seed} ключ 😀 \"quoted\"",
        Counter = seed,
        Total = 1234567.89m + seed,
        Status = OrderStatus.Paid,
        PreviousStatus = OrderStatus.Draft,
        CreatedAt = new DateTimeOffset(2026, 12, 1, 14, 30, 15, 123, TimeSpan.FromHours(2)),
        PaidAt = null,
        Optional = seed % 2 == 0 ? null : seed,
        Lines = [new Line("SKU-1", 2, 9.99m), new Line("SKU-2", 1, 0.10m)],
        Prices = new() { ["SKU-1"] = 9.99m, ["SKU-2"] = 0.10m },
        CountsByStatus = new() { [OrderStatus.Paid] = 3, [OrderStatus.Shipped] = 1 },
        Tags = ["gift", "priority"],
        Highlight = new Line("SKU-3", 7, 100m),
    };
}

/// <summary>A positional record as state (no parameterless constructor).</summary>
public sealed record RecordState(string Name, int Count, IReadOnlyList<string> Items);

/// <summary>A simple value holder used where only identity matters.</summary>
public sealed class ValueState
{
    public string Value { get; set; } = string.Empty;
}
