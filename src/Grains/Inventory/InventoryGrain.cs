using PacificEdge.Grains.Common;
using PacificEdge.Grains.Interfaces.Catalog;
using PacificEdge.Grains.Interfaces.Common;
using Orleans;
using Orleans.Runtime;

namespace PacificEdge.Grains.Inventory;

/// <summary>
/// Stock of one SKU. Each call is a turn, so "check available, then hold" can never interleave
/// with another checkout: the last unit is sold once.
/// </summary>
[GrainType("inventory")]
public sealed class InventoryGrain(
    [PersistentState("inventory", CommerceStorage.Name)] IPersistentState<InventoryState> state,
    TimeProvider time) : Grain, IInventoryGrain
{
    private const string Released = "released";
    private const string Restocked = "restocked";

    /// <summary>Written before closed orders were limited to releases and restocks; dropped on the next write.</summary>
    private const string LegacyCommitted = "committed";

    /// <summary>The stock timeline keeps what <see cref="Snapshot"/> shows: every write carries the whole state.</summary>
    private const int TimelineEntries = 50;

    private InventoryState S => state.State;

    public Task<InventorySnapshot> Get() => Task.FromResult(Snapshot());

    public async Task<InventorySnapshot> SetOnHand(int units, string reason)
    {
        if (units < 0 || units > 10_000_000)
        {
            throw new ValidationException($"Units on hand must be between 0 and 10,000,000; got {units}.");
        }

        var reserved = S.Reservations.Values.Sum();
        if (units < reserved)
        {
            throw new ConflictException($"Cannot set {this.GetPrimaryKeyString()} to {units} units: {reserved} are reserved for unpaid orders.");
        }

        S.OnHand = units;
        await SaveAsync("stock.set", $"{units} on hand ({reason})");
        return Snapshot();
    }

    public async Task<InventorySnapshot> Reserve(string orderId, int quantity)
    {
        Ids.Require(orderId, "Order id");
        if (quantity is < 1 or > 999)
        {
            throw new ValidationException($"Quantity must be between 1 and 999; got {quantity}.");
        }

        if (S.Reservations.TryGetValue(orderId, out var held))
        {
            return held == quantity
                ? Snapshot()
                : throw new ConflictException($"Order {orderId} already holds {held} of {this.GetPrimaryKeyString()}, not {quantity}.");
        }

        // A sold order never reserves again: the cart reserves only while its checkout has no order yet.
        if (S.Closed.TryGetValue(orderId, out var outcome))
        {
            return outcome is LegacyCommitted or Restocked
                ? Snapshot()
                : throw new ConflictException($"Order {orderId} already released its hold on {this.GetPrimaryKeyString()}.");
        }

        var available = S.OnHand - S.Reservations.Values.Sum();
        if (available < quantity)
        {
            throw new OutOfStockException(available <= 0
                ? $"{this.GetPrimaryKeyString()} is out of stock."
                : $"Only {available} of {this.GetPrimaryKeyString()} left; {quantity} requested.");
        }

        S.Reservations[orderId] = quantity;
        await SaveAsync("stock.reserved", $"{quantity} for {orderId}");
        return Snapshot();
    }

    public async Task<InventorySnapshot> Commit(string orderId)
    {
        if (!S.Reservations.Remove(orderId, out var quantity))
        {
            return Snapshot(); // already committed, or nothing held: idempotent
        }

        S.OnHand -= quantity;
        S.Sold += quantity;
        await SaveAsync("stock.committed", $"{quantity} sold to {orderId}");
        return Snapshot();
    }

    public async Task<InventorySnapshot> Release(string orderId)
    {
        if (!S.Reservations.Remove(orderId, out var quantity))
        {
            return Snapshot();
        }

        S.Closed[orderId] = Released;
        await SaveAsync("stock.released", $"{quantity} back from {orderId}");
        return Snapshot();
    }

    public async Task<InventorySnapshot> Restock(string orderId, int quantity)
    {
        Ids.Require(orderId, "Order id");
        if (quantity is < 1 or > 999)
        {
            throw new ValidationException($"Quantity must be between 1 and 999; got {quantity}.");
        }

        // Only the order that bought the units asks, after its commit (the same effect lane, in order). Still held,
        // released or restocked already: nothing was sold, or it is back already.
        if (S.Reservations.ContainsKey(orderId) || S.Closed.GetValueOrDefault(orderId) is Released or Restocked)
        {
            return Snapshot();
        }

        S.OnHand += quantity;
        S.Sold -= Math.Min(quantity, S.Sold);
        S.Closed[orderId] = Restocked;
        await SaveAsync("stock.restocked", $"{quantity} back from cancelled {orderId}");
        return Snapshot();
    }

    private InventorySnapshot Snapshot() => new(
        this.GetPrimaryKeyString(),
        S.OnHand,
        S.Reservations.Values.Sum(),
        new Dictionary<string, int>(S.Reservations),
        S.Version,
        S.Timeline.TakeLast(50).ToList(),
        S.Sold);

    private Task SaveAsync(string @event, string detail)
    {
        Timeline.Record(S, time.GetUtcNow(), @event, detail, TimelineEntries);
        TrimClosed();
        return state.WriteStateAsync();
    }

    /// <summary>Closed orders are only needed while a late retry could still arrive; keep the newest few thousand.</summary>
    private void TrimClosed()
    {
        const int keep = 5000;
        foreach (var legacy in S.Closed.Where(c => c.Value == LegacyCommitted).Select(c => c.Key).ToList())
        {
            S.Closed.Remove(legacy);
        }

        if (S.Closed.Count > keep)
        {
            foreach (var key in S.Closed.Keys.Take(S.Closed.Count - keep).ToList())
            {
                S.Closed.Remove(key);
            }
        }
    }
}
