using System.Collections.Concurrent;

namespace PacificEdge.Silo.Tests.Chaos;

/// <summary>What the shoppers of a chaos run saw: every checkout key and the orders it answered with, every payment the
/// store accepted, and every 5xx or transport failure. The books are checked against it afterwards.</summary>
public sealed class ShopperLog
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<string>> _ordersByKey = new();
    private readonly ConcurrentDictionary<string, AcknowledgedOrder> _orders = new();
    private readonly ConcurrentDictionary<string, bool> _paid = new();
    private readonly ConcurrentQueue<string> _serverErrors = new();
    private readonly ConcurrentQueue<string> _unexpected = new();
    private int _transportFailures;
    private int _keysTried;
    private int _outOfStock;

    /// <summary>Checkout keys sent at least once.</summary>
    public int KeysTried => Volatile.Read(ref _keysTried);

    /// <summary>Orders a checkout answered 201 for, by id.</summary>
    public IReadOnlyDictionary<string, AcknowledgedOrder> Orders => _orders;

    /// <summary>Orders whose payment the store accepted (202).</summary>
    public IReadOnlyCollection<string> PaidOrders => _paid.Keys.ToList();

    /// <summary>Every 5xx answer ("503 POST /api/carts/…/checkout: body").</summary>
    public IReadOnlyCollection<string> ServerErrors => _serverErrors.ToList();

    /// <summary>Final 4xx answers other than out-of-stock (must be none: the shoppers send valid requests).</summary>
    public IReadOnlyCollection<string> UnexpectedAnswers => _unexpected.ToList();

    /// <summary>Requests cut off without an answer (the web process never went down, so these are timeouts).</summary>
    public int TransportFailures => Volatile.Read(ref _transportFailures);

    /// <summary>Checkouts refused because a SKU ran out (expected once stock is low).</summary>
    public int OutOfStock => Volatile.Read(ref _outOfStock);

    public void KeyTried() => Interlocked.Increment(ref _keysTried);

    public void CheckoutAnswered(string key, AcknowledgedOrder order)
    {
        _ordersByKey.GetOrAdd(key, _ => []).Add(order.OrderId);
        _orders.TryAdd(order.OrderId, order);
    }

    public void PaymentAccepted(string orderId) => _paid.TryAdd(orderId, true);

    public void ServerError(string description) => _serverErrors.Enqueue(description);

    public void UnexpectedAnswer(string description) => _unexpected.Enqueue(description);

    public void TransportFailure() => Interlocked.Increment(ref _transportFailures);

    public void OutOfStockRefusal() => Interlocked.Increment(ref _outOfStock);

    /// <summary>Keys that were answered with more than one order id (must be none).</summary>
    public IReadOnlyList<string> KeysWithTwoOrders()
        => _ordersByKey.Where(k => k.Value.Distinct().Count() > 1).Select(k => $"{k.Key}: {string.Join(", ", k.Value.Distinct())}").ToList();

    /// <summary>Keys never answered with an order (each may or may not have created one).</summary>
    public int UnansweredKeys => KeysTried - _ordersByKey.Count;
}

/// <summary>An order a checkout acknowledged, with what the shopper needs to reach it.</summary>
public sealed record AcknowledgedOrder(string OrderId, string? AccessToken, string? CustomerId);
